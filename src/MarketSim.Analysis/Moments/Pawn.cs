using System.Runtime.CompilerServices;

namespace MarketSim.Analysis.Moments;

/// <summary>
/// PAWN statistics per parameter over its conditioning slices: the Kolmogorov-Smirnov distance between the output's
/// distribution in a slice and its unconditional distribution, summarised as SALib's pawn.analyze does, plus a
/// bootstrap half-width of the median (the usual PAWN index). Slices is the number of slices a continuous
/// parameter was cut into.
/// </summary>
public sealed record PawnResult(double[] Minimum, double[] Mean, double[] Median, double[] Maximum, double[] Cv,
    double[] Stdev, double[] MedianConf, int Slices);

/// <summary>
/// PAWN (Pianosi and Wagener 2015; the given-data form of Pianosi and Wagener 2018): a parameter matters when fixing
/// it in a range changes the output's cumulative distribution. X_i is cut at its quantiles 0, 1/S, .., 1 (numpy's
/// linear interpolation) into S slices x_q[s] &lt;= x &lt; x_q[s+1], the last one closed; for each slice
/// KS_s = max_y |F_Y|slice(y) - F_Y(y)|. The statistics over slices are min, mean, median, max, stdev (ddof 0) and
/// cv = stdev/mean. Unlike SALib, the largest value of X_i belongs to the last slice instead of to none. A
/// categorical parameter's slices are its values. Empty slices (ties on a quantile) are left out.
/// </summary>
public static class Pawn
{
    public static PawnResult Analyze(double[][] x, double[] y, bool[]? categorical = null, int slices = 10,
        int resamples = 100, int seed = 0, double confidenceLevel = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slices, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(resamples);
        var data = new GivenData(x, y, categorical);
        var d = data.D;
        var result = new PawnResult(new double[d], new double[d], new double[d], new double[d], new double[d],
            new double[d], new double[d], slices);
        var weights = new[] { data.Unit() }.Concat(data.Resamples(resamples, seed)).ToArray();
        var z = Bootstrap.Z(confidenceLevel);
        Parallel.For(0, d, j =>
        {
            var medians = new double[resamples];
            var scratch = new Scratch(data.N);
            for (var r = 0; r < weights.Length; r++)
            {
                var ks = Distances(data, j, weights[r], slices, scratch).Order().ToArray();
                if (r > 0)
                {
                    medians[r - 1] = ks.Length > 0 ? Median(ks) : double.NaN;
                    continue;
                }
                if (ks.Length == 0)
                {
                    result.Minimum[j] = result.Mean[j] = result.Median[j] = result.Maximum[j] = double.NaN;
                    result.Cv[j] = result.Stdev[j] = double.NaN;
                    continue;
                }
                var mean = ks.Average();
                result.Minimum[j] = ks[0];
                result.Mean[j] = mean;
                result.Median[j] = Median(ks);
                result.Maximum[j] = ks[^1];
                result.Stdev[j] = Bootstrap.StandardDeviation(ks, ddof: 0);
                result.Cv[j] = result.Stdev[j] / mean;
            }
            result.MedianConf[j] = z * Bootstrap.StandardDeviation(medians, ddof: 1);
        });
        return result;
    }

    private static double Median(double[] sorted) => sorted.Length % 2 == 1
        ? sorted[sorted.Length / 2]
        : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);

    /// <summary>A column's buffers, reused from resample to resample: each point's slice, and the weighted sorted values.</summary>
    private sealed class Scratch(int n)
    {
        public readonly int[] Slice = new int[n];
        public readonly List<(double Value, long End)> Sorted = new(n);
    }

    /// <summary>KS distance of each non-empty slice of one column, under one weighting of the points.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<double> Distances(GivenData data, int column, int[] weights, int slices, Scratch scratch)
    {
        var slice = scratch.Slice;
        var sizes = data.Categorical[column]
            ? CategorySlices(data, column, weights, slice)
            : QuantileSlices(data, column, weights, slices, slice, scratch.Sorted);
        // One walk up the output's order: after each group of equal outputs, compare every slice's CDF with the whole's.
        var counts = new long[sizes.Length];
        var total = weights.Sum();
        long below = 0;
        var distance = new double[sizes.Length];
        var order = data.YOrder;
        for (var k = 0; k < order.Length;)
        {
            var value = data.Y[order[k]];
            for (; k < order.Length && data.Y[order[k]] == value; k++)
            {
                var i = order[k];
                if (weights[i] == 0) continue;
                counts[slice[i]] += weights[i];
                below += weights[i];
            }
            var whole = (double)below / total;
            for (var s = 0; s < sizes.Length; s++)
                if (sizes[s] > 0) distance[s] = Math.Max(distance[s], Math.Abs((double)counts[s] / sizes[s] - whole));
        }
        return Enumerable.Range(0, sizes.Length).Where(s => sizes[s] > 0).Select(s => distance[s]).ToList();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long[] QuantileSlices(GivenData data, int column, int[] weights, int slices, int[] slice,
        List<(double Value, long End)> sorted)
    {
        var values = data.Columns[column];
        var order = data.Order[column];
        var total = weights.Sum();
        // Interior cut points: numpy.quantile (linear) of the weighted sample at s/S, s = 1..S-1.
        var cuts = new double[slices - 1];
        sorted.Clear(); // value and the last 0-based position its copies reach
        long end = -1;
        foreach (var i in order)
            if (weights[i] > 0) sorted.Add((values[i], end += weights[i]));
        var at = 0;
        double ValueAt(long position)
        {
            while (sorted[at].End < position) at++;
            return sorted[at].Value;
        }
        for (var s = 1; s < slices; s++)
        {
            var h = (total - 1) * (s * (1.0 / slices)); // SALib's numpy.arange(0, 1 + 1/S, 1/S)
            var lower = (long)Math.Floor(h);
            var a = ValueAt(lower);
            var b = lower + 1 < total ? ValueAt(lower + 1) : a;
            var t = h - lower;
            cuts[s - 1] = t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t; // numpy's two-sided lerp
        }
        var sizes = new long[slices];
        var current = 0;
        foreach (var i in order)
        {
            while (current < slices - 1 && values[i] >= cuts[current]) current++;
            slice[i] = current;
            sizes[current] += weights[i];
        }
        return sizes;
    }

    private static long[] CategorySlices(GivenData data, int column, int[] weights, int[] slice)
    {
        var values = data.Columns[column];
        var sizes = new List<long>();
        var previous = double.NaN;
        foreach (var i in data.Order[column])
        {
            if (!(values[i] == previous)) sizes.Add(0);
            previous = values[i];
            slice[i] = sizes.Count - 1;
            sizes[^1] += weights[i];
        }
        return [.. sizes];
    }
}
