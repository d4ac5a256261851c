using MarketSim.Core;
using MarketSim.Core.Results;
using MarketSim.Core.Scenarios;
using MarketSim.Core.Summary;

namespace MarketSim.Tests.Kernel;

public class ConservationTests
{
    public static TheoryData<string[]> Scenarios => new()
    {
        Array.Empty<string>(),
        new[] { "Deals:Scale=3" },
        new[] { "Deals:Enabled=false" },
        new[] { "Shocks:DemandShortfall:Enabled=true", "Shocks:DemandShortfall:Fraction=0.6", "Finance:Leverage=4" },
        new[] { "Shocks:LabDefault:Enabled=true", "Shocks:PriceWar:Enabled=true", "Shocks:PowerCrunch:Enabled=true", "Shocks:RateRise:Enabled=true" },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Money_and_capacity_are_conserved_every_step(string[] overrides)
    {
        var sim = Simulation.Create(ScenarioLoader.Load(null, overrides), 3);
        var world = sim.World;
        var installed = world.InstalledH100e();
        while (true)
        {
            var before = installed;
            if (!sim.StepOnce()) break;
            Assert.True(Math.Abs(world.Ledger.Total()) <= world.Ledger.Tolerance, $"ledger total {world.Ledger.Total()}");
            var delivered = world.Clouds.Sum(c => c.DeliveredThisStep);
            var retired = world.Clouds.Sum(c => c.RetiredThisStep);
            installed = world.InstalledH100e();
            Assert.Equal(before + delivered - retired, installed, 1e-6 * Math.Max(1, installed));
            Assert.Equal(world.Chipmakers.Sum(c => c.ShippedToCloudsThisStep), delivered, 1e-6 * Math.Max(1, delivered));
        }
    }

    [Fact]
    public void Cash_in_the_outputs_matches_the_ledger_at_the_end()
    {
        // Stepped month by month: Run() may go on past Clock:End, unrecorded, to follow the cohort to its end.
        var sim = Simulation.Create(ScenarioLoader.Load(null, []), 5);
        while (sim.StepOnce()) { }
        foreach (var agent in sim.World.Clouds)
        {
            var cash = sim.World.Metrics.Series.Single(s => s.Agent == agent.Name && s.Metric == "cash_usd_bn").Values[^1];
            Assert.Equal(agent.Cash, cash, 9);
        }
    }
}

public class DeterminismTests
{
    private static string Fingerprint(RunResult r) => string.Join("|",
        r.Series.Select(s => $"{s.Agent}{s.Metric}{string.Join(',', s.Values.Select(v => v.ToString("R")))}")
            .Concat(r.Events.Select(e => e.ToString())).Concat(r.Summary.Select(m => $"{m.Metric}={m.Value:R}")));

    [Fact]
    public void Same_scenario_and_seed_give_identical_results_across_threads()
    {
        var scenario = ScenarioLoader.Load(null, []);
        var serial = Fingerprint(Simulation.Create(scenario, 11).Run());
        var parallel = new string[4];
        Parallel.For(0, 4, i => parallel[i] = Fingerprint(Simulation.Create(scenario, 11).Run()));
        Assert.All(parallel, p => Assert.Equal(serial, p));
    }

    [Fact]
    public void A_run_gives_the_same_outputs_whatever_ran_before_it_on_its_thread_or_is_open_beside_it()
    {
        var scenario = ScenarioLoader.Load(null, []);
        var alone = Fingerprint(Simulation.Create(scenario, 12).Run());
        // Run 12 reuses the working arrays of run 11, a run whose fleets and waiting buyers differ.
        Simulation.Create(ScenarioLoader.Load(null, ["Demand:Buyers=15000"]), 11).Run();
        Assert.Equal(alone, Fingerprint(Simulation.Create(scenario, 12).Run()));
        // Two runs open at once, stepped in turn: the second makes working arrays of its own.
        var (first, second) = (Simulation.Create(scenario, 12), Simulation.Create(scenario, 12));
        while (first.StepOnce() | second.StepOnce())
        {
        }
        Assert.Equal(alone, Fingerprint(first.Run()));
        Assert.Equal(alone, Fingerprint(second.Run()));
    }

