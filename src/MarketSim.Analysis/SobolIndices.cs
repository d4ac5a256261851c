using System.Numerics;
using System.Runtime.CompilerServices;

namespace MarketSim.Analysis;

/// <summary>
/// Sobol indices of one output, point estimates and 95% bootstrap half-widths. S2[j][k] is set for j &lt; k only.
/// All indices are NaN when the output is constant (its variance is zero, so no share of it can be attributed).
/// </summary>
public sealed record SobolResult(
    int BaseSamples,
    double[] S1,
    double[] S1Conf,
    double[] ST,
    double[] STConf,
    double[][]? S2,
    double[][]? S2Conf);

/// <summary>
/// Variance-based sensitivity indices from outputs in the Saltelli layout (per base sample i: A_i, the D rows
/// AB_i^(j), the D rows BA_i^(j) when second order, then B_i), with the estimators SALib's sobol.analyze uses:
/// first order Saltelli et al. (2010), total Jansen (1999), second order Saltelli (2002).
/// </summary>
public static class SobolIndices
{
    public static int BlockSize(int dimensions, bool secondOrder) => secondOrder ? 2 * dimensions + 2 : dimensions + 2;

    public static SobolResult Analyze(ReadOnlySpan<double> y, int dimensions, bool secondOrder,
        int bootstrap = 1000, int seed = 0, double confidenceLevel = 0.95)
    {
        if (dimensions < 1) throw new ArgumentOutOfRangeException(nameof(dimensions), "need at least one parameter");
        if (bootstrap < 0) throw new ArgumentOutOfRangeException(nameof(bootstrap), "resample count must be >= 0");
        var block = BlockSize(dimensions, secondOrder);
        if (y.Length == 0 || y.Length % block != 0)
            throw new ArgumentException(
                $"{y.Length} outputs is not a whole number of Saltelli blocks of {block} rows", nameof(y));
        foreach (var v in y)
            if (!double.IsFinite(v)) throw new ArgumentException("outputs must be finite", nameof(y));

        var samples = new Samples(y, dimensions, secondOrder);
        var n = samples.N;
        var identity = Enumerable.Range(0, n).ToArray();
        var s1 = new double[dimensions];
        var st = new double[dimensions];
        var s2 = secondOrder ? new double[dimensions * dimensions] : null;
        samples.Estimate(identity, s1, st, s2);

        var s1Draws = new double[dimensions][];
        var stDraws = new double[dimensions][];
        var s2Draws = secondOrder ? new double[dimensions * dimensions][] : null;
        for (var j = 0; j < dimensions; j++)
        {
            s1Draws[j] = new double[bootstrap];
            stDraws[j] = new double[bootstrap];
            if (s2Draws is not null)
                for (var k = j + 1; k < dimensions; k++) s2Draws[j * dimensions + k] = new double[bootstrap];
        }
        // Resamples are independent and each writes its own slot, so they run in parallel with the same results.
        Bootstrap.ForEach(n, bootstrap, seed, () => new Estimates(dimensions, secondOrder), (r, draw, estimates) =>
        {
            samples.Estimate(draw, estimates.S1, estimates.ST, estimates.S2);
            for (var j = 0; j < dimensions; j++)
            {
                s1Draws[j][r] = estimates.S1[j];
                stDraws[j][r] = estimates.ST[j];
                if (s2Draws is not null)
                    for (var k = j + 1; k < dimensions; k++) s2Draws[j * dimensions + k][r] = estimates.S2![j * dimensions + k];
            }
        });

        var z = Bootstrap.Z(confidenceLevel);
        double Conf(double[] d) => z * Bootstrap.StandardDeviation(d, ddof: 1);
        var result = new SobolResult(n, s1, s1Draws.Select(Conf).ToArray(), st, stDraws.Select(Conf).ToArray(),
            null, null);
        if (!secondOrder) return result;

        var s2Matrix = new double[dimensions][];
        var s2Conf = new double[dimensions][];
        for (var j = 0; j < dimensions; j++)
        {
            s2Matrix[j] = Enumerable.Repeat(double.NaN, dimensions).ToArray();
            s2Conf[j] = Enumerable.Repeat(double.NaN, dimensions).ToArray();
            for (var k = j + 1; k < dimensions; k++)
            {
                s2Matrix[j][k] = s2![j * dimensions + k];
                s2Conf[j][k] = Conf(s2Draws![j * dimensions + k]);
            }
        }
        return result with { S2 = s2Matrix, S2Conf = s2Conf };
    }

    /// <summary>One resample's indices, reused by a thread from resample to resample.</summary>
    private sealed class Estimates(int d, bool secondOrder)
    {
        public double[] S1 { get; } = new double[d];
        public double[] ST { get; } = new double[d];
        public double[]? S2 { get; } = secondOrder ? new double[d * d] : null;
    }

