using MarketSim.Core;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

public class PolicyTests
{
    private static MarketSim.Core.Results.RunResult Run(params string[] overrides) => Simulation.Create(ScenarioLoader.Load(null, overrides), 1).Run();

    private static double Sum(MarketSim.Core.Results.RunResult r, string kind, string metric, string year) => r.Series
        .Where(s => s.Kind == kind && s.Metric == metric)
        .Sum(s => Enumerable.Range(0, r.Dates.Count).Where(i => r.Dates[i].StartsWith(year)).Sum(i => s.Values[i]));

    [Fact]
    public void Contract_backed_clouds_build_less_than_forecasting_clouds()
    {
        var forecast = Run();
        var backed = Run("Policies:Capacity=ContractBackedCapacity");
        Assert.True(Sum(backed, "cloud", "ai_capex_usd_bn", "2026") < Sum(forecast, "cloud", "ai_capex_usd_bn", "2026"));
        Assert.Contains(backed.Events, e => e.Event == "ChipOrder" && e.Detail.StartsWith("rule=ContractBackedCapacity"));
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
        var r = Run("Deals:AnnouncedPreset=true");
        Assert.All(r.Events, e => Assert.StartsWith("rule=", e.Detail));
        Assert.Contains(r.Events, e => e.Event == "ContractSigned" && e.Detail.StartsWith("rule=AnnouncedDeal"));
    }
}
