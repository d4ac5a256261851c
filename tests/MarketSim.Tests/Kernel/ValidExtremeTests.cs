using MarketSim.Core.Engine;
using MarketSim.Tests.Cli;
using MarketSim.Tests.Scenarios;

namespace MarketSim.Tests.Kernel;

/// <summary>Values at the edge of their declared range run to the end and write no NaN and no false verdict.</summary>
public sealed class ValidExtremeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_payment_below_zero_by_round_off_is_a_zero_payment_and_a_real_negative_one_is_refused()
    {
        var ledger = new Ledger();
        var (a, b) = (ledger.Open("a"), ledger.Open("b"));
        ledger.Pay(a, b, 5);
        ledger.Pay(a, b, -3.6e-15);
        Assert.Equal(5, ledger.Balance(b));
        Assert.Throws<InvalidOperationException>(() => ledger.Pay(a, b, -1e-6));
        var nan = Assert.Throws<InvalidOperationException>(() => ledger.Pay(a, b, double.NaN));
        Assert.Equal("payment of NaN from a to b is not a finite non-negative amount", nan.Message);
        Assert.Throws<InvalidOperationException>(() => ledger.Pay(a, b, double.PositiveInfinity));
        Assert.Equal(5, ledger.Balance(b));
    }

    [Fact]
    public void A_hardware_trend_too_small_for_a_double_to_see_in_a_month_writes_no_infinite_value()
    {
        // 1e-17 OOM a year is a monthly factor that rounds to 1: its e^x - 1 came out 0, and the value in use of every
        // vintage -Infinity, written down to it.
        Assert.Equal(0, Run("Trends:HardwareOomPerYear=6e-18", "Clock:End=2028-06").ExitCode);
        AssertNoNaNWritten();
    }

    [Fact]
    public void A_zero_interest_rate_values_collateral_at_its_undiscounted_cash_flows()
    {
        // No risk-free rate and no neocloud spread: the collateral annuity (1 - (1 + r)^-n) / r was 0 / 0, so a
        // neocloud's GPU loans, margin calls and lenders' losses came out NaN.
        Assert.Equal(0, Run("Finance:RiskFreeRate=0", "Finance:NeocloudSpread=0", "Finance:Leverage=0.1", "Clock:End=2028-06").ExitCode);
        AssertNoNaNWritten();
    }

    [Fact]
    public void A_rate_too_small_to_discount_by_leases_a_vehicles_shells_for_their_cost_in_equal_parts()
    {
        // 7e-96 a year is inside the rate's range, but 1 - (1 + r)^-n rounds to 0: the lease was its cost / 0.
        Assert.Equal(0, Run("Finance:RiskFreeRate=7e-96", "Deals:SpvNoteSpread=0", "Clock:End=2028-06").ExitCode);
        AssertNoNaNWritten();
    }

    [Fact]
    public void A_fleet_dwindling_below_a_millionth_of_an_H100_keeps_its_last_vintages_until_they_retire()
    {
        // No spending from 2093 on: the fleet decays to thousandths of an H100e. It was set to zero once under 1e-6
        // while vintages still stood, so 1e-6 H100e left the fleet without being retired and the capacity check stopped the run.
        Assert.Equal(0, Run("Clock:Start=2093-03", "Clock:End=2100-12", "Demand:AddressableSpendUsdBn=0",
            "Procurement:HomeCloudWeight=0", "Labs:GoogleDeepMind:ParentBudgetUsdBn=0").ExitCode);
        AssertNoNaNWritten();
    }

    [Fact]
    public void Capital_that_costs_nothing_is_recovered_in_equal_parts_in_the_cost_plus_rent()
    {
        // No risk-free rate, spread or equity premium: the capital recovery factor r / (1 - (1 + r)^-n) was 0 / 0, so
        // the cost-plus spot price and every lab's payment for compute were NaN.
        Assert.Equal(0, Run("Finance:RiskFreeRate=0", "Finance:InvestmentGradeSpread=0", "Finance:EquityPremium=0",
            "Policies:SpotPrice=CostPlusRent", "Clock:End=2028-06").ExitCode);
        AssertNoNaNWritten();
    }

    [Theory]
    [InlineData("Policies:ContractQuote=FullCostQuote", "ContractPricing:CostFloorShare=0", "ContractPricing:SpotCeilingMultiple=0")]
    [InlineData("Policies:SpotPrice=CostPlusRent", "SpotMarket:ScarcityFloor=0", "SpotMarket:ScarcitySlope=0",
        "SpotMarket:AdjustmentMonths=1", "Hardware:PowerPriceUsdPerMwh=0", "Hardware:OperationsUsdPerH100eHour=0")]
    public void A_price_that_would_be_zero_is_the_lowest_rent(params string[] sets)
    {
        // A quote of zero made a parent's training budget buy infinite compute (budget / price), so the lab's contract
        // dues and its parent's payment were NaN; a cost-plus rent with no scarcity factor, no power or operations cost and
        // no lag fell to zero, and end users' payments with it.
        Assert.Equal(0, Run([.. sets, "Clock:End=2027-06"]).ExitCode);
        AssertNoNaNWritten();
    }

    [Fact]
    public void A_fleet_of_hundreds_of_billions_retired_whole_is_conserved_to_its_round_off()
    {
        // Decades of growth build 2.4e11 H100e that all retire in one month; the subtractions leave 0.002 H100e of
        // round-off, which the capacity check measured against the empty fleet left rather than the fleet that moved.
        Assert.Equal(0, Run("Clock:End=2088-08", "Demand:CapabilityElasticity=5", "Funding:MinMonthsBetweenRounds=60",
            "Deals:SpvNoteSpread=0.2", "Policies:SpotPrice=CostPlusRent", "Chipmakers:CustomSilicon:MarginAdjustment=5.776E-26").ExitCode);
        AssertNoNaNWritten();
    }

    [Fact]
    public void Small_exponents_keep_their_precision()
    {
        Assert.Equal(-1.15e-18, SmallExponents.ExpM1(-1.15e-18));
        Assert.Equal(Math.Exp(-0.03) - 1, SmallExponents.ExpM1(-0.03));
        Assert.Equal(1e-6 + 5e-13 + 1e-18 / 6, SmallExponents.ExpM1(1e-6), 1e-27);
    }

    [Fact]
    public void A_run_far_in_the_future_has_no_verdict_and_no_stranded_figure_for_2030()
    {
        var outcome = Run("Clock:Start=2099-01", "Clock:End=2100-12");
        Assert.Equal(0, outcome.ExitCode);
        var summary = Summary();
        foreach (var metric in new[] { "justified", "justified_owners", "cahn_required_revenue_all_chipmakers_usd_bn", "stranded_mw_2030" })
            Assert.Equal("", summary[metric]);
        AssertNoNaNWritten();
    }

    [Fact]
    public void A_run_ending_in_2029_keeps_its_verdict_but_has_no_2030_figure()
    {
        Assert.Equal(0, Run("Clock:End=2029-06").ExitCode);
        var summary = Summary();
        Assert.Contains(summary["justified"], new[] { "0", "1" });
        Assert.Equal("", summary["stranded_mw_2030"]);
    }

    private CliOutcome Run(params string[] sets) =>
        CliOutcome.Run(["run", "--out", _dir.Combine("out"), .. sets.SelectMany(s => new[] { "--set", s })]);

    private Dictionary<string, string> Summary() => File.ReadAllLines(_dir.Combine("out/summary.csv")).Skip(1)
        .Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[1]);

    private void AssertNoNaNWritten()
    {
        foreach (var table in new[] { "summary.csv", "timeseries.csv", "events.csv" })
            Assert.DoesNotContain(File.ReadAllLines(_dir.Combine("out/" + table)),
                line => line.Split(',').Any(f => f is "NaN" or "Infinity" or "-Infinity"));
    }
}