    [Fact]
    public void A_finished_run_steps_no_more()
    {
        var simulation = Simulation.Create(ScenarioLoader.Load(null, []), 1);
        simulation.Run();
        Assert.False(simulation.StepOnce());
        Assert.Throws<InvalidOperationException>(() => simulation.World.Step());
    }

    [Fact]
    public void Different_seeds_draw_different_buyers()
    {
        var scenario = ScenarioLoader.Load(null, []);
        Assert.NotEqual(Fingerprint(Simulation.Create(scenario, 1).Run()), Fingerprint(Simulation.Create(scenario, 2).Run()));
    }
}

public class RevenueGapTests
{
    [Fact]
    public void Sequoia_150_bn_run_rate_requires_600_bn() => Assert.Equal(600, RevenueGap.CahnRequiredRevenue(150), 12);

    [Fact]
    public void Sequoia_2023_50_bn_run_rate_requires_200_bn() => Assert.Equal(200, RevenueGap.CahnRequiredRevenue(50), 12);

    [Fact]
    public void Configured_run_rate_reproduces_600_in_the_summary()
    {
        var r = Simulation.Create(ScenarioLoader.Load(null, ["Analysis:CahnRunRateOverrideUsdBn=150"]), 1).Run();
        Assert.Equal(600, r.SummaryValue("cahn_required_revenue_all_chipmakers_usd_bn"), 9);
    }
}

public class SequoiaArithmeticTests
{
    private static (double All, double Modelled) Required(params string[] overrides)
    {
        var r = Simulation.Create(ScenarioLoader.Load(null, overrides), 1).Run();
        return (r.SummaryValue("cahn_required_revenue_all_chipmakers_usd_bn"), r.SummaryValue("cahn_required_revenue_modelled_clouds_usd_bn"));
    }

    [Fact]
    public void Chips_sold_outside_the_modelled_clouds_count_only_in_Sequoias_own_version()
    {
        var (all, modelled) = Required();
        Assert.True(modelled < 0.8 * all, $"modelled clouds {modelled}, all chipmakers {all}");
        // With no buyers outside the modelled clouds, the chipmakers' revenue is the clouds' purchases.
        var (onlyClouds, sameClouds) = Required("Chipmakers:Nvidia:OtherBuyersRatio=0", "Chipmakers:AMD:OtherBuyersRatio=0");
        Assert.Equal(onlyClouds, sameClouds, 1e-6 * onlyClouds);
    }
}

public class StylizedFactTests
{
    // With power to spare, so that chip orders can follow demand within the year (with the baseline grid, 2026 orders
    // are capped by the MW already built or under way, and the shock then shows in prices, not orders), and without
    // the deal book, whose take-or-pay contracts fix much of 2026's orders whatever demand does.
    private static readonly string[] OrdersFollowDemand = ["Power:RegionalAdditionsMwPerYear=100000", "Power:GridWaitMonths=0", "Power:ShellBuildMonths=12", "Deals:Enabled=false"];

    private static double ChipOrders2026(double elasticity, bool breakthrough)
    {
        string[] overrides = [.. OrdersFollowDemand, $"Demand:PriceElasticity={elasticity}",
            $"Shocks:EfficiencyBreakthrough:Enabled={(breakthrough ? "true" : "false")}",
            "Shocks:EfficiencyBreakthrough:Date=2026-01", "Shocks:EfficiencyBreakthrough:Factor=10"];
        var r = Simulation.Create(ScenarioLoader.Load(null, overrides), 1).Run();
        return r.Events.Where(e => e.Event == "ChipOrder" && e.Date.StartsWith("2026")).Sum(e => e.AmountUsdBn);
    }

