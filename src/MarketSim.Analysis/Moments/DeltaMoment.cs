using System.Runtime.CompilerServices;

namespace MarketSim.Analysis.Moments;

/// <summary>
/// Borgonovo's delta per parameter (bias-corrected, with a bootstrap half-width) and the given-data first-order
/// Sobol index from the same classes, S1 (with its half-width); Classes is the number of classes a continuous
/// parameter was cut into.
/// </summary>
public sealed record DeltaResult(double[] Delta, double[] DeltaConf, double[] S1, double[] S1Conf, int Classes);

/// <summary>
/// Borgonovo's (2007) moment-independent importance measure delta_i = 1/2 E[ integral |f_Y(y) - f_Y|X_i(y)| dy ]:
/// the expected shift of the whole output density when X_i is known, 0 when Y does not depend on X_i, at most 1.
/// Estimated from given data as Plischke, Borgonovo and Smith (2013) do, and SALib's delta.analyze with them: cut
/// X_i by rank into M = min(ceil(N^(2/(7 + tanh((1500 - N)/500)))), 48) classes, estimate f_Y and each class's
/// density with Gaussian kernels (Silverman's bandwidth) on 100 points from min(Y) to max(Y), and sum
/// n_c/(2N) * trapezoid(|f_Y - f_c|) over classes (a class whose outputs are all equal is skipped). A categorical
/// parameter's classes are its values. The kernel estimate biases delta upwards; the bootstrap corrects it
/// (Plischke et al. 2013, eq. 30): delta = 2 d_hat - mean(d_resampled), conf = z * sd(d_resampled).
/// </summary>
public static class DeltaMoment
{
    public const int GridPoints = 100;
    private const int MaxClasses = 48;

    public static int ClassCount(int n) =>
        Math.Min((int)Math.Ceiling(Math.Pow(n, 2.0 / (7.0 + Math.Tanh((1500.0 - n) / 500.0)))), MaxClasses);

    public static DeltaResult Analyze(double[][] x, double[] y, bool[]? categorical = null, int resamples = 100,
        int seed = 0, double confidenceLevel = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(resamples);
        var data = new GivenData(x, y, categorical);
        var classes = ClassCount(data.N);
        var (start, step) = (y.Min(), (y.Max() - y.Min()) / (GridPoints - 1));
        var d = data.D;
        var result = new DeltaResult(new double[d], new double[d], new double[d], new double[d], classes);
        if (!(step > 0))
        {
            Array.Fill(result.Delta, double.NaN);
            Array.Fill(result.DeltaConf, double.NaN);
            Array.Fill(result.S1, double.NaN);
            Array.Fill(result.S1Conf, double.NaN);
            return result;
        }

        var weights = new[] { data.Unit() }.Concat(data.Resamples(resamples, seed)).ToArray();
        // f_Y of each resample, shared by every parameter
        var outputDensity = new double[weights.Length][];
        Parallel.For(0, weights.Length, r =>
        {
            outputDensity[r] = new double[GridPoints];
            KernelDensity.OnGrid(data.Y, weights[r], start, step, outputDensity[r]);
        });

        var z = Bootstrap.Z(confidenceLevel);
        Parallel.For(0, d, j =>
        {
            var scratch = new Scratch(data.N);
            var deltas = new double[weights.Length];
            var firsts = new double[weights.Length];
            for (var r = 0; r < weights.Length; r++)
                (deltas[r], firsts[r]) = Estimate(data, j, weights[r], classes, outputDensity[r], start, step, scratch);
            var resampled = deltas.AsSpan(1);
            result.Delta[j] = resamples > 0 ? 2 * deltas[0] - Mean(resampled) : deltas[0];
            result.DeltaConf[j] = z * Bootstrap.StandardDeviation(resampled, ddof: 1);
            result.S1[j] = firsts[0];
            result.S1Conf[j] = z * Bootstrap.StandardDeviation(firsts.AsSpan(1), ddof: 1);
        });
        return result;
    }

    private sealed class Scratch(int n)
    {
        public readonly double[] Values = new double[n];
        public readonly int[] Weights = new int[n];
        public readonly double[] Density = new double[GridPoints];
    }

    /// <summary>d_hat and the class-based first-order index of one column on one weighting of the points.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Delta, double S1) Estimate(GivenData data, int column, int[] weights, int classes,
        double[] outputDensity, double start, double step, Scratch scratch)
    {
        var y = data.Y;
        double n = 0, sum = 0;
        for (var i = 0; i < data.N; i++)
        {
            n += weights[i];
            sum += weights[i] * y[i];
        }
        var mean = sum / n;
        double variance = 0;
        for (var i = 0; i < data.N; i++) variance += weights[i] * (y[i] - mean) * (y[i] - mean);
        variance /= n;

        var runs = data.Classes(column, weights, classes);
        double delta = 0, between = 0;
        var first = 0;
        while (first < runs.Count)
        {
            var last = first;
            while (last < runs.Count && runs[last].Class == runs[first].Class) last++;
            var count = 0;
            double classSum = 0, low = double.PositiveInfinity, high = double.NegativeInfinity;
            for (var k = first; k < last; k++)
            {
                var (_, point, w) = runs[k];
                scratch.Values[k - first] = y[point];
                scratch.Weights[k - first] = w;
                count += w;
                classSum += w * y[point];
                low = Math.Min(low, y[point]);
                high = Math.Max(high, y[point]);
            }
            between += count / n * Math.Pow(classSum / count - mean, 2);
            if (high > low && KernelDensity.OnGrid(scratch.Values.AsSpan(0, last - first),
                    scratch.Weights.AsSpan(0, last - first), start, step, scratch.Density))
                delta += count / (2 * n) * Trapezoid(outputDensity, scratch.Density, step);
            first = last;
        }
        return (delta, variance > 0 ? between / variance : 0);
    }

    private static double Trapezoid(double[] f, double[] g, double step)
    {
        double area = 0;
        for (var k = 1; k < f.Length; k++) area += 0.5 * step * (Math.Abs(f[k - 1] - g[k - 1]) + Math.Abs(f[k] - g[k]));
        return area;
    }

    private static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (var v in values) sum += v;
        return values.Length > 0 ? sum / values.Length : double.NaN;
    }
}
