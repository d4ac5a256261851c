namespace MarketSim.Analysis;

/// <summary>A share with its Wilson score interval; all NaN when there are no trials.</summary>
public readonly record struct ShareInterval(double Share, double Low, double High);

/// <summary>
/// Wilson (1927) score interval for a binomial proportion: unlike the normal approximation it stays inside [0, 1]
/// and keeps its coverage when the share is near 0 or 1, which is where "is the capex justified?" often lands.
/// </summary>
public static class WilsonInterval
{
    public static ShareInterval Compute(int successes, int n, double z = 1.96)
    {
        if (n < 0 || successes < 0 || successes > n)
            throw new ArgumentOutOfRangeException(nameof(successes), $"need 0 <= successes <= n, got {successes} of {n}");
        if (n == 0) return new ShareInterval(double.NaN, double.NaN, double.NaN);
        var p = (double)successes / n;
        var z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2.0 * n)) / denominator;
        var half = z / denominator * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new ShareInterval(p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
