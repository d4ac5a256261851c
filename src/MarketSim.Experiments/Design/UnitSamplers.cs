using MathNet.Numerics.Random;

namespace MarketSim.Experiments.Design;

/// <summary>Designs in the unit hypercube [0, 1)^d, one row per sample.</summary>
public static class UnitSamplers
{
    public static double[][] Random(int samples, int dimensions, int seed)
    {
        var rng = new MersenneTwister(seed);
        var rows = new double[samples][];
        for (var i = 0; i < samples; i++)
        {
            rows[i] = new double[dimensions];
            for (var d = 0; d < dimensions; d++) rows[i][d] = rng.NextDouble();
        }
        return rows;
    }

    /// <summary>Latin hypercube: each dimension has exactly one point in each of the n strata [k/n, (k+1)/n).</summary>
    public static double[][] LatinHypercube(int samples, int dimensions, int seed)
    {
        var rng = new MersenneTwister(seed);
        var rows = new double[samples][];
        for (var i = 0; i < samples; i++) rows[i] = new double[dimensions];
        var strata = new int[samples];
        for (var d = 0; d < dimensions; d++)
        {
            for (var k = 0; k < samples; k++) strata[k] = k;
            for (var k = samples - 1; k > 0; k--) // Fisher-Yates
            {
                var j = rng.Next(k + 1);
                (strata[k], strata[j]) = (strata[j], strata[k]);
            }
            for (var i = 0; i < samples; i++)
                rows[i][d] = Math.Min((strata[i] + rng.NextDouble()) / samples, Math.BitDecrement((strata[i] + 1.0) / samples));
        }
        return rows;
    }

    /// <summary>
    /// Saltelli's cross-sampling (SALib layout). Base points come from a 2D-dimensional Sobol sequence: unscrambled,
    /// points N..2N-1 (a whole power-of-two block, skipping the all-zero point); scrambled, points 0..N-1. A = first D
    /// columns, B = last D. Per base point: A, then AB^(g) for each group g (A with the columns of group g from B),
    /// then (second order) BA^(g) for each g, then B. Without groups every column is its own group.
    /// </summary>
    /// <param name="groups">Group index (0..G-1, numbered in order of first appearance) of each column, or null.</param>
    public static double[][] Saltelli(int samples, int dimensions, bool secondOrder, int? scrambleSeed = null,
        int[]? groups = null)
    {
        var basePoints = scrambleSeed is { } seed
            ? new SobolSequence(2 * dimensions, seed).Points(0, samples)
            : new SobolSequence(2 * dimensions).Points(samples, samples);
        groups ??= Enumerable.Range(0, dimensions).ToArray();
        var groupCount = groups.Max() + 1;
        var perBase = secondOrder ? 2 * groupCount + 2 : groupCount + 2;
        var rows = new double[samples * perBase][];
        var r = 0;
        foreach (var p in basePoints)
        {
            var a = p[..dimensions];
            var b = p[dimensions..];
            rows[r++] = a;
            for (var g = 0; g < groupCount; g++) rows[r++] = Mix(a, b, groups, g);
            if (secondOrder)
                for (var g = 0; g < groupCount; g++) rows[r++] = Mix(b, a, groups, g);
            rows[r++] = b;
        }
        return rows;
    }

    private static double[] Mix(double[] into, double[] from, int[] groups, int group)
    {
        var row = (double[])into.Clone();
        for (var j = 0; j < row.Length; j++)
            if (groups[j] == group) row[j] = from[j];
        return row;
    }

    /// <summary>
    /// Morris elementary-effects trajectories on a p-level grid {0, 1/(p-1), .., 1}: each trajectory is D+1 rows,
    /// and each step moves one parameter (in random order) by +/- Delta = p/(2(p-1)).
    /// </summary>
    public static double[][] Morris(int trajectories, int dimensions, int levels, int seed)
    {
        var rng = new MersenneTwister(seed);
        var half = levels / 2; // Delta in grid steps
        var rows = new double[trajectories * (dimensions + 1)][];
        var r = 0;
        var order = new int[dimensions];
        var index = new int[dimensions];
        for (var t = 0; t < trajectories; t++)
        {
            var up = new bool[dimensions];
            for (var d = 0; d < dimensions; d++)
            {
                up[d] = rng.Next(2) == 0;
                var low = rng.Next(levels - half); // so that low + half stays on the grid
                index[d] = up[d] ? low : low + half;
                order[d] = d;
            }
            for (var k = dimensions - 1; k > 0; k--)
            {
                var j = rng.Next(k + 1);
                (order[k], order[j]) = (order[j], order[k]);
            }
            rows[r++] = index.Select(i => (double)i / (levels - 1)).ToArray();
            foreach (var d in order)
            {
                index[d] += up[d] ? half : -half;
                rows[r++] = index.Select(i => (double)i / (levels - 1)).ToArray();
            }
        }
        return rows;
    }
}
