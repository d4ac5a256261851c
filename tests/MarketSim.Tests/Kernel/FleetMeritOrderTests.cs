using MarketSim.Core;
using MarketSim.Core.Market;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

/// <summary>
/// The market keeps each fleet's merit order from month to month (last month's order with this month's deliveries
/// merged in, read afresh once vintages leave); every month it must be the order a fresh sort of the fleet gives.
/// </summary>
public class FleetMeritOrderTests
{
    private static void AssertSame(double expected, double actual, string what) =>
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            $"{what}: expected {expected:R}, got {actual:R}");

    [Theory]
    [InlineData("")]
    [InlineData("Finance:Leverage=4 Shocks:DemandShortfall:Enabled=true Shocks:DemandShortfall:Fraction=0.9 Shocks:DemandShortfall:Date=2027-06")]
    public void The_order_kept_from_month_to_month_is_the_order_a_fresh_sort_gives(string overrides)
    {
        var sim = Simulation.Create(ScenarioLoader.Load(null, overrides.Split(' ', StringSplitOptions.RemoveEmptyEntries)), 1);
        var world = sim.World;
        var clouds = world.Clouds;
        var months = 0;
        while (sim.StepOnce())
        {
            var kept = world.ComputeMarket.MeritOrder;
            var fresh = new FleetMeritOrder(clouds.Count);
            fresh.Build(clouds, world.Clock.Step - 1);
            for (var i = 0; i < clouds.Count; i++)
            {
                // A cloud that defaulted after the market cleared has handed its fleet to its lenders since.
                if (clouds[i].IsDefaulted) continue;
                var what = $"{clouds[i].Name} in month {world.Clock.Step - 1}";
                AssertSame(fresh.CohortH100e(i), kept.CohortH100e(i), what + ", cohort");
                foreach (var v in clouds[i].Fleet)
                    AssertSame(fresh.CoveredBy(i, v.CashCostPerH100eHour), kept.CoveredBy(i, v.CashCostPerH100eHour), what + ", covered");
                for (var h = 0.0; h <= clouds[i].InstalledH100e; h += clouds[i].InstalledH100e / 50 + 1)
                    AssertSame(fresh.CostBeyond(i, h), kept.CostBeyond(i, h), what + ", cost beyond");
            }
            months++;
        }
        Assert.True(months > 100);
    }

    [Fact]
    public void The_cohort_total_without_a_branch_is_the_sum_of_the_cohorts_entries_to_the_bit()
    {
        var rng = new Random(3);
        double[] special = [0.0, -0.0, double.PositiveInfinity, double.NaN, double.Epsilon, 1e300];
        for (var trial = 0; trial < 200; trial++)
        {
            var n = rng.Next(0, 400);
            double branchless = 0, branchy = 0;
            for (var i = 0; i < n; i++)
            {
                var h100e = rng.Next(20) == 0 ? special[rng.Next(special.Length)] : rng.NextDouble() * Math.Pow(10, rng.Next(-3, 6));
                var cohort = rng.Next(2) == 0;
                branchless += FleetMeritOrder.CohortPart(h100e, cohort);
                if (cohort) branchy += h100e;
            }
            Assert.Equal(BitConverter.DoubleToInt64Bits(branchy), BitConverter.DoubleToInt64Bits(branchless));
        }
    }
}
