using MarketSim.Core;
using MarketSim.Core.Agents;
using MarketSim.Core.Engine;
using MarketSim.Core.Market;
using MarketSim.Core.Rules;
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
    // Whole months of deliveries retired at once, several groups of one month among them, and vintages kept on either
    // side of those that leave.
    [InlineData("Policies:Retirement=FixedLifeRetirement Hardware:FixedLifeRetirement:EconomicLifeYears=2")]
    [InlineData("Hardware:UneconomicMonthsToRetire=1 Hardware:MaxLifeYears=3")]
    public void The_order_kept_from_month_to_month_is_the_order_a_fresh_sort_gives(string overrides)
    {
        var sim = Simulation.Create(ScenarioLoader.Load(null, overrides.Split(' ', StringSplitOptions.RemoveEmptyEntries)), 1);
        var months = 0;
        while (sim.StepOnce())
        {
            AssertKeptIsFresh(sim.World);
            months++;
        }
        Assert.True(months > 100);
    }

    /// <summary>This month's merit order, as the market kept it, answers as a fresh sort of the fleets does.</summary>
    private static void AssertKeptIsFresh(World world)
    {
        var clouds = world.Clouds;
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
    }

    [Fact]
    public void What_a_rent_covers_is_the_running_total_of_the_groups_costing_at_most_the_rent()
    {
        var sim = Simulation.Create(ScenarioLoader.Load(null, []), 1);
        var rents = 0;
        while (sim.StepOnce())
        {
            var order = sim.World.ComputeMarket.MeritOrder;
            for (var i = 0; i < sim.World.Clouds.Count; i++)
            {
                var entries = order.EntriesOf(i).ToArray();
                // Each group's cost, a hair either side of it, nothing, everything and not a number.
                var asked = new List<double> { 0, -1, double.PositiveInfinity, double.NaN, double.MaxValue };
                foreach (var e in entries) asked.AddRange([e.Cost, Math.BitDecrement(e.Cost), Math.BitIncrement(e.Cost)]);
                foreach (var rent in asked)
                {
                    double covered = 0;
                    foreach (var e in entries.TakeWhile(e => e.Cost <= rent)) covered += e.H100e;
                    AssertSame(covered, order.CoveredBy(i, rent), $"{sim.World.Clouds[i].Name} in month {sim.World.Clock.Step - 1}, rent {rent:R}");
                    rents++;
                }
            }
        }
        Assert.True(rents > 50_000, $"{rents} rents");
    }

    [Fact]
    public void The_cohort_in_use_is_the_cohorts_part_of_the_cheapest_groups_added_up_in_order_to_the_bit()
    {
        var sim = Simulation.Create(ScenarioLoader.Load(null, []), 1);
        var (amounts, cut) = (0, 0);
        while (sim.StepOnce())
        {
            var clouds = sim.World.Clouds;
            var order = sim.World.ComputeMarket.MeritOrder;
            for (var i = 0; i < clouds.Count; i++)
            {
                var entries = order.EntriesOf(i).ToArray();
                // Nothing, what is in use, a running total exactly and either side of it, part of the way, all and more.
                var inUse = new List<double> { 0, clouds[i].UsedH100e, clouds[i].InstalledH100e, clouds[i].InstalledH100e + 1, double.NaN };
                double total = 0;
                foreach (var e in entries)
                {
                    total += e.H100e;
                    inUse.AddRange([total, Math.BitDecrement(total), Math.BitIncrement(total), total - e.H100e / 3]);
                }
                foreach (var amount in inUse)
                {
                    double h = 0, kw = 0, before = 0;
                    foreach (var e in entries)
                    {
                        if (!(before < amount)) break;
                        var used = Math.Min(e.H100e, amount - before);
                        before += e.H100e;
                        if (!e.Cohort) continue;
                        h += used;
                        kw += used * e.Kw;
                        if (used < e.H100e) cut++;
                    }
                    var (cohortH100e, cohortKw) = order.CohortInUse(i, amount);
                    AssertSame(h, cohortH100e, $"{clouds[i].Name} in month {sim.World.Clock.Step - 1}, {amount:R} in use");
                    AssertSame(kw, cohortKw, $"{clouds[i].Name} in month {sim.World.Clock.Step - 1}, {amount:R} in use, kW");
                    amounts++;
                }
            }
        }
        Assert.True(amounts > 10_000 && cut > 1_000, $"{amounts} amounts, {cut} cohort groups used in part");
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

    /// <summary>Retires what the baseline rule retires, and the vintages a test picks.</summary>
    private sealed class PickedRetirement(HashSet<Vintage> picked) : IRetirementPolicy
    {
        private readonly CashCostRetirement _baseline = new();

        public bool Retires(Cloud cloud, Vintage vintage, RuleContext context) =>
            picked.Contains(vintage) || _baseline.Retires(cloud, vintage, context);
    }

    [Fact]
    public void A_month_that_retires_part_of_a_group_is_read_afresh_and_gives_the_order_a_fresh_sort_gives()
    {
        var picked = new HashSet<Vintage>();
        var catalog = RuleCatalog.BuiltIn.With<IRetirementPolicy>("PickedRetirement", () => new PickedRetirement(picked));
        var sim = Simulation.Create(ScenarioLoader.Load(null, ["Policies:Retirement=PickedRetirement"]), 1, catalog);
        var world = sim.World;
        var partial = 0;
        while (sim.StepOnce())
        {
            AssertKeptIsFresh(world);
            // Next month, the newer of two vintages that run together as one group retires, and the older stays.
            picked.Clear();
            foreach (var cloud in world.Clouds)
            {
                var fleet = cloud.Fleet;
                for (var k = 0; k + 1 < fleet.Count; k++)
                    if (fleet[k].InstalledStep == fleet[k + 1].InstalledStep && fleet[k].KwPerH100e == fleet[k + 1].KwPerH100e
                        && fleet[k].InCohort == fleet[k + 1].InCohort && world.Clock.Step % 6 == 0)
                    {
                        picked.Add(fleet[k + 1]);
                        partial++;
                        break;
                    }
            }
        }
        Assert.True(partial > 5, $"{partial} groups retired in part");
    }

    [Fact]
    public void Vintages_of_one_month_and_power_draw_either_side_of_a_group_that_leaves_would_run_together()
    {
        var sim = Simulation.Create(ScenarioLoader.Load(null, []), 1);
        while (sim.World.Clock.Step < 30) sim.StepOnce();
        var generations = sim.World.Clouds.SelectMany(c => c.Fleet).Select(v => v.Generation)
            .DistinctBy(g => g.KwPerH100e).Take(2).ToArray();
        Vintage Make(Generation generation, int step, int order) => new()
        {
            Generation = generation, InstalledStep = step, H100e = 1000, CostUsdBn = 0.03, InCohort = false, CashCostPerH100eHour = 0.5,
            InstallOrder = order,
        };
        var (a, c, later) = (Make(generations[0], 5, 1), Make(generations[0], 5, 3), Make(generations[0], 6, 4));
        // b (install order 2, the other power draw) has left; a and c are now side by side.
        Assert.True(FleetMeritOrder.RunTogetherWithout([a, c, later], 2));
        Assert.False(FleetMeritOrder.RunTogetherWithout([a, later], 3));
        Assert.False(FleetMeritOrder.RunTogetherWithout([a, Make(generations[1], 5, 3)], 2));
        Assert.False(FleetMeritOrder.RunTogetherWithout([a, c], 3));
        Assert.False(FleetMeritOrder.RunTogetherWithout([a, c], 0));
    }
}
