using MarketSim.Core;
using MarketSim.Core.Agents;
using MarketSim.Core.Engine;
using MarketSim.Core.Rules;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

public class RetirementTests
{
    /// <summary>Steps a month with the market rent held where the test puts it (the market moves it only afterwards).</summary>
    private static void StepAtRent(Simulation sim, double rent)
    {
        sim.World.Market.GpuHourPrice = rent;
        sim.StepOnce();
    }

    private static List<Vintage> Opening(Simulation sim) =>
        sim.World.Clouds.SelectMany(c => c.Fleet.Concat(c.RetiredVintages)).Where(v => v.InstalledStep < 0).ToList();

    [Fact]
    public void A_vintage_retires_after_the_rent_stays_below_its_cash_cost_and_not_before()
    {
        const double rent = 0.2; // between an H100's cash cost (0.228) and a TPU v6e's (0.157) at 80 USD/MWh
        var sim = Simulation.Create(ScenarioLoader.Load(null, []), 1);
        var opening = Opening(sim);
        var above = opening.Where(v => v.CashCostPerH100eHour > rent).ToList();
        var below = opening.Where(v => v.CashCostPerH100eHour <= rent).ToList();
        Assert.Contains(above, v => v.Generation.Id == "nvidia-h100");
        Assert.Contains(below, v => v.Generation.Id == "google-tpu-v6e");

        var patience = sim.World.Scenario.Hardware.UneconomicMonthsToRetire;
        for (var month = 1; month < patience; month++) StepAtRent(sim, rent);
        Assert.All(opening, v => Assert.Null(v.RetiredStep));
        Assert.All(above, v => Assert.Equal(patience - 1, v.MonthsBelowCashCost));

        StepAtRent(sim, rent);
        var step = sim.World.Clock.Step - 1;
        Assert.All(above, v => Assert.Equal(step, v.RetiredStep));
        Assert.All(below, v => Assert.Null(v.RetiredStep));
        Assert.Contains(sim.World.Clouds.SelectMany(c => c.Fleet), v => below.Contains(v));
    }

    [Fact]
    public void A_month_back_above_cash_cost_starts_the_count_again()
    {
        var sim = Simulation.Create(ScenarioLoader.Load(null, []), 1);
        var h100 = Opening(sim).Where(v => v.Generation.Id == "nvidia-h100").ToList();
        StepAtRent(sim, 0.2);
        StepAtRent(sim, 0.2);
        StepAtRent(sim, 2.0);
        StepAtRent(sim, 0.2);
        StepAtRent(sim, 0.2);
        Assert.All(h100, v => Assert.Null(v.RetiredStep));
        StepAtRent(sim, 0.2);
        Assert.All(h100, v => Assert.NotNull(v.RetiredStep));
    }

    [Fact]
    public void Every_vintage_retires_at_the_maximum_life_even_while_it_covers_its_cash_cost()
    {
        var sim = Simulation.Create(ScenarioLoader.Load(null, ["Hardware:MaxLifeYears=2", "Clock:End=2026-12"]), 1);
        sim.Run();
        var retired = sim.World.Clouds.SelectMany(c => c.RetiredVintages).ToList();
        Assert.NotEmpty(retired);
        // Opening vintages already past it leave in the first month.
        Assert.All(retired, v => Assert.Equal(Math.Max(0, v.InstalledStep + 24), v.RetiredStep));
        Assert.All(sim.World.Clouds.SelectMany(c => c.Fleet), v => Assert.True(sim.World.Clock.Steps - 1 - v.InstalledStep < 24));
    }

    [Fact]
    public void Under_a_faster_generation_cadence_the_opening_fleet_retires_earlier()
    {
        // Dear power and no physical limit within the run, so the rent against cash cost decides.
        string[] economic = ["Hardware:PowerPriceUsdPerMwh=250", "Hardware:MaxLifeYears=15"];
        string[] faster =
        [
            .. economic, "Generations:nvidia-rubin:FirstVolumeMonth=2025-12", "Generations:nvidia-rubin-ultra:FirstVolumeMonth=2026-09",
            "Generations:nvidia-feynman:FirstVolumeMonth=2027-09", "Generations:amd-mi450:FirstVolumeMonth=2025-12",
            "Chipmakers:Nvidia:GenerationCadenceMonths=12", "Chipmakers:AMD:GenerationCadenceMonths=12", "Chipmakers:CustomSilicon:GenerationCadenceMonths=12",
        ];
        static double MeanRetirementStep(string[] overrides)
        {
            var sim = Simulation.Create(ScenarioLoader.Load(null, overrides), 1);
            sim.Run();
            var opening = Opening(sim);
            return opening.Sum(v => v.H100e * (v.RetiredStep ?? sim.World.Clock.Steps)) / opening.Sum(v => v.H100e);
        }
        var slow = MeanRetirementStep(economic);
        var fast = MeanRetirementStep(faster);
        Assert.True(fast < slow - 3, $"opening fleet retires at step {fast:F1} with the faster cadence, {slow:F1} without");
    }

