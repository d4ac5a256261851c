using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using MarketSim.Data.Sweeps;
using MarketSim.Experiments.Running;
using MarketSim.Experiments.Specs;
using ScenarioRecord = MarketSim.Core.Scenarios.Scenario;

namespace MarketSim.Experiments;

/// <summary>
/// A sweep defined in code, the same sweep a spec file describes:
/// <code>
/// var sweep = Sweep.Define("elasticity").Scenario("baseline")
///     .Vary("Demand:PriceElasticity", 0.5, 2.0)
///     .Vary("Demand:AdoptionSpeed", Distribution.Normal(1.0, 0.2), group: "demand")
///     .Vary("Shocks:EfficiencyBreakthrough:Enabled", [false, true])
///     .Sampler(Sampler.Saltelli(64)).Replications(1).Seed(1)
///     .Run(workers: 2);
/// </code>
/// </summary>
public static class Sweep
{
    public static SweepBuilder Define(string name) => new(name);
}

/// <summary>The design's sampler and its size.</summary>
public sealed record Sampler(SamplerKind Kind, int? Samples = null, bool SecondOrder = false, int? Trajectories = null, int? Levels = null)
{
    /// <summary>The full factorial of every parameter's values or steps.</summary>
    public static Sampler Grid() => new(SamplerKind.Grid);

    public static Sampler Random(int samples) => new(SamplerKind.Random, samples);

    public static Sampler Lhs(int samples) => new(SamplerKind.Lhs, samples);

    /// <summary>The first N points of the Sobol sequence; N a power of two.</summary>
    public static Sampler Sobol(int samples) => new(SamplerKind.Sobol, samples);

    /// <summary>Saltelli's scheme for Sobol indices: N base samples (a power of two), N(D+2) rows, or N(2D+2) with second order.</summary>
    public static Sampler Saltelli(int samples, bool secondOrder = false) => new(SamplerKind.Saltelli, samples, secondOrder);

    /// <summary>Morris trajectories of D+1 rows on a grid of <paramref name="levels"/> levels (even; default 4).</summary>
    public static Sampler Morris(int trajectories, int? levels = null) => new(SamplerKind.Morris, Trajectories: trajectories, Levels: levels);

    internal JsonObject ToJson()
    {
        var design = new JsonObject { ["sampler"] = Kind.ToString().ToLowerInvariant() };
        if (Samples is { } n) design["samples"] = n;
        if (SecondOrder) design["secondOrder"] = true;
        if (Trajectories is { } t) design["trajectories"] = t;
        if (Levels is { } l) design["levels"] = l;
        return design;
    }
}

/// <summary>
/// Builds a sweep spec step by step; each step returns a new builder, so a half-built sweep can be reused. The spec is
/// checked by the spec file parser itself (<see cref="ToSpec"/>), so a bad key, range or size is the same one-line
/// <see cref="SpecException"/> a spec file gets.
/// </summary>
public sealed record SweepBuilder
{
    private readonly string _name;
    private string? _scenarioName;
    private ScenarioRecord? _scenario;
    private ImmutableList<JsonObject> _parameters = [];
    private Sampler? _sampler;
    private bool? _scramble;
    private int? _replications;
    private int? _seed;
    private JsonObject? _outputs;

    internal SweepBuilder(string name) => _name = name;

    /// <summary>A built-in scenario (baseline, backtest) or a scenario file (relative to the working directory).</summary>
    public SweepBuilder Scenario(string nameOrFile) => this with { _scenarioName = nameOrFile, _scenario = null };

    /// <summary>A scenario already loaded (e.g. with overrides); the manifest records its name.</summary>
    public SweepBuilder Scenario(ScenarioRecord scenario) => this with { _scenarioName = scenario.Name, _scenario = scenario };

    /// <summary>
    /// A continuous parameter from <paramref name="min"/> to <paramref name="max"/>; <paramref name="steps"/> for the
    /// grid sampler. Parameters sharing a <paramref name="group"/> move together in a Saltelli design and get one Sobol
    /// index between them.
    /// </summary>
    public SweepBuilder Vary(string key, double min, double max, ParameterScale scale = ParameterScale.Linear, int? steps = null,
        string? group = null)
    {
        var parameter = new JsonObject { ["key"] = key, ["min"] = min, ["max"] = max };
        if (scale == ParameterScale.Log) parameter["scale"] = "log";
        if (steps is { } n) parameter["steps"] = n;
        return Add(parameter, group);
    }

