namespace MarketSim.Analysis;

/// <summary>Sobol indices estimated on the first <see cref="BaseSamples"/> base samples of a design.</summary>
public sealed record SobolConvergenceStep(int BaseSamples, SobolResult Result);

/// <summary>
/// Whether N was large enough: the same estimators on the first N/8, N/4, N/2 and all N base samples (Saltelli
/// blocks). A Sobol sequence's leading power-of-two blocks are balanced designs of their own, so each prefix is a
/// smaller design of the same kind; indices that still move between N/2 and N, or intervals that do not shrink
/// like 1/sqrt(N), say that more samples would change the answer.
/// </summary>
public static class SobolConvergence
{
    /// <summary>
    /// <paramref name="whole"/>, when given, is the estimate on all N base samples with the same bootstrap, seed and
    /// confidence level (the Sobol table's), used as the last step instead of estimating it again.
    /// </summary>
    public static IReadOnlyList<SobolConvergenceStep> Analyze(ReadOnlySpan<double> y, int dimensions, bool secondOrder,
        int bootstrap = 1000, int seed = 0, double confidenceLevel = 0.95, SobolResult? whole = null)
    {
        var block = SobolIndices.BlockSize(dimensions, secondOrder);
        var n = y.Length / block;
        var steps = new List<SobolConvergenceStep>();
        foreach (var size in new[] { n / 8, n / 4, n / 2, n }.Where(s => s >= 2).Distinct())
            steps.Add(new SobolConvergenceStep(size, size == n && whole is not null ? whole
                : SobolIndices.Analyze(y[..(size * block)], dimensions, secondOrder, bootstrap, seed, confidenceLevel)));
        return steps;
    }
}
