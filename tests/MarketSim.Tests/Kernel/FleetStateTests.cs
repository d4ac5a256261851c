using MarketSim.Core;
using MarketSim.Core.Agents;
using MarketSim.Core.Rules;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

/// <summary>
/// A cloud's monthly walks read its vintages' states from one array in fleet order. Checked against the
/// straightforward walk over vintage objects: every vintage the walk meets is shadowed by a vintage of its own (not in
/// any fleet, so it keeps its fields itself), which the test counts, depreciates and charges as the walk's comment says
/// and which the baseline rules are asked about instead; the fleet's vintages must read the shadow's bits every time,
/// the surviving fleet and the cohort must be the sums over the vintage objects, and retired vintages keep the bits
/// they left with.
/// </summary>
public class FleetStateTests
{
    /// <summary>Asks the baseline rules about each vintage's shadow and checks the vintage reads the same.</summary>
    private sealed class Shadows
    {
        public readonly Dictionary<Vintage, Vintage> Of = new(ReferenceEqualityComparer.Instance);
        public int Retirements, WriteDowns, Checks;
    }

    private sealed class ShadowedRetirement(Shadows shadows) : IRetirementPolicy
    {
        private readonly CashCostRetirement _inner = new();
        public string Name => nameof(CashCostRetirement);

        public bool Retires(Cloud cloud, Vintage vintage, RuleContext context)
        {
            var rent = RentOutlook.CurrentRent(context);
            if (!shadows.Of.TryGetValue(vintage, out var shadow))
            {
                // First met this month: delivered before the walk, or the opening fleet. Nothing but its months below
                // cash cost has been touched yet, and those were none.
                shadows.Of[vintage] = shadow = new Vintage
                {
                    Generation = vintage.Generation, InstalledStep = vintage.InstalledStep, H100e = vintage.H100e,
                    CostUsdBn = vintage.CostUsdBn, InCohort = vintage.InCohort, CashCostPerH100eHour = vintage.CashCostPerH100eHour,
                    BookValueUsdBn = vintage.BookValueUsdBn, ShellChargeUsdBnPerMonth = vintage.ShellChargeUsdBnPerMonth,
                };
            }
            shadow.MonthsBelowCashCost = rent < shadow.CashCostPerH100eHour ? shadow.MonthsBelowCashCost + 1 : 0;
            AssertSame(shadow, vintage);
            var retires = _inner.Retires(cloud, shadow, context);
            Assert.Equal(retires, _inner.Retires(cloud, vintage, context));
            shadows.Checks++;
            if (retires)
            {
                shadows.Retirements++;
                return true;
            }
            // What the walk does next to a vintage it keeps: the shell charge, then straight-line depreciation.
            shadow.ShellChargeUsdBnPerMonth = shadow.KwTotal / 1000 * cloud.ShellChargePerMwUsdBn;
            var accountingMonths = context.Scenario.Hardware.DepreciationLifeYears * 12;
            shadow.BookValueUsdBn -= Math.Min(shadow.BookValueUsdBn, shadow.CostUsdBn / accountingMonths);
            return false;
        }

        public ServiceOutlook Outlook(int monthsAhead, RuleContext context) => _inner.Outlook(monthsAhead, context);
        public double ExpectedServiceMonths(Vintage vintage, RuleContext context) => _inner.ExpectedServiceMonths(vintage, context);
    }

    private sealed class ShadowedWriteDown(Shadows shadows) : IWriteDownPolicy
    {
        private readonly ValueInUse _inner = new();
        public string Name => nameof(ValueInUse);

        public double? WriteDownTo(Cloud cloud, Vintage vintage, RuleContext context)
        {
            var shadow = shadows.Of[vintage];
            AssertSame(shadow, vintage);
            var value = _inner.WriteDownTo(cloud, shadow, context);
            Assert.Equal(value is { } a ? Bits(a) : 0, _inner.WriteDownTo(cloud, vintage, context) is { } b ? Bits(b) : 0);
            if (value is { } written)
            {
                shadows.WriteDowns++;
                shadow.BookValueUsdBn = written;
            }
            return value;
        }

        public bool ReviewsThisMonth(RuleContext context) => _inner.ReviewsThisMonth(context);
    }

    public static TheoryData<string[]> Scenarios => new()
    {
        Array.Empty<string>(),
        new[] { "Hardware:PowerPriceUsdPerMwh=250" },
        new[] { "Hardware:MaxLifeYears=3", "WriteDown:ReviewEveryMonths=1" },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_walks_over_the_states_give_the_walks_over_the_vintages(string[] overrides)
    {
        var shadows = new Shadows();
        var rules = RuleCatalog.BuiltIn.With<IRetirementPolicy>(nameof(CashCostRetirement), () => new ShadowedRetirement(shadows))
            .With<IWriteDownPolicy>(nameof(ValueInUse), () => new ShadowedWriteDown(shadows));
        var sim = Simulation.Create(ScenarioLoader.Load(null, overrides), 5, rules);
        var surviving = 0;
        bool more;
        do
        {
            more = sim.StepOnce();
            foreach (var cloud in sim.World.Clouds)
            {
                foreach (var v in cloud.Fleet) AssertSame(shadows.Of[v], v);
                var (first, second) = cloud.SurvivingFleet(3, 18);
                var (h1, kw1) = SurvivingOverVintages(cloud, 3);
                var (h2, kw2) = SurvivingOverVintages(cloud, 18);
                Assert.Equal((Bits(h1), Bits(kw1), Bits(h2), Bits(kw2)),
                    (Bits(first.H100e), Bits(first.Kw), Bits(second.H100e), Bits(second.Kw)));
                surviving += h2 < cloud.InstalledH100e ? 1 : 0;
                double cohort = 0;
                foreach (var v in cloud.Fleet) if (v.InCohort) cohort += v.H100e;
                Assert.Equal(Bits(cohort), Bits(cloud.CohortH100e));
            }
        } while (more);

        foreach (var v in sim.World.Clouds.SelectMany(c => c.RetiredVintages)) AssertSame(shadows.Of[v], v);
        // The comparison met retirements, write-downs and vintages not expected to survive.
        Assert.True(shadows.Retirements > 0);
        Assert.True(shadows.WriteDowns > 0);
        Assert.True(surviving > 0);
        Assert.True(shadows.Checks > 1000);
    }

    /// <summary>The straightforward sum over the vintage objects, as the retirement rule's outlook answers each.</summary>
    private static (double H100e, double Kw) SurvivingOverVintages(Cloud cloud, int monthsAhead)
    {
        var outlook = cloud.Rules.Retirement.Outlook(monthsAhead, cloud.World.Context);
        var atStep = cloud.World.Clock.Step + monthsAhead;
        double h = 0, kw = 0;
        foreach (var v in cloud.Fleet)
        {
            if (!outlook.Serves(v, atStep)) continue;
            h += v.H100e;
            kw += v.KwTotal;
        }
        return (h, kw);
    }

    private static void AssertSame(Vintage expected, Vintage actual)
    {
        Assert.Equal(expected.MonthsBelowCashCost, actual.MonthsBelowCashCost);
        Assert.Equal(Bits(expected.BookValueUsdBn), Bits(actual.BookValueUsdBn));
        Assert.Equal(Bits(expected.ShellChargeUsdBnPerMonth), Bits(actual.ShellChargeUsdBnPerMonth));
        Assert.Equal(Bits(expected.H100e), Bits(actual.H100e));
        Assert.Equal(Bits(expected.KwTotal), Bits(actual.KwTotal));
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
