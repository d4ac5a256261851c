using System.Text.Json.Nodes;

namespace MarketSim.Experiments.Calibration;

/// <summary>
/// A parsed calibration specification (experiments/calibration.json): which scenario keys are uncertain (with their
/// priors), which observed series the runs must reproduce, from which start state, and how ABC-SMC is tuned.
/// </summary>
public sealed record CalibrationSpec(
    string Name,
    string Scenario,
    string? ScenarioPath,
    int Seed,
    string DataPath,
    IReadOnlyList<KeyValuePair<string, string>> Fixed,
    AbcSmcSettings Method,
    IReadOnlyList<CalibratedParameter> Parameters,
    IReadOnlyList<TargetSpec> Targets,
    string SourceFile,
    JsonNode Given)
{
    public string ScenarioToLoad => ScenarioPath ?? Scenario;

    /// <summary>The identity of a calibration: its spec as given, compacted.</summary>
    public string SpecKey => Given.ToJsonString();
}

/// <summary>
/// ABC-SMC settings. <paramref name="Quantile"/> sets each generation's tolerance to that weighted quantile of the
/// previous generation's distances (pyabc's QuantileEpsilon, alpha 0.5 by default); the run stops after
/// <paramref name="Generations"/>, when a generation's acceptance rate falls below <paramref name="MinAcceptance"/>,
/// when the tolerance reaches <paramref name="MinTolerance"/>, or when the simulation budget is spent.
/// </summary>
public sealed record AbcSmcSettings(int Particles, int Generations, double Quantile, double MinAcceptance, double MinTolerance);

/// <summary>One uncertain scenario key and its prior.</summary>
public sealed record CalibratedParameter(string Key, Prior Prior);

public enum TargetTransform { Log, Relative }

/// <summary>
/// One observed series to reproduce: rows (series, entity) of the data file, compared with a run's monthly
/// <paramref name="Metric"/> of <paramref name="Agent"/> aggregated over each row's months (flows summed, stocks at
/// the last month, levels averaged) and multiplied by <paramref name="Scale"/> (12 turns a monthly flow into an
/// annualised run-rate). <paramref name="Periods"/> picks rows by their label; otherwise every row whose months lie
/// within <paramref name="From"/>..<paramref name="To"/> (inclusive, yyyy-MM) is a target. The weight is shared by
/// the target's periods, so a long quarterly series does not outweigh a single dated point by its length alone.
/// A <paramref name="Holdout"/> target is simulated and shown in fit.csv but not fitted: a check within history.
/// </summary>
public sealed record TargetSpec(
    string Series,
    string Entity,
    string Agent,
    string Metric,
    IReadOnlyList<string>? Periods,
    string? From,
    string? To,
    TargetTransform Transform,
    double Weight,
    double Scale,
    bool Holdout = false)
{
    public string Name => $"{Series}/{Entity}";
}
