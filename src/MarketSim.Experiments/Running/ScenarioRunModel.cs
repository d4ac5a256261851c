using MarketSim.Core;
using MarketSim.Core.Results;
using MarketSim.Core.Rules;
using MarketSim.Core.Scenarios;

namespace MarketSim.Experiments.Running;

/// <summary>
/// The real model: the base scenario loaded once, then per run WithOverrides + Simulation.Create(..).Run() with the
/// model's catalogue of rules (the built-in rules unless given).
/// </summary>
public sealed class ScenarioRunModel(Scenario baseScenario, RuleCatalog? rules = null) : IRunModel
{
    public Scenario BaseScenario { get; } = baseScenario;
    public RuleCatalog Rules { get; } = rules ?? RuleCatalog.BuiltIn;

    public string ScenarioSha256 { get; } = Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ScenarioLoader.ToJson(baseScenario))));

    /// <summary>Loads a built-in scenario name or a scenario file; throws ScenarioException for bad input.</summary>
    public static ScenarioRunModel Load(string? nameOrPath, RuleCatalog? rules = null)
    {
        var model = new ScenarioRunModel(ScenarioLoader.Load(nameOrPath, []), rules);
        model.Rules.Check(model.BaseScenario);
        return model;
    }

    /// <summary>Refuses overrides the scenario would not accept, including rule names the catalogue does not hold.</summary>
    public void Check(IReadOnlyList<KeyValuePair<string, string>> overrides) =>
        Rules.Check(ScenarioLoader.WithOverrides(BaseScenario, overrides));

    public RunResult Run(IReadOnlyList<KeyValuePair<string, string>> overrides, int seed) =>
        Simulation.Create(ScenarioLoader.WithOverrides(BaseScenario, overrides), seed, Rules).Run();

    /// <summary>The world of the run built but not stepped: every series it registers, and its months.</summary>
    public RunResult Outline(IReadOnlyList<KeyValuePair<string, string>> overrides)
    {
        var world = Simulation.Create(ScenarioLoader.WithOverrides(BaseScenario, overrides), 0, Rules).World;
        return new RunResult(BaseScenario.Name, 0, world.Clock.Dates, world.Metrics.Series, [], []);
    }
}
