using MarketSim.Core;
using MarketSim.Core.Engine;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

public class ParentFundingTests
{
    [Fact]
    public void A_lab_its_parent_funds_gets_money_only_from_its_parent_and_its_own_users()
    {
        var sim = Simulation.Create(ScenarioLoader.Load(null, []), 1);
        var world = sim.World;
        var ledger = world.Ledger;
        var funded = world.Labs.Where(l => l.Options.ParentFunded).ToDictionary(l => l.Account);
        Assert.Equal(["GoogleDeepMind", "MetaAI"], funded.Values.Select(l => l.Name).Order());
        var endUsers = world.External(ExternalAccount.EndUsers);
        var externals = Enum.GetValues<ExternalAccount>().Select(world.External).ToHashSet();
        var fromParent = funded.Keys.ToDictionary(a => a, _ => 0.0);
        var fromOutside = new List<string>();
        ledger.Watch((from, to, amount) =>
        {
            if (!funded.TryGetValue(to, out var lab)) return;
            if (from == lab.HomeCloud!.Account) fromParent[to] += amount;
            else if (externals.Contains(from) && from != endUsers) fromOutside.Add($"{ledger.Name(from)} -> {lab.Name} {amount:F2}");
        });
        sim.Run();
        Assert.Empty(fromOutside);
        Assert.All(fromParent.Values, paid => Assert.True(paid > 10, $"parent paid {paid:F1} bn"));
    }

    [Fact]
    public void A_captive_builder_earns_nothing_from_its_own_labs_payments()
    {
        static (double[] Revenue, double[] EndUser, double[] Costs) Cohort(double share)
        {
            var sim = Simulation.Create(ScenarioLoader.Load(null, [$"Clouds:Meta:AiAttributableRevenueShare={share}"]), 1);
            sim.Run();
            var meta = sim.World.CloudNamed("Meta")!.Index;
            var a = sim.World.Cohort;
            return (a.OwnersRevenue[meta], a.EndUserRevenue[meta], a.Power[meta]);
        }
        var none = Cohort(0);
        var some = Cohort(0.3);
        // MetaAI pays Meta for compute every month, yet without an attributable share Meta's cohort earns nothing in
        // either lens: it only costs money to run.
        Assert.All(none.Revenue, r => Assert.Equal(0, r));
        Assert.All(none.EndUser, r => Assert.Equal(0, r));
        Assert.True(none.Costs.Sum() > 0);
        Assert.True(some.Revenue.Sum() > 0);
        Assert.Equal(some.Revenue.Sum(), some.EndUser.Sum(), 9);
    }
}