    [Fact]
    public void Efficiency_breakthrough_lowers_chip_orders_within_a_year_when_demand_is_inelastic() =>
        Assert.True(ChipOrders2026(0.5, breakthrough: true) < 0.9 * ChipOrders2026(0.5, breakthrough: false));

    [Fact]
    public void Efficiency_breakthrough_raises_chip_orders_within_a_year_when_demand_is_elastic() =>
        Assert.True(ChipOrders2026(2.5, breakthrough: true) > 1.1 * ChipOrders2026(2.5, breakthrough: false));

    // Rents that clear pass a shortfall on to clouds (new contracts get cheaper), so labs ride out a 60% shortfall;
    // an 80% one still breaks the weakest lab and, years later, the neocloud that borrowed to keep building.
    [Fact]
    public void Demand_shortfall_with_high_leverage_produces_defaults_that_lenders_pay_for()
    {
        static RunResult Run(params string[] overrides) => Simulation.Create(ScenarioLoader.Load(null, overrides), 1).Run();
        static SimEvent? FirstDefault(RunResult r) => r.Events.FirstOrDefault(e => e.Event == "Default");
        var baseline = Run();
        var calm = Run("Finance:Leverage=4");
        // The shortfall comes while the 2026-2027 build-out is being financed: lenders pull back while it is under way.
        var bust = Run("Finance:Leverage=4", "Shocks:DemandShortfall:Enabled=true", "Shocks:DemandShortfall:Fraction=0.9",
            "Shocks:DemandShortfall:Date=2027-06");

        var first = FirstDefault(bust);
        Assert.NotNull(first);
        Assert.Contains(first.Agent, bust.Series.Where(s => s.Kind is "lab" or "cloud").Select(s => s.Agent));
        foreach (var other in new[] { baseline, calm })
            Assert.True(FirstDefault(other) is not { } earlier || first.Step < earlier.Step, "the bust brings the first default forward");
        Assert.True(bust.SummaryValue("defaults") >= 1);

        // Its contracts break, its lenders lose, and investors take fright in the month it fails.
        Assert.Contains(bust.Events, e => e.Event == "ContractBroken" && (e.Agent == first.Agent || e.Counterparty == first.Agent));
        Assert.Contains(bust.Events, e => e.Event == "Loss" && e.Agent == "Lenders" && e.Counterparty == first.Agent && e.AmountUsdBn > 0);
        Assert.True(bust.Series.Single(s => s.Agent == "Lenders" && s.Metric == "losses_usd_bn").Values.Sum() > 0);
        var sentiment = bust.Series.Single(s => s.Agent == "Market" && s.Metric == "sentiment").Values;
        Assert.True(sentiment[first.Step] < sentiment[first.Step - 1], "sentiment falls in the month of the default");
    }

    [Fact]
    public void A_lab_default_breaks_its_contracts_and_clouds_record_it()
    {
        var r = Simulation.Create(ScenarioLoader.Load(null, ["Shocks:LabDefault:Enabled=true", "Shocks:LabDefault:Lab=xAI"]), 1).Run();
        Assert.Contains(r.Events, e => e.Agent == "xAI" && e.Event == "Default" && e.Detail.StartsWith("rule=LabDefaultShock"));
        Assert.Contains(r.Events, e => e.Counterparty == "xAI" && e.Event == "ContractBroken");
    }

