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
        var draws = Bootstrap.Indices(n, bootstrap, seed);
        var s1r = new double[dimensions];
        var str = new double[dimensions];
        var s2r = secondOrder ? new double[dimensions * dimensions] : null;
        for (var r = 0; r < bootstrap; r++)
        {
            samples.Estimate(draws[r], s1r, str, s2r);
            for (var j = 0; j < dimensions; j++)
            {
                s1Draws[j][r] = s1r[j];
                stDraws[j][r] = str[j];
                if (s2Draws is not null)
                    for (var k = j + 1; k < dimensions; k++) s2Draws[j * dimensions + k][r] = s2r![j * dimensions + k];
            }
        }

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

    /// <summary>The output split into the A, B, AB and BA columns, standardised as SALib does.</summary>
    private sealed class Samples
    {
        private readonly int _d;
        private readonly double[] _a, _b;
        private readonly double[][] _ab, _ba;

        public int N { get; }

        public Samples(ReadOnlySpan<double> y, int d, bool secondOrder)
        {
            _d = d;
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

            _a = new double[N];
            _b = new double[N];
            _ab = new double[d][];
            _ba = new double[secondOrder ? d : 0][];
            for (var j = 0; j < d; j++) _ab[j] = new double[N];
            for (var j = 0; j < _ba.Length; j++) _ba[j] = new double[N];
            for (var i = 0; i < N; i++)
            {
                var row = i * block;
                _a[i] = (y[row] - mean) * scale;
                for (var j = 0; j < d; j++) _ab[j][i] = (y[row + 1 + j] - mean) * scale;
                for (var j = 0; j < _ba.Length; j++) _ba[j][i] = (y[row + 1 + d + j] - mean) * scale;
                _b[i] = (y[row + block - 1] - mean) * scale;
            }
        }

        /// <summary>Estimates on the base samples listed in <paramref name="rows"/> (a bootstrap draw or all).</summary>
        public void Estimate(int[] rows, double[] s1, double[] st, double[]? s2)
        {
            var n = rows.Length;
            double sum = 0, sumSquares = 0;
            foreach (var i in rows)
            {
                sum += _a[i] + _b[i];
                sumSquares += _a[i] * _a[i] + _b[i] * _b[i];
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

            for (var j = 0; j < _d; j++)
            {
                var ab = _ab[j];
                double first = 0, total = 0;
                foreach (var i in rows)
                {
                    var diff = ab[i] - _a[i];
                    first += _b[i] * diff;
                    total += diff * diff;
                }
                s1[j] = first / n / variance;
                st[j] = 0.5 * total / n / variance;
            }
            if (s2 is null) return;

            double ab0 = 0;
            foreach (var i in rows) ab0 += _a[i] * _b[i];
            for (var j = 0; j < _d; j++)
            {
                var ba = _ba[j];
                for (var k = j + 1; k < _d; k++)
                {
                    var ab = _ab[k];
                    double joint = 0;
                    foreach (var i in rows) joint += ba[i] * ab[i];
                    s2[j * _d + k] = (joint - ab0) / n / variance - s1[j] - s1[k];
                }
            }
        }
    }
}
