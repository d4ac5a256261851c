using System.Text.Json.Nodes;
using MarketSim.Data.Sweeps;

namespace MarketSim.Experiments.Specs;

public enum SamplerKind { Grid, Random, Lhs, Sobol, Saltelli, Morris, Posterior }

public enum ParameterScale { Linear, Log }

public enum TimeseriesOutput { None, Annual, Monthly }

/// <summary>A parsed, validated sweep specification (experiments/*.json).</summary>
public sealed record SweepSpec(
    string Name,
    string? Scenario,
    string? ScenarioPath,
    int Seed,
    int Replications,
    DesignSpec Design,
    IReadOnlyList<ParameterSpec> Parameters,
    OutputSpec Outputs,
    string SourceFile,
    JsonNode Given)
{
    /// <summary>Whether the scenario is a file rather than a built-in name.</summary>
    public string? ScenarioToLoad => ScenarioPath ?? Scenario;
}

/// <param name="Posterior">The posterior sampler's posterior.csv (full path), whose keys lead the design's parameters.</param>
/// <param name="Scramble">Applies to the sobol and saltelli samplers (Owen-type scrambling, seeded).</param>
/// <param name="PosteriorKeys">The posterior's keys the design takes, in the posterior's order; null takes them all.
/// A calibration's nuisance keys (its opening state) describe the calibration's start, not the swept scenario's.</param>
public sealed record DesignSpec(SamplerKind Sampler, int? Samples, bool SecondOrder, int? Trajectories, int? Levels, string? Posterior = null,
    bool Scramble = true, IReadOnlyList<string>? PosteriorKeys = null);

public sealed record OutputSpec(TimeseriesOutput Timeseries, IReadOnlyList<string>? Metrics);

/// <summary>
/// One swept parameter: either continuous (min/max, linear or log scale, optional grid steps; or a non-uniform
/// distribution sampled through its inverse CDF, with Min/Max its sampled range) or categorical (a list of numbers,
/// booleans or strings). Values are kept as the invariant text handed to the scenario loader. Parameters sharing a
/// Group move together in a Saltelli design and get one Sobol index per group.
/// </summary>
public sealed record ParameterSpec(
    string Key,
    double Min,
    double Max,
    ParameterScale Scale,
    int? Steps,
    IReadOnlyList<string>? Values,
    bool Integer,
    ParameterDistribution? Distribution = null,
    string? Group = null)
{
    public bool IsCategorical => Values is not null;

    /// <summary>The value at unit coordinate u in [0, 1]; categorical values are values[floor(u*k)].</summary>
    public string FromUnit(double u)
    {
        if (Values is { } values)
            return values[Math.Clamp((int)Math.Floor(u * values.Count), 0, values.Count - 1)];
        return Number(Continuous(u));
    }

    /// <summary>
    /// The value at grid coordinate u = index/(levels-1) of a grid or Morris design: the categorical value nearest
    /// to it, or the continuous value there. A non-uniform distribution has no finite ends to put levels on, so its
    /// levels sit at the centres of equal-probability bins, probability (index + 0.5)/levels.
    /// </summary>
    public string FromLevel(double u, int levels)
    {
        if (Values is { } values) return values[Math.Clamp((int)Math.Round(u * (values.Count - 1)), 0, values.Count - 1)];
        if (Distribution is null) return Number(Continuous(u));
        var index = Math.Clamp(Math.Round(u * (levels - 1)), 0, levels - 1);
        return Number(Continuous((index + 0.5) / levels));
    }

    private double Continuous(double u)
    {
        var x = Distribution is { } distribution ? distribution.Quantile(u)
            : u <= 0 ? Min : u >= 1 ? Max // exact bounds, not exp(ln max) = 15.999999999999998
            : Scale == ParameterScale.Log
            ? Math.Exp(Math.Log(Min) + u * (Math.Log(Max) - Math.Log(Min)))
            : Min + u * (Max - Min);
        x = Math.Clamp(x, Min, Max);
        return Integer ? Math.Clamp(Math.Round(x, MidpointRounding.AwayFromZero), Math.Ceiling(Min), Math.Floor(Max)) : x;
    }

    private static string Number(double x) => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