    [Fact]
    public void Multi_cloud_cap_lowers_the_largest_share_of_a_labs_new_contracts()
    {
        static double LargestShare(double cap)
        {
            var r = Simulation.Create(ScenarioLoader.Load(null, [$"Procurement:MultiCloudCap={cap}"]), 1).Run();
            var signed = r.Events.Where(e => e.Agent == "OpenAI" && e.Event == "ContractSigned" && e.Detail.StartsWith("rule=MultiCloudProcurement")).ToList();
            var total = signed.Sum(e => e.AmountUsdBn);
            return signed.GroupBy(e => e.Counterparty).Max(g => g.Sum(e => e.AmountUsdBn)) / total;
        }
        Assert.True(LargestShare(0.3) < LargestShare(1.0));
    }
}

public class BacktestTests
{
    // capex_cash 2023 and 2024 (Microsoft calendar years), USD bn, with the behavioural parameters the calibration
    // fitted (experiments/results/calibration). Microsoft's and Alphabet's 2024 capex fall 25-40% short: in the model
    // their AI capex rises more slowly through 2024 than the filings, and the calibration's band misses both too (its
    // README); the bounds hold that known miss to its size rather than hide it.
    [Theory]
    [InlineData("AWS", 2023, 52.74, 0.75, 1.25)]
    [InlineData("AWS", 2024, 83.00, 0.75, 1.25)]
    [InlineData("Microsoft", 2023, 35.21, 0.75, 1.25)]
    [InlineData("Microsoft", 2024, 55.54, 0.60, 0.75)]
    [InlineData("Google", 2023, 32.26, 0.75, 1.25)]
    [InlineData("Google", 2024, 52.54, 0.60, 0.75)]
    [InlineData("Meta", 2023, 27.27, 0.75, 1.25)]
    [InlineData("Meta", 2024, 37.26, 0.75, 1.25)]
    public void Backtest_reproduces_company_capex_within_25_percent_except_the_two_known_2024_misses(
        string company, int year, double target, double low, double high) =>
        Assert.InRange(CalendarYear(company, "capex_usd_bn", year) / target, low, high);

    // nvidia_dc_revenue FY2024 (Feb 2023 - Jan 2024) 47.5 and FY2025 (Feb 2024 - Jan 2025) 115.2, USD bn, against
    // calendar 2023 and 2024: the fiscal year lags the calendar year by one month.
    [Theory]
    [InlineData(2023, 47.5)]
    [InlineData(2024, 115.2)]
    public void Backtest_reproduces_nvidia_data_center_revenue_within_25_percent(int year, double target) =>
        Assert.InRange(CalendarYear("Nvidia", "revenue_usd_bn", year) / target, 0.75, 1.25);

    // The labs' revenue comes from the demand population and its split between labs: the opening spend and brands the
    // calibration fitted to these rows (experiments/results/calibration), with the baseline's Demand:DirectComputeShare.
    // lab_revenue/OpenAI 2024 3.7; lab_revenue_annualized OpenAI 2023-12 1.6 (The Information) to 2.0 (Financial
    // Times), 2024-12 5.5 (6.0 on the CFO's basis), Anthropic 2024-12 1.0. Anthropic's 2023-12 estimate (0.1) is held
    // to a factor of two: the model gives it about 0.2, as the calibration's band does.
    [Fact]
    public void Backtest_reproduces_the_labs_revenue_within_25_percent()
    {
        Assert.InRange(CalendarYear("OpenAI", "revenue_usd_bn", 2024) / 3.7, 0.75, 1.25);
        Assert.InRange(December("OpenAI", 2023), 0.75 * 1.6, 1.25 * 2.0);
        Assert.InRange(December("OpenAI", 2024), 0.75 * 5.5, 1.25 * 6.0);
        Assert.InRange(December("Anthropic", 2024) / 1.0, 0.75, 1.25);
        Assert.InRange(December("Anthropic", 2023) / 0.1, 0.5, 2.0);
    }

    private static readonly Lazy<MarketSim.Core.Results.RunResult> Backtest =
        new(() => Simulation.Create(ScenarioLoader.Load("backtest", []), 1).Run());

    private static double December(string lab, int year)
    {
        var r = Backtest.Value;
        var series = r.Series.Single(s => s.Agent == lab && s.Metric == "revenue_usd_bn");
        return 12 * series.Values[r.Dates.ToList().IndexOf($"{year}-12")];
    }

    private static double CalendarYear(string agent, string metric, int year)
    {
        var r = Backtest.Value;
        var series = r.Series.Single(s => s.Agent == agent && s.Metric == metric);
        return Enumerable.Range(0, r.Dates.Count).Where(i => r.Dates[i].StartsWith(year.ToString())).Sum(i => series.Values[i]);
    }
}