    /// <summary>A continuous parameter drawn from a distribution through its inverse CDF, e.g. <c>Distribution.Normal(1, 0.2)</c>.</summary>
    public SweepBuilder Vary(string key, Distribution distribution, string? group = null)
    {
        var parameter = new JsonObject { ["key"] = key, ["distribution"] = distribution.Name };
        foreach (var (name, value) in distribution.Arguments) parameter[name] = value;
        return Add(parameter, group);
    }

    /// <summary>A categorical parameter: a list of booleans, numbers or strings, e.g. <c>[false, true]</c>.</summary>
    public SweepBuilder Vary(string key, IReadOnlyList<object> values, string? group = null) =>
        Add(new JsonObject { ["key"] = key, ["values"] = new JsonArray([.. values.Select(v => Value(key, v))]) }, group);

    private SweepBuilder Add(JsonObject parameter, string? group)
    {
        if (group is not null) parameter["group"] = group;
        return this with { _parameters = _parameters.Add(parameter) };
    }

    // Spelled out rather than serialized: programs built without reflection-based serialization use the builder too.
    private JsonNode Value(string key, object value) => value switch
    {
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        int or long or short or byte or float or double or decimal =>
            JsonValue.Create(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)),
        _ => throw new SpecException($"sweep '{_name}': {key}: values may hold only booleans, numbers or strings, not {value.GetType().Name}"),
    };

    public SweepBuilder Sampler(Sampler sampler) => this with { _sampler = sampler };

    /// <summary>
    /// Whether a Sobol or Saltelli design's points are scrambled, seeded from the sweep's seed (the default);
    /// <c>Scramble(false)</c> gives the unscrambled sequence.
    /// </summary>
    public SweepBuilder Scramble(bool scramble = true) => this with { _scramble = scramble };

    /// <summary>Runs per design row, each with its own seed (default 1).</summary>
    public SweepBuilder Replications(int replications) => this with { _replications = replications };

    /// <summary>The seed every random choice of the sweep derives from (default 1).</summary>
    public SweepBuilder Seed(int seed) => this with { _seed = seed };

    /// <summary>Also keep timeseries (annual or monthly), optionally only the named metrics.</summary>
    public SweepBuilder Timeseries(TimeseriesOutput timeseries, params string[] metrics)
    {
        var outputs = new JsonObject { ["timeseries"] = timeseries.ToString().ToLowerInvariant() };
        if (metrics.Length > 0) outputs["metrics"] = new JsonArray([.. metrics.Select(m => (JsonNode)m)]);
        return this with { _outputs = outputs };
    }

    /// <summary>The spec file this sweep corresponds to.</summary>
    public string ToJson() => Json().ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>The checked spec, as <see cref="SpecParser"/> reads it from a file.</summary>
    public SweepSpec ToSpec() => SpecParser.Parse(Json().ToJsonString(), $"sweep '{_name}'");

    /// <summary>
    /// Runs the sweep in memory and returns its tables as typed rows (design, summary, runs, timeseries when asked
    /// for); <see cref="SweepTables.WriteTo"/> writes them as the sweep directory <c>marketsim sweep</c> writes.
    /// </summary>
    public SweepTables Run(int workers = 1, Action<SweepProgress>? progress = null) =>
        SweepRunner.RunInMemory(ToSpec(), Model, workers, progress);

    private IRunModel Model(SweepSpec spec) =>
        _scenario is not null ? new ScenarioRunModel(_scenario) : ScenarioRunModel.Load(spec.ScenarioToLoad);

    private JsonObject Json()
    {
        var spec = new JsonObject { ["name"] = _name };
        if (_scenarioName is not null) spec["scenario"] = _scenarioName;
        if (_seed is { } seed) spec["seed"] = seed;
        if (_replications is { } replications) spec["replications"] = replications;
        if (_sampler is not null) spec["design"] = _sampler.ToJson();
        if (_scramble is { } scramble && spec["design"] is JsonObject design) design["scramble"] = scramble;
        spec["parameters"] = new JsonArray([.. _parameters.Select(p => p.DeepClone())]);
        if (_outputs is not null) spec["outputs"] = _outputs.DeepClone();
        return spec;
    }
}
