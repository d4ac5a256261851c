using System.Runtime.CompilerServices;

namespace MarketSim.Analysis;

/// <summary>
/// PRIM's pasting phase (Friedman and Fisher 1999), as the EMA Workbench runs it: peeling is greedy and may cut
/// too far, so each restricted limit is offered back. A continuous lower limit moves down to the (1 - alpha)
/// quantile of the remaining points that lie below it and inside every other limit (an upper limit likewise up to
/// the alpha quantile above it); a categorical dimension may regain one value. The best candidate by the objective
/// is taken while it keeps a gain, raises the density and grows the box.
/// </summary>
internal static class PrimPasting
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PrimMove? BestPaste(PrimSpace space, PrimBoxState box, PrimOptions options)
    {
        var restricted = space.DimensionOrder.Where(box.IsRestricted).ToArray();
        if (restricted.Length == 0) return null;
        var violation = new int[space.N]; // indexed by point; only the remaining points' entries are read
        foreach (var i in box.Remaining) violation[i] = box.Violation(i);
        PrimMove? best = null;
        foreach (var u in restricted)
        {
            if (space.Categorical[u])
            {
                for (var v = 0; v < space.Values[u].Length; v++)
                    if (!box.Allowed[u][v])
                        best = Prim.Better(best, Grow(space, box, u, PrimMoveKind.AddValue, double.NaN, v,
                            i => violation[i] == 2 * u && space.ValueIndex[u][i] == v), space, box, options);
                continue;
            }
            var below = box.Remaining.Where(i => violation[i] == 2 * u || (box.InBox[i] && space.X[i][u] <= box.Low[u]))
                .Select(i => space.X[i][u]).Order().ToList();
            var low = below.Count > 0 ? PrimQuantile.Of(below, 1 - options.PasteAlpha) : space.DataLow[u];
            best = Prim.Better(best, Grow(space, box, u, PrimMoveKind.Low, low, -1,
                i => violation[i] == 2 * u && space.X[i][u] >= low), space, box, options);
            var above = box.Remaining.Where(i => violation[i] == 2 * u + 1 || (box.InBox[i] && space.X[i][u] >= box.High[u]))
                .Select(i => space.X[i][u]).Order().ToList();
            var high = above.Count > 0 ? PrimQuantile.Of(above, options.PasteAlpha) : space.DataHigh[u];
            best = Prim.Better(best, Grow(space, box, u, PrimMoveKind.High, high, -1,
                i => violation[i] == 2 * u + 1 && space.X[i][u] <= high), space, box, options);
        }
        if (best is null) return null;
        var grows = best.Points > box.Points && (double)best.Points / space.N >= options.MinimumMass;
        var denser = (double)best.TargetPoints / best.Points > (double)box.TargetPoints / box.Points;
        return grows && denser && best.Score > 0 ? best : null;
    }

    /// <summary>The box plus the remaining points that <paramref name="joins"/> admits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static PrimMove Grow(PrimSpace space, PrimBoxState box, int u, PrimMoveKind kind, double limit, int value,
        Func<int, bool> joins)
    {
        int points = box.Points, targets = box.TargetPoints;
        foreach (var i in box.Remaining)
        {
            if (box.InBox[i] || !joins(i)) continue;
            points++;
            if (space.Target[i]) targets++;
        }
        return new PrimMove(u, kind, limit, value, points, targets);
    }
}
