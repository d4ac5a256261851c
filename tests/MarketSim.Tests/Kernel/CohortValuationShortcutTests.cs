using MarketSim.Core;
using MarketSim.Core.Scenarios;
using MarketSim.Core.Summary;

namespace MarketSim.Tests.Kernel;

/// <summary>
/// The cohort's valuation walks only the months with capex when it depreciates, with each month's charge and each age's
/// share of book left worked out once, and its IRR leaves out months without a flow and stops halving once the bracket
/// stops moving. Each is checked against the straightforward computation,
/// bit for bit.
/// </summary>
public class CohortValuationShortcutTests
{
    /// <summary>The IRR as it was computed before: every month, all 100 halvings, every sign from the powers.</summary>
    internal static double ReferenceIrr(double[] flows, int baseStep)
    {
        double Npv(double annual)
        {
            var m = Math.Pow(1 + annual, 1 / 12.0);
            double v = 0;
            for (var t = 0; t < flows.Length; t++) v += flows[t] / Math.Pow(m, t - baseStep);
            return v;
        }
        double lo = -0.99, hi = 10;
        double flo = Npv(lo), fhi = Npv(hi);
        if (double.IsNaN(flo) || double.IsNaN(fhi) || Math.Sign(flo) == Math.Sign(fhi)) return double.NaN;
        for (var i = 0; i < 100; i++)
        {
            var mid = 0.5 * (lo + hi);
            var fm = Npv(mid);
            if (Math.Sign(fm) == Math.Sign(flo)) { lo = mid; flo = fm; } else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>One owner's flows as they were computed before: every earlier month looked at for every month.</summary>
    private static (double[] EndUser, double[] Owners) ReferenceFlows(CohortAccounts a, int c, int end, Scenario scenario)
    {
        var tax = scenario.Finance.TaxRate;
        var chipMonths = scenario.Hardware.DepreciationLifeYears * 12;
        var shellMonths = scenario.Power.ShellLifeYears * 12;
        var endUser = new double[end + 1];
        var owners = new double[end + 1];
        for (var t = 0; t <= end; t++)
        {
            double depreciation = 0, chipBookLeft = 0, shellBookLeft = 0;
            for (var s = 0; s <= t; s++)
            {
                var (chips, shells) = (a.ChipCapex[c][s], a.ShellCapex[c][s]);
                if (chips + shells <= 0) continue;
                var age = t - s;
                if (age < chipMonths) depreciation += chips / chipMonths;
                if (age < shellMonths) depreciation += shells / shellMonths;
                chipBookLeft += chips * Math.Max(0, 1 - (age + 1) / chipMonths);
                shellBookLeft += shells * Math.Max(0, 1 - (age + 1) / shellMonths);
            }
            var atEnd = t == end;
            var deductible = depreciation + (atEnd ? chipBookLeft : 0);
            var operating = a.OwnersRevenue[c][t] - a.Power[c][t] - a.CloudOpex[c][t];
            var chainOperating = a.EndUserRevenue[c][t] - a.Power[c][t] - a.CloudOpex[c][t] - a.LabOpex[c][t];
            var capex = a.ChipCapex[c][t] + a.ShellCapex[c][t];
            var residual = atEnd ? shellBookLeft : 0;
            owners[t] = operating - tax * (operating - deductible) - capex + residual;
            endUser[t] = chainOperating - tax * (chainOperating - deductible) - capex + residual;
        }
        return (endUser, owners);
    }

    [Theory]
    [InlineData(1, "")]
    [InlineData(2, "")]
    [InlineData(3, "")]
    // Lives that are not whole years of months: quotients of each age that are not round.
    [InlineData(4, "Hardware:DepreciationLifeYears=4.37 Power:ShellLifeYears=7.71")]
    public void Flows_walked_over_the_months_with_capex_are_the_flows_of_every_month(int seed, string overrides)
    {
        var sim = Simulation.Create(ScenarioLoader.Load(null, overrides.Split(' ', StringSplitOptions.RemoveEmptyEntries)), seed);
        sim.Run();
        var accounts = sim.World.Cohort;
        var checkedClouds = 0;
        for (var c = 0; c < accounts.ChipCapex.Length; c++)
        {
            // Every possible end, so each month is once the last (its book left counted).
            for (var end = 0; end < accounts.ChipCapex[c].Length; end += 7)
            {
                var (endUser, owners) = CohortValuation.CloudFlows(accounts, c, end, sim.World.Scenario);
                var (refEndUser, refOwners) = ReferenceFlows(accounts, c, end, sim.World.Scenario);
                Assert.Equal(refEndUser.Select(Bits), endUser.Select(Bits));
                Assert.Equal(refOwners.Select(Bits), owners.Select(Bits));
            }
            if (accounts.ChipCapex[c].Any(x => x > 0)) checkedClouds++;
        }
        Assert.True(checkedClouds > 0);
    }

    [Fact]
    public void The_irr_stopped_early_is_the_irr_of_all_halvings()
    {
        var random = new Random(7);
        var cases = 0;
        for (var n = 0; n < 400; n++)
        {
            var months = random.Next(2, 200);
            var flows = new double[months];
            // Capex first, returns after, months without flow at both ends and between.
            var first = random.Next(0, months / 3);
            var spend = random.Next(1, 24);
            for (var t = first; t < months; t++)
            {
                if (random.NextDouble() < 0.3) continue;
                flows[t] = t < first + spend ? -random.NextDouble() * 10 : random.NextDouble() * (n % 4 == 0 ? 0.05 : 1);
            }
            var baseStep = random.Next(0, months);
            var expected = ReferenceIrr(flows, baseStep);
            Assert.Equal(Bits(expected), Bits(CohortValuation.Irr(flows, baseStep)));
            if (!double.IsNaN(expected)) cases++;
        }
        Assert.True(cases > 100);
    }

    [Fact]
    public void An_irr_near_zero_that_needs_every_halving_is_unchanged()
    {
        // Flows that just repay: the root is at 0, where the bracket can shrink for all 100 halvings.
        double[] flows = [-1, 0, 0, 0.5, 0, 0.5];
        Assert.Equal(Bits(ReferenceIrr(flows, 0)), Bits(CohortValuation.Irr(flows, 0)));
        double[] never = [1, 0, 2];
        Assert.True(double.IsNaN(CohortValuation.Irr(never, 0)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void The_irr_of_a_runs_owners_is_the_irr_of_all_halvings(int seed)
    {
        var sim = Simulation.Create(ScenarioLoader.Load(null, []), seed);
        sim.Run();
        var (accounts, clock) = (sim.World.Cohort, sim.World.Clock);
        var owners = new double[clock.Horizon + 1];
        for (var c = 0; c < accounts.ChipCapex.Length; c++)
        {
            var lastCapex = Array.FindLastIndex(accounts.ChipCapex[c], x => x > 0);
            if (lastCapex < 0) continue;
            var end = Math.Max(accounts.LastStepInService[c], lastCapex);
            var flows = CohortValuation.CloudFlows(accounts, c, end, sim.World.Scenario).Owners;
            for (var t = 0; t <= end; t++) owners[t] += flows[t];
        }
        var baseStep = clock.StepOf(CohortAccounts.FirstMonth);
        var expected = ReferenceIrr(owners, baseStep);
        Assert.False(double.IsNaN(expected));
        Assert.Equal(Bits(expected), Bits(CohortValuation.Irr(owners, baseStep)));
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
