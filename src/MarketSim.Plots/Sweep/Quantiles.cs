namespace MarketSim.Plots.Sweep;

internal static class Quantiles
{
    /// <summary>The q-quantile with linear interpolation between order statistics (R type 7, numpy's default).</summary>
    public static double Of(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0) return double.NaN;
        var h = (sorted.Count - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
