using MarketSim.Core;
using MarketSim.Core.Agents;
using MarketSim.Core.Results;
using MarketSim.Core.Rules;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

public class RuleCatalogTests
{
    /// <summary>A capacity rule named Probe that plans exactly as another rule does.</summary>
    private sealed class Probe(ICapacityPolicy plansLike) : ICapacityPolicy
    {
        public string Name => "Probe";
        public CapacityPlan PlanCapacity(Cloud cloud, RuleContext context) => plansLike.PlanCapacity(cloud, context);
    }

    private static readonly Scenario ProbeScenario = ScenarioLoader.Load(null, ["Policies:Capacity=Probe"]);

    [Fact]
    public void Two_simulations_with_different_catalogues_run_at_once_and_each_uses_its_own()
    {
        var forecasting = RuleCatalog.BuiltIn.With<ICapacityPolicy>("Probe", () => new Probe(new ForecastCapacity()));
        var cautious = RuleCatalog.BuiltIn.With<ICapacityPolicy>("Probe", () => new Probe(new ContractBackedCapacity()));
        var results = new RunResult[8];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            i => results[i] = Simulation.Create(ProbeScenario, 1, i % 2 == 0 ? forecasting : cautious).Run());

        var baseline = Simulation.Create(ScenarioLoader.Load(null, []), 1).Run();
        var contractBacked = Simulation.Create(ScenarioLoader.Load(null, ["Policies:Capacity=ContractBackedCapacity"]), 1).Run();
        Assert.NotEqual(baseline.Summary, contractBacked.Summary);
        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal((i % 2 == 0 ? baseline : contractBacked).Summary, results[i].Summary);
            Assert.Contains(results[i].Events, e => e.Event == "ChipOrder" && e.Detail.StartsWith("rule=Probe "));
        }
    }

    [Fact]
    public void A_rule_of_one_catalogue_is_unknown_to_another()
    {
        var message = Assert.Throws<ScenarioException>(() => Simulation.Create(ProbeScenario, 1)).Message;
        Assert.Equal("Policies:Capacity: 'Probe' is not a registered ICapacityPolicy; allowed: ContractBackedCapacity, ForecastCapacity", message);
        Assert.DoesNotContain("Probe", RuleCatalog.BuiltIn.Names<ICapacityPolicy>());
    }

    [Fact]
    public void With_returns_a_new_catalogue_and_leaves_the_original_alone()
    {
        var mine = RuleCatalog.BuiltIn.With<ICapacityPolicy>("Probe", () => new Probe(new ForecastCapacity()));
        Assert.Equal(["ContractBackedCapacity", "ForecastCapacity", "Probe"], mine.Names<ICapacityPolicy>());
        Assert.Equal(["ContractBackedCapacity", "ForecastCapacity"], RuleCatalog.BuiltIn.Names<ICapacityPolicy>());
        Assert.Equal(RuleCatalog.BuiltIn.Names<IPricingPolicy>(), mine.Names<IPricingPolicy>());
    }

    [Fact]
    public void A_rule_must_be_registered_under_its_own_name()
    {
        var e = Assert.Throws<ArgumentException>(() => RuleCatalog.BuiltIn.With<ICapacityPolicy>("Other", () => new Probe(new ForecastCapacity())));
        Assert.Contains("its Name is 'Probe'", e.Message);
    }

    [Fact]
    public void Every_kind_of_rule_has_a_built_in_default_that_the_scenario_names()
    {
        Assert.Equal(17, RuleCatalog.Kinds.Count);
        Assert.All(RuleCatalog.Kinds, kind => Assert.NotEmpty(RuleCatalog.BuiltIn.Names(kind)));
        RuleCatalog.BuiltIn.Check(ScenarioLoader.Load(null, []));
        RuleCatalog.BuiltIn.Check(ScenarioLoader.Load("backtest", []));
    }

    [Fact]
    public void Rule_names_match_case_insensitively()
    {
        var world = Simulation.Create(ScenarioLoader.Load(null, ["Policies:Capacity=contractbackedcapacity"]), 1).World;
        Assert.All(world.Clouds, c => Assert.IsType<ContractBackedCapacity>(c.Rules.Capacity));
    }
}
