using Gaussian = MathNet.Numerics.Distributions.Normal;

namespace MarketSim.Experiments.Calibration;

public enum PriorKind { Uniform, LogUniform, Normal, TruncatedNormal }

/// <summary>
/// A prior over one parameter. ABC-SMC samples, perturbs and weighs particles on the prior's own scale: the
/// logarithm for a log-uniform prior (so a kernel step is a proportional change and the prior is flat there), the
/// value itself otherwise. A normal prior is confined to <see cref="Low"/>..<see cref="High"/>, the key's range,
/// because the scenario refuses anything outside it.
/// </summary>
public sealed record Prior(PriorKind Kind, double Low, double High, double Mean = double.NaN, double Sd = double.NaN)
{
    public static Prior Uniform(double min, double max) => new(PriorKind.Uniform, min, max);

    public static Prior LogUniform(double min, double max) => new(PriorKind.LogUniform, min, max);

    public static Prior Normal(double mean, double sd) => new(PriorKind.Normal, double.NegativeInfinity, double.PositiveInfinity, mean, sd);

    public static Prior TruncatedNormal(double mean, double sd, double min, double max) => new(PriorKind.TruncatedNormal, min, max, mean, sd);

    public string Name => Kind switch
    {
        PriorKind.Uniform => "uniform", PriorKind.LogUniform => "log-uniform", PriorKind.Normal => "normal", _ => "truncated-normal",
    };

    private bool IsNormal => Kind is PriorKind.Normal or PriorKind.TruncatedNormal;

    /// <summary>The prior on the sampling scale.</summary>
    public double ToScale(double value) => Kind == PriorKind.LogUniform ? Math.Log(value) : value;

    public double FromScale(double z)
    {
        var x = Kind == PriorKind.LogUniform ? Math.Exp(z) : z;
        return Math.Clamp(x, Low, High); // exp(ln max) may overshoot max in the last digit
    }

    /// <summary>A draw on the sampling scale, by inverting the CDF with one uniform number (so a seed fixes it).</summary>
    public double Sample(Random random)
    {
        var u = random.NextDouble();
        if (!IsNormal) return ToScale(Low) + u * (ToScale(High) - ToScale(Low));
        var (a, b) = (Gaussian.CDF(Mean, Sd, Low), Gaussian.CDF(Mean, Sd, High));
        return Math.Clamp(Gaussian.InvCDF(Mean, Sd, a + u * (b - a)), Low, High);
    }

    /// <summary>The density on the sampling scale up to a constant (zero outside the support).</summary>
    public double Density(double z)
    {
        var x = Kind == PriorKind.LogUniform ? Math.Exp(z) : z;
        if (!(x >= Low && x <= High)) return 0;
        return IsNormal ? Math.Exp(-0.5 * Math.Pow((z - Mean) / Sd, 2)) : 1;
    }

    /// <summary>The normalised density of the value itself, for drawing the prior under a posterior.</summary>
    public double PdfOfValue(double x)
    {
        if (!(x >= Low && x <= High)) return 0;
        return Kind switch
        {
            PriorKind.Uniform => 1 / (High - Low),
            PriorKind.LogUniform => 1 / (x * (Math.Log(High) - Math.Log(Low))),
            _ => Gaussian.PDF(Mean, Sd, x) / (Gaussian.CDF(Mean, Sd, High) - Gaussian.CDF(Mean, Sd, Low)),
        };
    }

    /// <summary>Where a figure of the prior starts and ends: the support, or mean ± 4 sd within it.</summary>
    public (double Min, double Max) PlotRange() => IsNormal
        ? (Math.Max(Low, Mean - 4 * Sd), Math.Min(High, Mean + 4 * Sd))
        : (Low, High);
}
