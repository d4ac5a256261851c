using MarketSim.Core.Results;

namespace MarketSim.Experiments.Running;

/// <summary>What a sweep runs: the scenario with one design row's overrides, under one seed.</summary>
public interface IRunModel
{
    /// <summary>Throws a one-line input exception when the overrides do not fit the scenario (unknown key, out of range).</summary>
    void Check(IReadOnlyList<KeyValuePair<string, string>> overrides);

    RunResult Run(IReadOnlyList<KeyValuePair<string, string>> overrides, int seed);

    /// <summary>
    /// The series and months a run with these overrides would record, without running it (values all zero), so a
    /// sweep can be sized before it starts; null when the model cannot tell.
    /// </summary>
    RunResult? Outline(IReadOnlyList<KeyValuePair<string, string>> overrides) => null;

    /// <summary>
    /// SHA-256 (hex) of the fully resolved scenario the runs start from, recorded in the sweep manifest so that a
    /// resume refuses a scenario edited since; null when the model has no scenario to hash.
    /// </summary>
    string? ScenarioSha256 => null;
}
