namespace MarketSim.Experiments;

/// <summary>
/// A swept parameter's distribution, for <see cref="SweepBuilder.Vary(string, Distribution, string?)"/>: the
/// "distribution" of a spec file with its arguments. It is checked where the spec is, so a bad argument is the same
/// one-line SpecException a spec file gets. Uniform and log-uniform ranges are the min/max overload.
/// </summary>
public sealed record Distribution
{
    private Distribution(string name, params (string Name, double Value)[] arguments)
    {
        Name = name;
        Arguments = arguments;
    }

    /// <summary>The spec's name for it: normal, truncnormal, lognormal or triangular.</summary>
    public string Name { get; }
    public IReadOnlyList<(string Name, double Value)> Arguments { get; }

    public static Distribution Normal(double mean, double sd) => new("normal", ("mean", mean), ("sd", sd));

    /// <summary>A normal confined to [min, max].</summary>
    public static Distribution TruncatedNormal(double mean, double sd, double min, double max) =>
        new("truncnormal", ("mean", mean), ("sd", sd), ("min", min), ("max", max));

    /// <summary>exp of a normal with mean <paramref name="mu"/> and standard deviation <paramref name="sigma"/>.</summary>
    public static Distribution LogNormal(double mu, double sigma) => new("lognormal", ("mu", mu), ("sigma", sigma));

    public static Distribution Triangular(double min, double mode, double max) =>
        new("triangular", ("min", min), ("mode", mode), ("max", max));
}
