using System.Runtime.CompilerServices;

namespace MarketSim.Analysis;

/// <summary>
/// Patient Rule Induction Method (Friedman and Fisher 1999) as the EMA Workbench runs it for scenario discovery
/// (Bryant and Lempert 2010; Kwakkel 2017): peel the box of all points, one alpha share of one dimension at a time,
/// then paste back what raises the density, then remove the selected box's points and look for the next box.
/// Continuous limits are cut between data values at the alpha quantile of the box (the Workbench's get_quantile);
/// a categorical dimension loses or regains one value at a time. Candidates are scored by the objective; ties go to
/// the box restricting fewer dimensions, then to continuous dimensions before categorical ones, upper end first.
/// Every step carries the quasi-p values of its restrictions (<see cref="PrimQuasiP"/>).
/// </summary>
public static class Prim
{
    /// <summary>The first box only (peeled and pasted), with every dimension continuous.</summary>
    public static PrimResult Peel(double[][] x, bool[] target, PrimOptions? options = null) =>
        Find(x, target, null, (options ?? new PrimOptions()) with { MaxBoxes = 1 })[0];

    /// <summary>
    /// Up to MaxBoxes boxes in sequence. <paramref name="firstBoxStep"/> replaces the first box's selected step (an
    /// analyst's pick on its trajectory); it must be one of its steps.
    /// </summary>
    public static IReadOnlyList<PrimResult> Find(double[][] x, bool[] target, bool[]? categorical, PrimOptions options,
        int? firstBoxStep = null)
    {
        if (x.Length != target.Length) throw new ArgumentException("one target flag per point is needed");
        if (x.Length == 0) throw new ArgumentException("no points to peel", nameof(x));
        if (!target.Any(t => t)) throw new ArgumentException("no target points: nothing to describe", nameof(target));
        var space = new PrimSpace(x, target, categorical ?? new bool[x[0].Length]);
        var remaining = Enumerable.Range(0, x.Length).ToArray();
        var boxes = new List<PrimResult>();
        var targets = target.Count(t => t);
        while (boxes.Count < options.MaxBoxes && remaining.Count(i => target[i]) >= Math.Max(1, options.MinimumTargetsLeft * targets)
               && remaining.Length >= options.MinimumMass * x.Length)
        {
            var steps = FindBox(space, remaining, options);
            var selected = Select(steps, options.MinimumCoverage);
            if (boxes.Count == 0 && firstBoxStep is { } chosen)
            {
                if (chosen < 0 || chosen >= steps.Count)
                    throw new ArgumentOutOfRangeException(nameof(firstBoxStep),
                        $"step {chosen} is not on the trajectory; allowed 0 to {steps.Count - 1}");
                selected = chosen;
            }
            if (boxes.Count > 0 && selected == 0) break; // nothing left that a box can describe better than its surroundings
            boxes.Add(new PrimResult(steps, selected, space.DataLow, space.DataHigh) { Box = boxes.Count + 1 });
            var box = steps[selected];
            remaining = remaining.Where(i => !space.Contains(box, i)).ToArray();
        }
        return boxes;
    }

    /// <summary>The densest step whose box still holds MinimumCoverage of the targets it started from (earliest on ties).</summary>
    private static int Select(IReadOnlyList<PrimStep> steps, double minimumCoverage)
    {
        var selected = 0;
        for (var s = 1; s < steps.Count; s++)
            if (steps[s].TargetPoints >= minimumCoverage * steps[0].TargetPoints && steps[s].Density > steps[selected].Density)
                selected = s;
        return selected;
    }

    private static List<PrimStep> FindBox(PrimSpace space, int[] remaining, PrimOptions options)
    {
        var box = new PrimBoxState(space, remaining);
        var steps = new List<PrimStep> { box.Snapshot(0, PrimPhase.Start) };
        while (BestPeel(space, box, options) is { } peel)
        {
            box.Apply(peel);
            steps.Add(box.Snapshot(steps.Count, PrimPhase.Peel));
        }
        while (PrimPasting.BestPaste(space, box, options) is { } paste)
        {
            box.Apply(paste);
            steps.Add(box.Snapshot(steps.Count, PrimPhase.Paste));
        }
        return steps;
    }

    /// <summary>The best peel, or null when it would not shrink the box above the minimum mass with a gain.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static PrimMove? BestPeel(PrimSpace space, PrimBoxState box, PrimOptions options)
    {
        PrimMove? best = null;
        foreach (var j in space.DimensionOrder)
        {
            if (space.Categorical[j])
            {
                if (box.Allowed[j].Count(a => a) < 2) continue;
                foreach (var move in box.WithoutEachValue(j)) best = Better(best, move, space, box, options);
                continue;
            }
            var sorted = box.SortedInBox(j);
            best = Better(best, box.WithHigh(j, PrimQuantile.Of(sorted.Values, 1 - options.PeelAlpha), sorted), space, box, options);
            best = Better(best, box.WithLow(j, PrimQuantile.Of(sorted.Values, options.PeelAlpha), sorted), space, box, options);
        }
        if (best is null) return null;
        var mass = (double)best.Points / space.N;
        return mass >= options.MinimumMass && best.Points < box.Points && best.Score > 0 ? best : null;
    }

    /// <summary>Keeps the earlier candidate unless the later one scores higher or ties and restricts fewer dimensions.</summary>
    internal static PrimMove? Better(PrimMove? best, PrimMove candidate, PrimSpace space, PrimBoxState box, PrimOptions options)
    {
        candidate.Score = Objective(options.Objective, box.Points, box.TargetPoints, candidate.Points, candidate.TargetPoints);
        candidate.Restricted = box.RestrictedCountAfter(candidate);
        if (best is null || candidate.Score > best.Score
            || (candidate.Score == best.Score && candidate.Restricted < best.Restricted)) return candidate;
        return best;
    }

    internal static double Objective(PrimObjective objective, int oldPoints, int oldTargets, int newPoints, int newTargets)
    {
        var oldMean = (double)oldTargets / oldPoints;
        var newMean = newPoints > 0 ? (double)newTargets / newPoints : 0;
        if (objective == PrimObjective.Original) return newPoints > 0 ? newMean : -1;
        if (oldMean == newMean) return 0;
        var change = Math.Abs(newPoints - oldPoints);
        return objective == PrimObjective.Lenient1 ? (newMean - oldMean) / change : newPoints * (newMean - oldMean) / change;
    }
}

/// <summary>The EMA Workbench's quantile for peeling and pasting: a cut halfway between two distinct data values.</summary>
internal static class PrimQuantile
{
    public static double Of(IReadOnlyList<double> sorted, double quantile)
    {
        var position = (sorted.Count - 1) * quantile;
        var (low, high) = ((int)Math.Floor(position), (int)Math.Ceiling(position));
        if (quantile > 0.5)
            while (sorted[low] == sorted[high] && low > 0) low--;
        else
            while (sorted[low] == sorted[high] && high < sorted.Count - 1) high++;
        return (sorted[low] + sorted[high]) / 2;
    }
}
