using MarketSim.Core;
using MarketSim.Core.Rules;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

public class PolicyTests
{
    private static MarketSim.Core.Results.RunResult Run(params string[] overrides) => Simulation.Create(ScenarioLoader.Load(null, overrides), 1).Run();

    private static double Sum(MarketSim.Core.Results.RunResult r, string kind, string metric, string year) => r.Series
        .Where(s => s.Kind == kind && s.Metric == metric)
        .Sum(s => Enumerable.Range(0, r.Dates.Count).Where(i => r.Dates[i].StartsWith(year)).Sum(i => s.Values[i]));

    private static string RuleOf(MarketSim.Core.Results.SimEvent e) => e.Detail.Split(' ')[0]["rule=".Length..];

    [Fact]
    public void Contract_backed_clouds_build_less_than_forecasting_clouds()
    {
        var forecast = Run();
        var backed = Run("Policies:Capacity=ContractBackedCapacity");
        Assert.True(Sum(backed, "cloud", "ai_capex_usd_bn", "2026") < Sum(forecast, "cloud", "ai_capex_usd_bn", "2026"));
        Assert.Contains(backed.Events, e => e.Event == "ChipOrder" && e.Detail.StartsWith("rule=ContractBackedCapacity"));
    }

    [Fact]
    public void One_cloud_can_plan_by_its_own_rule_while_the_others_keep_the_scenario_wide_one()
    {
        var scenario = ScenarioLoader.Load(null, ["Clouds:CoreWeave:Policies:Capacity=ContractBackedCapacity"]);
        var sim = Simulation.Create(scenario, 1);
        Assert.All(sim.World.Clouds, c => Assert.IsType(
            c.Name == "CoreWeave" ? typeof(ContractBackedCapacity) : typeof(ForecastCapacity), c.Rules.Capacity));

        var capacityEvents = sim.Run().Events.Where(e => e.Event is "ChipOrder" or "ShellStarted").ToList();
        var byCloud = capacityEvents.GroupBy(e => e.Agent).ToDictionary(g => g.Key, g => g.Select(RuleOf).Distinct().ToArray());
        Assert.Equal(["ContractBackedCapacity"], byCloud["CoreWeave"]);
        Assert.All(byCloud.Where(kv => kv.Key != "CoreWeave"), kv => Assert.Equal(["ForecastCapacity"], kv.Value));
        Assert.True(byCloud.Count >= 4, $"clouds with capacity events: {string.Join(", ", byCloud.Keys)}");
    }

    [Fact]
    public void One_lab_can_price_by_its_own_rule()
    {
        var sim = Simulation.Create(ScenarioLoader.Load(null, ["Labs:OpenAI:Policies:Pricing=PriceWarPricing"]), 1);
        Assert.All(sim.World.Labs, l => Assert.IsType(
            l.Name == "OpenAI" ? typeof(PriceWarPricing) : typeof(CostPlusPricing), l.Rules.Pricing));
        // After a few months OpenAI undercuts the market while the others still price at cost plus their margin.
        var baseline = Simulation.Create(ScenarioLoader.Load(null, []), 1);
        for (var month = 0; month < 3; month++) { sim.StepOnce(); baseline.StepOnce(); }
        double Price(Simulation s, string lab) => s.World.Labs.Single(l => l.Name == lab).TokenPrice;
        Assert.True(Price(sim, "OpenAI") < Price(baseline, "OpenAI"));
    }

    [Fact]
    public void Neoclouds_and_hyperscalers_borrow_by_their_own_scenario_wide_rules()
    {
        var world = Simulation.Create(ScenarioLoader.Load(null, []), 1).World;
        Assert.All(world.Clouds, c => Assert.IsType(
            c.IsNeocloud ? typeof(LeveragedBorrowing) : typeof(RatingLimitBorrowing), c.Rules.Borrowing));
        var mixed = Simulation.Create(ScenarioLoader.Load(null, ["Clouds:Oracle:Policies:Borrowing=LeveragedBorrowing"]), 1).World;
        Assert.IsType<LeveragedBorrowing>(mixed.Clouds.Single(c => c.Name == "Oracle").Rules.Borrowing);
    }

