using MarketSim.Core;
using MarketSim.Core.Agents;
using MarketSim.Core.Rules;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

/// <summary>
/// The month's fleet walk answers the baseline retirement and write-down rules without asking them through their
/// interfaces. Checked against the same rules asked through their interfaces (wrapped, so the walk cannot tell them
/// for built-in ones), month by month and vintage by vintage, bit for bit.
/// </summary>
public class FleetShortcutTests
{
    private sealed class AskedRetirement : IRetirementPolicy
    {
        private readonly CashCostRetirement _inner = new();
        public int Calls { get; private set; }
        public string Name => nameof(CashCostRetirement);
        public bool Retires(Cloud cloud, Vintage vintage, RuleContext context) { Calls++; return _inner.Retires(cloud, vintage, context); }
        public ServiceOutlook Outlook(int monthsAhead, RuleContext context) => _inner.Outlook(monthsAhead, context);
        public double ExpectedServiceMonths(Vintage vintage, RuleContext context) => _inner.ExpectedServiceMonths(vintage, context);
    }

    private sealed class AskedWriteDown : IWriteDownPolicy
    {
        private readonly ValueInUse _inner = new();
        public int Calls { get; private set; }
        public string Name => nameof(ValueInUse);
        public double? WriteDownTo(Cloud cloud, Vintage vintage, RuleContext context) { Calls++; return _inner.WriteDownTo(cloud, vintage, context); }
        public bool ReviewsThisMonth(RuleContext context) => _inner.ReviewsThisMonth(context);
    }

    public static TheoryData<string[]> Scenarios => new()
    {
        Array.Empty<string>(),
        // Dear power: the rent falls below cash costs, vintages retire as uneconomic and are written down.
        new[] { "Hardware:PowerPriceUsdPerMwh=250" },
        // A short physical life: vintages retire at it, and the value in use is cut to it.
        new[] { "Hardware:MaxLifeYears=3", "WriteDown:ReviewEveryMonths=1" },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_baseline_rules_answered_in_the_walk_give_the_fleet_the_rules_give(string[] overrides)
    {
        var scenario = ScenarioLoader.Load(null, overrides);
        var retirement = new AskedRetirement();
        var writeDown = new AskedWriteDown();
        var asked = RuleCatalog.BuiltIn.With<IRetirementPolicy>(retirement.Name, () => retirement)
            .With<IWriteDownPolicy>(writeDown.Name, () => writeDown);
        var shortcut = Simulation.Create(scenario, 3);
        var reference = Simulation.Create(scenario, 3, asked);
        Assert.All(shortcut.World.Clouds, c => Assert.True(BuiltInFleetReview.Applies(c.Rules)));
        Assert.All(reference.World.Clouds, c => Assert.False(BuiltInFleetReview.Applies(c.Rules)));

        var retired = 0;
        while (true)
        {
            var more = shortcut.StepOnce();
            Assert.Equal(more, reference.StepOnce());
            AssertSameFleets(shortcut, reference);
            retired += shortcut.World.Clouds.Sum(c => c.RetiredThisStep > 0 ? 1 : 0);
            if (!more) break;
        }
        // The comparison covered retirements and write-downs, and the wrapped rules were asked.
        Assert.True(retired > 0);
        Assert.Contains(shortcut.World.Events.Events, e => e.Event == "WriteDown");
        Assert.True(retirement.Calls > 0);
        Assert.True(writeDown.Calls > 0);
    }

    [Fact]
    public void A_write_down_rule_of_ones_own_beside_the_baseline_retirement_is_still_asked()
    {
        var writeDown = new AskedWriteDown();
        var sim = Simulation.Create(ScenarioLoader.Load(null, ["Clock:End=2026-12"]), 1,
            RuleCatalog.BuiltIn.With<IWriteDownPolicy>(writeDown.Name, () => writeDown));
        Assert.All(sim.World.Clouds, c => Assert.False(BuiltInFleetReview.Applies(c.Rules)));
        sim.Run();
        Assert.True(writeDown.Calls > 0);
    }

    [Fact]
    public void The_value_in_use_test_without_the_division_decides_as_the_division_does()
    {
        var rng = new Random(5);
        double[] special = [0, -0.0, 1e-300, 1e300, double.MaxValue, double.PositiveInfinity, double.NaN, double.Epsilon, -1];
        for (var i = 0; i < 2_000_000; i++)
        {
            var threshold = rng.Next(50) == 0 ? special[rng.Next(special.Length)] : rng.NextDouble() * Math.Pow(10, rng.Next(-6, 4));
            var scaled = threshold * 1e9;
            // Near the threshold, a few units in the last place either side, and anywhere.
            var usdPerHour = rng.Next(3) switch
            {
                0 => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(scaled) + rng.Next(-8, 9)),
                1 => scaled * (1 + (rng.NextDouble() - 0.5) * 1e-14),
                _ => rng.Next(50) == 0 ? special[rng.Next(special.Length)] : scaled * 4 * rng.NextDouble(),
            };
            var divided = usdPerHour / 1e9;
            var expected = divided < threshold ? divided : (double?)null;
            var actual = BuiltInFleetReview.ValueInUseBelow(usdPerHour, threshold);
            if (expected.HasValue != actual.HasValue || (expected.HasValue && Bits(expected.Value) != Bits(actual!.Value)))
                Assert.Fail($"{usdPerHour:R} / 1e9 against {threshold:R}: expected {expected}, got {actual}");
        }
    }

    private static void AssertSameFleets(Simulation a, Simulation b)
    {
        for (var i = 0; i < a.World.Clouds.Count; i++)
        {
            var (x, y) = (a.World.Clouds[i], b.World.Clouds[i]);
            Assert.Equal(Bits(x.InstalledH100e), Bits(y.InstalledH100e));
            Assert.Equal(Bits(x.InstalledKw), Bits(y.InstalledKw));
            Assert.Equal(Bits(x.DepreciationUsdBn), Bits(y.DepreciationUsdBn));
            Assert.Equal(Bits(x.WriteDownsUsdBn), Bits(y.WriteDownsUsdBn));
            Assert.Equal(Bits(x.RetiredThisStep), Bits(y.RetiredThisStep));
            Assert.Equal(x.RetiredVintages.Count, y.RetiredVintages.Count);
            Assert.Equal(x.Fleet.Count, y.Fleet.Count);
            for (var k = 0; k < x.Fleet.Count; k++)
            {
                var (v, w) = (x.Fleet[k], y.Fleet[k]);
                Assert.Equal(v.InstalledStep, w.InstalledStep);
                Assert.Equal(Bits(v.BookValueUsdBn), Bits(w.BookValueUsdBn));
                Assert.Equal(v.MonthsBelowCashCost, w.MonthsBelowCashCost);
                Assert.Equal(Bits(v.ShellChargeUsdBnPerMonth), Bits(w.ShellChargeUsdBnPerMonth));
            }
        }
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
