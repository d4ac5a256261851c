using MarketSim.Core;
using MarketSim.Core.Results;
using MarketSim.Core.Scenarios;

namespace MarketSim.Experiments.Running;

/// <summary>The real model: the base scenario loaded once, then per run WithOverrides + Simulation.Create(..).Run().</summary>
public sealed class ScenarioRunModel(Scenario baseScenario) : IRunModel
{
    public Scenario BaseScenario { get; } = baseScenario;

    /// <summary>Loads a built-in scenario name or a scenario file; throws ScenarioException for bad input.</summary>
    public static ScenarioRunModel Load(string? nameOrPath) => new(ScenarioLoader.Load(nameOrPath, []));

    public void Check(IReadOnlyList<KeyValuePair<string, string>> overrides) => ScenarioLoader.WithOverrides(BaseScenario, overrides);

    public RunResult Run(IReadOnlyList<KeyValuePair<string, string>> overrides, int seed) =>
        Simulation.Create(ScenarioLoader.WithOverrides(BaseScenario, overrides), seed).Run();
}