    [Fact]
    public void The_fixed_life_rule_retires_at_its_own_economic_life()
    {
        var sim = Simulation.Create(ScenarioLoader.Load(null,
            ["Policies:Retirement=FixedLifeRetirement", "Hardware:FixedLifeRetirement:EconomicLifeYears=3", "Clock:End=2028-12"]), 1);
        var r = sim.Run();
        var retired = sim.World.Clouds.SelectMany(c => c.RetiredVintages).ToList();
        Assert.NotEmpty(retired);
        Assert.All(retired, v => Assert.Equal(Math.Max(0, v.InstalledStep + 36), v.RetiredStep));
        Assert.Contains(r.Events, e => e.Event == "Retirement" && e.Detail.StartsWith("rule=FixedLifeRetirement"));
        Assert.StartsWith("Hardware:EconomicLifeYears: unknown key",
            Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(null, ["Hardware:EconomicLifeYears=5"])).Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Hardware:MaxLifeYears=2")]
    [InlineData("Policies:Retirement=FixedLifeRetirement Hardware:FixedLifeRetirement:EconomicLifeYears=1")]
    public void The_surviving_fleet_is_the_sum_over_the_vintages_each_outlook_serves_to_the_bit(string overrides)
    {
        var sim = Simulation.Create(ScenarioLoader.Load(null, overrides.Split(' ', StringSplitOptions.RemoveEmptyEntries)), 1);
        var world = sim.World;
        var aged = 0;
        while (sim.StepOnce())
            foreach (var cloud in world.Clouds)
                foreach (var (first, second) in new[] { (6, 20), (20, 6), (30, 30), (0, 120) })
                {
                    var rule = cloud.Rules.Retirement;
                    var (a, b) = (rule.Outlook(first, world.Context), rule.Outlook(second, world.Context));
                    var (atFirst, atSecond) = (world.Clock.Step + first, world.Clock.Step + second);
                    double h1 = 0, kw1 = 0, h2 = 0, kw2 = 0;
                    foreach (var v in cloud.Fleet)
                    {
                        if (a.Serves(v, atFirst)) { h1 += v.H100e; kw1 += v.KwTotal; }
                        if (b.Serves(v, atSecond)) { h2 += v.H100e; kw2 += v.KwTotal; }
                        aged += a.YoungEnough(v, atFirst) ? 0 : 1;
                    }
                    var walked = cloud.SurvivingFleet(first, second);
                    Assert.Equal([Bits(h1), Bits(kw1), Bits(h2), Bits(kw2)],
                        [Bits(walked.First.H100e), Bits(walked.First.Kw), Bits(walked.Second.H100e), Bits(walked.Second.Kw)]);
                }
        Assert.True(aged > 0, "some vintages were too old to serve at a horizon");
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    [Fact]
    public void Capacity_planning_counts_the_vintages_expected_to_cover_their_cash_cost_at_the_horizon()
    {
        var sim = Simulation.Create(ScenarioLoader.Load(null, []), 1);
        var world = sim.World;
        world.Market.GpuHourPrice = 0.25;
        var cloud = world.Clouds.Single(c => c.Name == "Google");
        var context = world.Context;
        foreach (var months in new[] { 6, 44 })
        {
            var threshold = RentOutlook.ExpectedRent(context, months - world.Scenario.Hardware.UneconomicMonthsToRetire);
            var expected = cloud.Fleet.Where(v => v.CashCostPerH100eHour <= threshold).Sum(v => v.H100e);
            Assert.Equal(expected, cloud.SurvivingFleet(months).H100e, 6);
            Assert.True(expected < cloud.InstalledH100e);
        }
        // The fixed-life rule would count the whole (young) opening fleet at six months.
        var fixedLife = Simulation.Create(ScenarioLoader.Load(null, ["Policies:Retirement=FixedLifeRetirement"]), 1).World;
        fixedLife.Market.GpuHourPrice = 0.25;
        var google = fixedLife.Clouds.Single(c => c.Name == "Google");
        Assert.Equal(google.InstalledH100e, google.SurvivingFleet(6).H100e, 6);
    }

    [Fact]
    public void A_vintage_the_expected_rent_no_longer_covers_is_written_down_to_nothing_and_a_covered_one_keeps_its_book()
    {
        var sim = Simulation.Create(ScenarioLoader.Load(null, ["WriteDown:ReviewEveryMonths=1"]), 1);
        var opening = Opening(sim);
        StepAtRent(sim, 3);
        var newest = sim.World.Clouds.SelectMany(c => c.Fleet).Where(v => v.InstalledStep == 0).ToList();
        Assert.NotEmpty(newest);
        Assert.All(newest, v => Assert.Equal(v.CostUsdBn * (1 - 1 / (12 * sim.World.Scenario.Hardware.DepreciationLifeYears)), v.BookValueUsdBn, 9));

        StepAtRent(sim, 0.2);
        var uncovered = opening.Where(v => v.CashCostPerH100eHour > 0.2).ToList();
        Assert.NotEmpty(uncovered);
        Assert.All(uncovered, v => Assert.Null(v.RetiredStep));
        Assert.All(uncovered, v => Assert.Equal(0, v.BookValueUsdBn));
    }

    [Fact]
    public void A_vintage_is_written_down_to_its_value_in_use_at_the_market_rent_over_the_months_it_is_expected_to_serve()
    {
        // A flat rent outlook: each opening vintage is expected to serve until its maximum life, earning the rent less
        // its cash cost; the impairment test keeps 60% of that margin at last month's utilization (the opening 0.9).
        const double rent = 2.0;
        string[] flat = ["WriteDown:ReviewEveryMonths=1", "Hardware:MaxLifeYears=4", "Trends:HardwareOomPerYear=0"];
        var sim = Simulation.Create(ScenarioLoader.Load(null, flat), 1);
        var o = sim.World.Scenario.WriteDown;
        var accountingMonths = sim.World.Scenario.Hardware.DepreciationLifeYears * 12;
        var opening = Opening(sim);
        var bookBefore = opening.ToDictionary(v => v, v => v.BookValueUsdBn - v.CostUsdBn / accountingMonths);
        StepAtRent(sim, rent);

        int writtenDown = 0, kept = 0;
        foreach (var v in opening)
        {
            var months = 48 + v.InstalledStep; // to the maximum life, counted from step 0
            var valueInUse = o.MarginShare * (rent - v.CashCostPerH100eHour) * months * Clock.HoursPerMonth * v.H100e * 0.9 / 1e9;
            var impaired = valueInUse < o.ImpairmentShare * bookBefore[v];
            Assert.Equal(impaired ? valueInUse : bookBefore[v], v.BookValueUsdBn, 9);
            if (impaired) writtenDown++;
            else kept++;
        }
        Assert.True(writtenDown > 0 && kept > 0, $"{writtenDown} vintages written down, {kept} kept");

        // When owners expect the rent to fall (newer generations), the same vintages are expected to earn less for
        // fewer months, so none is worth more and the old ones are worth less.
        var falling = Simulation.Create(ScenarioLoader.Load(null, [.. flat[..2], "Trends:HardwareOomPerYear=0.3"]), 1);
        var fallingOpening = Opening(falling);
        StepAtRent(falling, rent);
        var pairs = opening.Zip(fallingOpening).ToList();
        Assert.All(pairs, p => Assert.True(p.Second.BookValueUsdBn <= p.First.BookValueUsdBn + 1e-12));
        Assert.Contains(pairs, p => p.Second.BookValueUsdBn < p.First.BookValueUsdBn - 1e-6);
    }

    [Fact]
    public void The_rent_outlook_counts_the_margin_only_while_the_expected_rent_covers_the_cash_cost()
    {
        var sim = Simulation.Create(ScenarioLoader.Load(null, ["Trends:HardwareOomPerYear=0.3"]), 1);
        var context = sim.World.Context;
        sim.World.Market.GpuHourPrice = 2;
        var f = Math.Pow(10, -0.3 / 12); // the rent expected a month later, per unit of today's
        // Twelve months the rent covers throughout: the margin of each month, the rent falling by f a month.
        Assert.Equal(Enumerable.Range(0, 12).Sum(k => 2 * Math.Pow(f, k) - 0.5), RentOutlook.MarginOver(context, 0.5, 12), 9);
        // A cash cost of 1.5 is covered for ln(1.5 / 2) / ln f months (5): later months add neither margin nor loss.
        var covering = RentOutlook.MonthsCovering(context, 1.5);
        Assert.Equal(Math.Log(1.5 / 2) / Math.Log(f), covering, 9);
        Assert.Equal(RentOutlook.MarginOver(context, 1.5, covering), RentOutlook.MarginOver(context, 1.5, 120), 12);
        Assert.True(RentOutlook.MarginOver(context, 1.5, covering) > RentOutlook.MarginOver(context, 1.5, covering - 1));
        Assert.Equal(0, RentOutlook.MarginOver(context, 2.5, 12));
    }

    [Fact]
    public void Depreciation_is_accounting_only_and_reported_per_cloud()
    {
        var sim = Simulation.Create(ScenarioLoader.Load(null, ["Hardware:DepreciationLifeYears=1", "Clock:End=2027-06"]), 1);
        var r = sim.Run();
        // Fully depreciated after a year, the opening fleet is still in service.
        Assert.Contains(sim.World.Clouds.SelectMany(c => c.Fleet), v => v.InstalledStep < 0 && v.BookValueUsdBn == 0);
        var depreciation = r.Series.Where(s => s.Metric == "depreciation_usd_bn").ToList();
        Assert.Equal(sim.World.Clouds.Count, depreciation.Count);
        Assert.All(depreciation, s => Assert.True(s.Values[0] > 0));
    }
}
