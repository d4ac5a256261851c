using MarketSim.Core.Results;

namespace MarketSim.Experiments.Running;

/// <summary>What a sweep runs: the scenario with one design row's overrides, under one seed.</summary>
public interface IRunModel
{
    /// <summary>Throws a one-line input exception when the overrides do not fit the scenario (unknown key, out of range).</summary>
    void Check(IReadOnlyList<KeyValuePair<string, string>> overrides);

    RunResult Run(IReadOnlyList<KeyValuePair<string, string>> overrides, int seed);
}
