namespace MarketSim.Analysis;

/// <summary>PRIM settings: peel this share of the box per step, stop before the box holds less than MinimumMass
/// of all points, and select the densest step that still covers MinimumCoverage of the target points.</summary>
public sealed record PrimOptions(double PeelAlpha = 0.05, double MinimumMass = 0.05, double MinimumCoverage = 0.5);

/// <summary>One box of the peeling trajectory; bounds are the smallest and largest in-box value per dimension.</summary>
public sealed record PrimStep(int Step, double[] Low, double[] High, int Points, int TargetPoints,
    double Coverage, double Density, double Mass);

/// <summary>The peeling trajectory, the index of the selected step, and the data range (to tell restrictions).</summary>
public sealed record PrimResult(IReadOnlyList<PrimStep> Steps, int Selected, double[] DataLow, double[] DataHigh)
{
    public bool IsRestricted(PrimStep step, int dimension) =>
        step.Low[dimension] > DataLow[dimension] || step.High[dimension] < DataHigh[dimension];
}

/// <summary>
/// Patient Rule Induction Method (Friedman and Fisher 1999), peeling only: each step removes the PeelAlpha share of
/// in-box points from the low or high end of one dimension, whichever leaves the densest box. Ties of a discrete
/// dimension are peeled together, so a boolean or category index is removed one value at a time.
/// </summary>
public static class Prim
{
    public static PrimResult Peel(double[][] x, bool[] target, PrimOptions? options = null)
    {
        options ??= new PrimOptions();
        if (x.Length != target.Length) throw new ArgumentException("one target flag per point is needed");
        if (x.Length == 0) throw new ArgumentException("no points to peel", nameof(x));
        var d = x[0].Length;
        var targetTotal = target.Count(t => t);
        if (targetTotal == 0) throw new ArgumentException("no target points: nothing to describe", nameof(target));

        var n = x.Length;
        var inBox = Enumerable.Range(0, n).ToList();
        var low = new double[d];
        var high = new double[d];
        for (var j = 0; j < d; j++)
        {
            low[j] = x.Min(p => p[j]);
            high[j] = x.Max(p => p[j]);
        }
        var dataLow = (double[])low.Clone();
        var dataHigh = (double[])high.Clone();
        var steps = new List<PrimStep> { MakeStep(0, low, high, inBox.Count, targetTotal, targetTotal, n) };

        while (steps[^1].Density < 1)
        {
            var best = BestPeel(x, target, inBox, d, options.PeelAlpha);
            if (best is null || (double)best.Kept.Count / n < options.MinimumMass) break;
            inBox = best.Kept;
            low[best.Dimension] = inBox.Min(i => x[i][best.Dimension]);
            high[best.Dimension] = inBox.Max(i => x[i][best.Dimension]);
            steps.Add(MakeStep(steps.Count, low, high, inBox.Count, best.Targets, targetTotal, n));
        }

        var selected = 0;
        for (var s = 1; s < steps.Count; s++)
            if (steps[s].Coverage >= options.MinimumCoverage && steps[s].Density > steps[selected].Density)
                selected = s;
        return new PrimResult(steps, selected, dataLow, dataHigh);
    }

    private sealed record Candidate(int Dimension, List<int> Kept, int Targets);

    /// <summary>The densest admissible peel; ties go to the larger box, then the lower dimension, low end first.</summary>
    private static Candidate? BestPeel(double[][] x, bool[] target, List<int> inBox, int d, double alpha)
    {
        Candidate? best = null;
        double bestDensity = -1;
        var count = inBox.Count;
        var peel = Math.Max(1, (int)Math.Floor(alpha * count));
        for (var j = 0; j < d; j++)
        {
            var dim = j;
            var sorted = inBox.Select(i => x[i][dim]).Order().ToArray();
            if (sorted[0] == sorted[^1]) continue;
            var lowCut = sorted[peel - 1];
            var highCut = sorted[count - peel];
            foreach (var fromLow in new[] { true, false })
            {
                var kept = fromLow
                    ? inBox.Where(i => x[i][dim] > lowCut).ToList()
                    : inBox.Where(i => x[i][dim] < highCut).ToList();
                if (kept.Count == 0) continue;
                var targets = kept.Count(i => target[i]);
                var density = (double)targets / kept.Count;
                if (best is null || density > bestDensity || (density == bestDensity && kept.Count > best.Kept.Count))
                {
                    best = new Candidate(dim, kept, targets);
                    bestDensity = density;
                }
            }
        }
        return best;
    }

    private static PrimStep MakeStep(int step, double[] low, double[] high, int points, int targets, int targetTotal,
        int n) => new(step, (double[])low.Clone(), (double[])high.Clone(), points, targets,
        (double)targets / targetTotal, (double)targets / points, (double)points / n);
}
