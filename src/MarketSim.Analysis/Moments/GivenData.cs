using System.Runtime.CompilerServices;

namespace MarketSim.Analysis.Moments;

/// <summary>
/// A given-data sample (any design: Latin hypercube, Sobol, Saltelli rows, a posterior) prepared for the
/// moment-independent estimators: input columns with their sort orders, the output, and bootstrap resamples as
/// whole-number weights per point, so a resample never has to be copied or sorted again.
/// </summary>
internal sealed class GivenData
{
    public int N { get; }
    public int D { get; }
    public double[][] Columns { get; }
    public double[] Y { get; }
    /// <summary>Point indices in ascending order of each column; ties keep their original order (ordinal ranks).</summary>
    public int[][] Order { get; }
    public bool[] Categorical { get; }
    /// <summary>Point indices in ascending order of the output.</summary>
    public int[] YOrder { get; }

    public GivenData(double[][] rows, double[] y, bool[]? categorical)
    {
        if (rows.Length != y.Length) throw new ArgumentException("one output per input row is needed", nameof(y));
        if (rows.Length < 2) throw new ArgumentException("at least two points are needed", nameof(rows));
        foreach (var v in y)
            if (!double.IsFinite(v)) throw new ArgumentException("outputs must be finite", nameof(y));
        N = rows.Length;
        D = rows[0].Length;
        if (categorical is not null && categorical.Length != D)
            throw new ArgumentException("one categorical flag per input column is needed", nameof(categorical));
        Categorical = categorical ?? new bool[D];
        Columns = Enumerable.Range(0, D).Select(j => rows.Select(r => r[j]).ToArray()).ToArray();
        Y = y;
        Order = Columns.Select(StableOrder).ToArray();
        YOrder = StableOrder(y);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] StableOrder(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).ToArray();
        var keys = (double[])values.Clone();
        Array.Sort(keys, order); // introspective sort is unstable; restore index order within ties
        var start = 0;
        for (var i = 1; i <= keys.Length; i++)
        {
            if (i < keys.Length && keys[i] == keys[start]) continue;
            if (i - start > 1) Array.Sort(order, start, i - start);
            start = i;
        }
        return order;
    }

    /// <summary>Weight 1 for every point: the sample itself.</summary>
    public int[] Unit() => Enumerable.Repeat(1, N).ToArray();

    /// <summary>Resamples with replacement as multiplicities, from the same draws Sobol's intervals use.</summary>
    public int[][] Resamples(int count, int seed) => Bootstrap.Indices(N, count, seed).Select(draw =>
    {
        var weights = new int[N];
        foreach (var i in draw) weights[i]++;
        return weights;
    }).ToArray();

    /// <summary>
    /// The classes a column is split into, as (class, point, weight) runs in ascending order of the column. A
    /// categorical column has one class per distinct value; a continuous one is cut by ordinal rank into
    /// <paramref name="classes"/> runs of equal weight, a point's copies split across a boundary when they straddle it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public List<(int Class, int Point, int Weight)> Classes(int column, int[] weights, int classes)
    {
        var result = new List<(int, int, int)>(N + classes);
        var order = Order[column];
        var values = Columns[column];
        if (Categorical[column])
        {
            var cls = -1;
            var previous = double.NaN;
            foreach (var i in order)
            {
                if (weights[i] == 0) continue;
                if (!(values[i] == previous)) cls++;
                previous = values[i];
                result.Add((cls, i, weights[i]));
            }
            return result;
        }
        var total = weights.Sum();
        var width = (double)total / classes; // numpy.linspace(0, total, classes + 1), as SALib cuts ranks
        long position = 0; // ranks 1..total; class c holds ranks r with c*width < r <= (c+1)*width
        var current = 0;
        foreach (var i in order)
        {
            var left = weights[i];
            while (left > 0)
            {
                var upper = current + 1 >= classes ? total : (long)Math.Floor((current + 1) * width);
                var take = (int)Math.Min(left, upper - position);
                if (take <= 0) { current++; continue; }
                result.Add((current, i, take));
                position += take;
                left -= take;
            }
        }
        return result;
    }
}