    [Fact]
    public void An_empty_agent_rule_means_the_scenario_wide_one_and_an_unknown_one_is_refused()
    {
        var scenario = ScenarioLoader.Load(null, ["Clouds:AWS:Policies:Capacity=", "Policies:Capacity=ContractBackedCapacity"]);
        Assert.IsType<ContractBackedCapacity>(Simulation.Create(scenario, 1).World.Clouds.Single(c => c.Name == "AWS").Rules.Capacity);
        var guess = ScenarioLoader.Load(null, ["Clouds:CoreWeave:Policies:Capacity=Guess"]);
        var message = Assert.Throws<ScenarioException>(() => Simulation.Create(guess, 1)).Message;
        Assert.Equal("Clouds:CoreWeave:Policies:Capacity: 'Guess' is not a registered ICapacityPolicy; "
            + "allowed: ContractBackedCapacity, ForecastCapacity, or empty for the scenario-wide rule", message);
    }

    [Fact]
    public void Price_war_pricing_lowers_token_prices()
    {
        var baseline = Run();
        var war = Run("Policies:Pricing=PriceWarPricing");
        double Price(MarketSim.Core.Results.RunResult r) => r.Series.Single(s => s.Agent == "Market" && s.Metric == "token_price_usd_per_mtok").Values[24];
        Assert.True(Price(war) < Price(baseline));
    }

    [Fact]
    public void Every_event_names_its_rule()
    {
        var r = Run();
        Assert.All(r.Events, e => Assert.StartsWith("rule=", e.Detail));
        Assert.Contains(r.Events, e => e.Event == "ContractSigned" && e.Detail.StartsWith("rule=AnnouncedDeal"));
    }
}

public class CostOfCapitalTests
{
    [Fact]
    public void A_rate_rise_raises_the_capital_charge_of_the_spot_price_as_it_does_the_clouds()
    {
        var sim = Simulation.Create(ScenarioLoader.Load(null, ["Shocks:RateRise:Enabled=true", "Shocks:RateRise:Date=2026-01", "Shocks:RateRise:Rise=0.03"]), 1);
        var world = sim.World;
        while (world.Clock.Step < world.Clock.StepOf(new YearMonth(2026, 1))) sim.StepOnce();
        var before = CostPlusRent.CapitalCharge(world.Context);
        var cloudBefore = world.Clouds.Single(c => c.Name == "AWS").CostOfCapital;
        sim.StepOnce(); // the shock fires at the start of 2026-01
        Assert.Equal(before + 0.03, CostPlusRent.CapitalCharge(world.Context), 12);
        Assert.Equal(cloudBefore + 0.03, world.Clouds.Single(c => c.Name == "AWS").CostOfCapital, 12);

        // Under the cost-plus rent, the month the rates rise the rent moves towards a dearer cost of new capacity.
        var calm = Simulation.Create(ScenarioLoader.Load(null, ["Policies:SpotPrice=CostPlusRent"]), 1).Run();
        var risen = Simulation.Create(ScenarioLoader.Load(null, ["Policies:SpotPrice=CostPlusRent", "Shocks:RateRise:Enabled=true",
            "Shocks:RateRise:Date=2026-01", "Shocks:RateRise:Rise=0.03"]), 1).Run();
        double Price(MarketSim.Core.Results.RunResult r) =>
            r.Series.Single(s => s.Agent == "Market" && s.Metric == "gpu_hour_price_usd").Values[world.Clock.StepOf(new YearMonth(2026, 1))];
        Assert.True(Price(risen) > Price(calm), $"{Price(risen)} vs {Price(calm)}");
    }
}