    /// <summary>
    /// The output split into the A, B, AB and BA columns, standardised as SALib does, and stored by base sample
    /// (A_i, B_i, AB_i, BA_i side by side) so a resample's random rows are read one cache line at a time.
    /// </summary>
    private sealed class Samples
    {
        private readonly int _d, _width;
        private readonly bool _secondOrder;
        private readonly double[] _rows;

        public int N { get; }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public Samples(ReadOnlySpan<double> y, int d, bool secondOrder)
        {
            _d = d;
            _secondOrder = secondOrder;
            var block = BlockSize(d, secondOrder);
            N = y.Length / block;
            // Standardising matters: mean(B*(AB-A)) is not shift invariant in a finite sample.
            double mean = 0;
            foreach (var v in y) mean += v;
            mean /= y.Length;
            double squares = 0;
            foreach (var v in y) squares += (v - mean) * (v - mean);
            var sd = Math.Sqrt(squares / y.Length);
            var scale = sd > 0 ? 1 / sd : 0;

            // Per base sample: A, B, the D AB columns, then the D BA columns when second order.
            _width = 2 + d + (secondOrder ? d : 0);
            _rows = new double[N * _width];
            for (var i = 0; i < N; i++)
            {
                var row = i * block;
                var at = i * _width;
                _rows[at] = (y[row] - mean) * scale;
                _rows[at + 1] = (y[row + block - 1] - mean) * scale;
                for (var j = 0; j < block - 2; j++) _rows[at + 2 + j] = (y[row + 1 + j] - mean) * scale;
            }
        }

        /// <summary>
        /// Estimates on the base samples listed in <paramref name="rows"/> (a bootstrap draw or all). Every sum
        /// adds its terms in the order of <paramref name="rows"/>, as one loop per sum would.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Estimate(int[] rows, double[] s1, double[] st, double[]? s2)
        {
            var n = rows.Length;
            var d = _d;
            Span<double> first = stackalloc double[d];
            Span<double> total = stackalloc double[d];
            Span<double> joint = _secondOrder ? stackalloc double[d * d] : [];
            first.Clear();
            total.Clear();
            joint.Clear();
            // Columns a vector at a time, the rest one by one: each column's sums still add their terms in row order
            // with the same operations, so the lanes give the same bits as the scalar loop.
            var lanes = Vector<double>.Count;
            var wide = d - d % lanes;
            Span<Vector<double>> firstWide = stackalloc Vector<double>[wide / lanes];
            Span<Vector<double>> totalWide = stackalloc Vector<double>[wide / lanes];
            firstWide.Clear();
            totalWide.Clear();
            double sum = 0, sumSquares = 0, ab0 = 0;
            foreach (var i in rows)
            {
                var sample = _rows.AsSpan(i * _width, _width);
                var a = sample[0];
                var b = sample[1];
                sum += a + b;
                sumSquares += a * a + b * b;
                var ab = sample.Slice(2, d);
                var (aWide, bWide) = (new Vector<double>(a), new Vector<double>(b));
                for (var v = 0; v < firstWide.Length; v++)
                {
                    var diff = new Vector<double>(ab[(v * lanes)..]) - aWide;
                    firstWide[v] += bWide * diff;
                    totalWide[v] += diff * diff;
                }
                for (var j = wide; j < d; j++)
                {
                    var diff = ab[j] - a;
                    first[j] += b * diff;
                    total[j] += diff * diff;
                }
                if (!_secondOrder) continue;
                ab0 += a * b;
                var ba = sample.Slice(2 + d, d);
                for (var j = 0; j < d; j++)
                    for (var k = j + 1; k < d; k++)
                        joint[j * d + k] += ba[j] * ab[k];
            }
            for (var v = 0; v < firstWide.Length; v++)
            {
                firstWide[v].CopyTo(first[(v * lanes)..]);
                totalWide[v].CopyTo(total[(v * lanes)..]);
            }
            var mean = sum / (2 * n);
            var variance = sumSquares / (2 * n) - mean * mean;
            if (!(variance > 1e-300))
            {
                Array.Fill(s1, double.NaN);
                Array.Fill(st, double.NaN);
                if (s2 is not null) Array.Fill(s2, double.NaN);
                return;
            }

            for (var j = 0; j < d; j++)
            {
                s1[j] = first[j] / n / variance;
                st[j] = 0.5 * total[j] / n / variance;
            }
            if (s2 is null) return;
            for (var j = 0; j < d; j++)
                for (var k = j + 1; k < d; k++)
                    s2[j * d + k] = (joint[j * d + k] - ab0) / n / variance - s1[j] - s1[k];
        }
    }
}
