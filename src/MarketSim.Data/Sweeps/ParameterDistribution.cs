using System.Globalization;
using MathNet.Numerics.Distributions;

namespace MarketSim.Data.Sweeps;

/// <summary>
/// A non-uniform belief about a swept parameter (a calibrated posterior, an expert's range), sampled through its
/// inverse CDF. Uniform and log-uniform ranges are not represented here: they stay plain min/max ranges on a linear
/// or log scale. Unbounded distributions are confined to their <see cref="TailProbability"/> and
/// 1 - <see cref="TailProbability"/> quantiles (about 6.2 standard deviations for a normal), so every sampled value
/// is finite and a sweep can state the range its values lie in.
/// </summary>
public sealed record ParameterDistribution
{
    /// <summary>2^-32: the smallest positive coordinate of a 32-bit Sobol point.</summary>
    public const double TailProbability = 1.0 / 4294967296.0;

    /// <summary>Names and their arguments, in the order a message lists them.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Arguments = new Dictionary<string, string[]>
    {
        ["normal"] = ["mean", "sd"],
        ["truncnormal"] = ["mean", "sd", "min", "max"],
        ["lognormal"] = ["mu", "sigma"],
        ["triangular"] = ["min", "mode", "max"],
    };

    private readonly Func<double, double> _quantile;
    private readonly Func<double, double> _cdf;

    public string Name { get; }
    /// <summary>The arguments by name (see <see cref="Arguments"/>).</summary>
    public IReadOnlyDictionary<string, double> Values { get; }
    /// <summary>The smallest and largest value a design can hold.</summary>
    public double Min { get; }
    public double Max { get; }

    private ParameterDistribution(string name, IReadOnlyDictionary<string, double> values,
        Func<double, double> quantile, Func<double, double> cdf)
    {
        Name = name;
        Values = values;
        _quantile = quantile;
        _cdf = cdf;
        Min = quantile(0);
        Max = quantile(1);
    }

    /// <summary>The value at probability u; u is clamped to the sampled tails.</summary>
    public double Quantile(double u) => _quantile(u);

    /// <summary>The probability of a value at or below x, in [0, 1].</summary>
    public double Cdf(double x) => Math.Clamp(_cdf(x), 0, 1);

    /// <summary>Builds a distribution; a bad name or argument is an ArgumentException with a one-line message.</summary>
    public static ParameterDistribution Create(string name, IReadOnlyDictionary<string, double> values)
    {
        if (!Arguments.TryGetValue(name, out var names))
            throw new ArgumentException($"unknown distribution '{name}'; allowed uniform, loguniform, {string.Join(", ", Arguments.Keys)}");
        foreach (var argument in names)
            if (!values.TryGetValue(argument, out var v) || !double.IsFinite(v))
                throw new ArgumentException($"the {name} distribution needs {string.Join(", ", names)} (finite numbers); {argument} is missing");
        foreach (var given in values.Keys)
            if (!names.Contains(given))
                throw new ArgumentException($"{given} does not apply to the {name} distribution; it takes {string.Join(", ", names)}");
        return name switch
        {
            "normal" => Normal(values),
            "truncnormal" => TruncatedNormal(values),
            "lognormal" => LogNormal(values),
            _ => TriangularOf(values),
        };
    }

    private static double Tail(double u) => Math.Clamp(u, TailProbability, 1 - TailProbability);

    private static ParameterDistribution Normal(IReadOnlyDictionary<string, double> a)
    {
        var (mean, sd) = (a["mean"], Positive(a, "sd"));
        return new("normal", a, u => mean + sd * MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, Tail(u)),
            x => MathNet.Numerics.Distributions.Normal.CDF(mean, sd, x));
    }

    private static ParameterDistribution LogNormal(IReadOnlyDictionary<string, double> a)
    {
        var (mu, sigma) = (a["mu"], Positive(a, "sigma"));
        return new("lognormal", a, u => Math.Exp(mu + sigma * MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, Tail(u))),
            x => x <= 0 ? 0 : MathNet.Numerics.Distributions.Normal.CDF(mu, sigma, Math.Log(x)));
    }

    private static ParameterDistribution TriangularOf(IReadOnlyDictionary<string, double> a)
    {
        var (min, mode, max) = (a["min"], a["mode"], a["max"]);
        if (!(min < max) || mode < min || mode > max)
            throw new ArgumentException($"the triangular distribution needs min <= mode <= max and min < max; got {Text(min)}, {Text(mode)}, {Text(max)}");
        var triangular = new Triangular(min, max, mode);
        return new("triangular", a, u => Math.Clamp(triangular.InverseCumulativeDistribution(Math.Clamp(u, 0, 1)), min, max),
            triangular.CumulativeDistribution);
    }

    /// <summary>
    /// A normal truncated to [min, max]. Both tails above the mean are sampled as the mirror image of the lower tail,
    /// where the normal CDF keeps its precision (1 - 1e-17 is 1 in a double, 1e-17 is not 0).
    /// </summary>
    private static ParameterDistribution TruncatedNormal(IReadOnlyDictionary<string, double> a)
    {
        var (mean, sd, min, max) = (a["mean"], Positive(a, "sd"), a["min"], a["max"]);
        if (!(min < max)) throw new ArgumentException($"the truncnormal distribution needs min below max; got {Text(min)} and {Text(max)}");
        var mirrored = (min - mean) / sd > 0;
        var (alpha, beta) = mirrored ? ((mean - max) / sd, (mean - min) / sd) : ((min - mean) / sd, (max - mean) / sd);
        var (lowCdf, highCdf) = (Phi(alpha), Phi(beta));
        if (!(highCdf > lowCdf))
            throw new ArgumentException($"the truncnormal range {Text(min)} to {Text(max)} lies too far in the tail of mean {Text(mean)}, sd {Text(sd)} to sample");
        double Quantile(double u)
        {
            var p = Math.Clamp(mirrored ? 1 - u : u, 0, 1);
            var z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, lowCdf + p * (highCdf - lowCdf));
            var x = mean + (mirrored ? -z : z) * sd;
            return Math.Clamp(double.IsFinite(x) ? x : p < 0.5 == !mirrored ? min : max, min, max);
        }
        double Cdf(double x)
        {
            var z = (x - mean) / sd;
            return mirrored ? (highCdf - Phi(-z)) / (highCdf - lowCdf) : (Phi(z) - lowCdf) / (highCdf - lowCdf);
        }
        return new("truncnormal", a, Quantile, Cdf);
    }

    private static double Phi(double z) => MathNet.Numerics.Distributions.Normal.CDF(0, 1, z);

    private static double Positive(IReadOnlyDictionary<string, double> a, string name) => a[name] > 0
        ? a[name]
        : throw new ArgumentException($"{name} must be above 0, got {Text(a[name])}");

    private static string Text(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
