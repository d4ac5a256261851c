using MarketSim.Core;
using MarketSim.Core.Results;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

/// <summary>The 2026-2027 cohort followed to the end of its life, valued through the end users' and the owners' lenses.</summary>
public class CohortTests
{
    private static RunResult Run(params string[] overrides) => Simulation.Create(ScenarioLoader.Load(null, overrides), 1).Run();

    [Theory]
    [InlineData("2035-12")]
    [InlineData("2030-12")] // before the cohort's last chip retires: the run goes on, unrecorded, to follow it
    public void The_cohort_npv_does_not_depend_on_when_the_run_ends(string end)
    {
        var longer = Run("Clock:End=2040-12");
        var shorter = Run($"Clock:End={end}");
        var capex = longer.SummaryValue("cohort_2026_2027_capex_usd_bn");
        Assert.True(capex > 100, $"cohort capex {capex}");
        foreach (var npv in new[] { "cohort_2026_2027_npv_usd_bn", "enduser_cohort_2026_2027_npv_usd_bn" })
            Assert.True(Math.Abs(longer.SummaryValue(npv) - shorter.SummaryValue(npv)) < 0.02 * capex,
                $"{npv}: {shorter.SummaryValue(npv)} to {end}, {longer.SummaryValue(npv)} to 2040-12");
        // Nothing after Clock:End is recorded.
        Assert.Equal($"{end}", shorter.Dates[^1]);
        Assert.All(shorter.Events, e => Assert.True(e.Step < shorter.Dates.Count));
    }

    [Fact]
    public void The_discount_rate_is_the_owners_cost_of_capital_when_the_capex_was_spent()
    {
        // A rate rise after the cohort's last chip retires moves the cost of capital at the end of the run but not the
        // rate its capex was spent at, so the cohort's value does not move.
        var calm = Run("Clock:End=2040-12");
        var lateRise = Run("Clock:End=2040-12", "Shocks:RateRise:Enabled=true", "Shocks:RateRise:Date=2038-01", "Shocks:RateRise:Rise=0.05");
        Assert.True(calm.SummaryValue("cohort_2026_2027_last_year_in_service") < 2038);
        Assert.Equal(calm.SummaryValue("cohort_2026_2027_npv_usd_bn"), lateRise.SummaryValue("cohort_2026_2027_npv_usd_bn"));
        var earlyRise = Run("Shocks:RateRise:Enabled=true", "Shocks:RateRise:Date=2025-06", "Shocks:RateRise:Rise=0.05");
        Assert.True(earlyRise.SummaryValue("cohort_2026_2027_npv_usd_bn") < calm.SummaryValue("cohort_2026_2027_npv_usd_bn"));
    }

    [Fact]
    public void The_end_users_lens_npv_rises_with_the_addressable_spend()
    {
        var npv = new[] { 60, 120, 480 }.Select(spend => Run($"Demand:AddressableSpendUsdBn={spend}")
            .SummaryValue("enduser_cohort_2026_2027_npv_usd_bn")).ToArray();
        Assert.True(npv[0] < npv[1] && npv[1] < npv[2], string.Join(", ", npv));
    }

    [Fact]
    public void The_lenses_differ_by_the_investor_and_parent_money_in_the_owners_flows()
    {
        var r = Run();
        var owners = r.SummaryValue("cohort_2026_2027_npv_usd_bn");
        var endUsers = r.SummaryValue("enduser_cohort_2026_2027_npv_usd_bn");
        var subsidy = r.SummaryValue("investor_subsidy_2026_2027_usd_bn");
        Assert.True(subsidy > 0);
        // Owners are paid with investors' money on top of what end users pay; after tax most of the gap is that money.
        Assert.True(owners > endUsers);
        Assert.InRange(owners - endUsers, 0.3 * (1 - 0.21) * subsidy, 1.3 * subsidy);
        Assert.Equal(endUsers >= 0 ? 1 : 0, r.SummaryValue("justified"));
        Assert.Equal(owners >= 0 ? 1 : 0, r.SummaryValue("justified_owners"));
    }

    [Fact]
    public void Taxes_on_profits_lower_the_owners_value()
    {
        var taxed = Run().SummaryValue("cohort_2026_2027_npv_usd_bn");
        var untaxed = Run("Finance:TaxRate=0").SummaryValue("cohort_2026_2027_npv_usd_bn");
        Assert.True(taxed < untaxed, $"{taxed} with tax, {untaxed} without");
    }

    [Theory]
    [InlineData("Clock:End=2027-12")]
    [InlineData("Clock:Start=2026-06")]
    public void A_run_that_does_not_hold_the_whole_cohort_has_no_verdict(string clock)
    {
        var r = Run(clock);
        foreach (var metric in new[] { "justified", "justified_owners", "enduser_cohort_2026_2027_npv_usd_bn", "cohort_2026_2027_npv_usd_bn" })
            Assert.True(double.IsNaN(r.SummaryValue(metric)), $"{metric} = {r.SummaryValue(metric)}");
    }

    [Fact]
    public void Contracted_hours_a_lab_cannot_use_are_idle_not_served()
    {
        static double Mean2026(RunResult r, string metric)
        {
            var values = r.Series.Single(s => s.Agent == "Market" && s.Metric == metric).Values;
            return Enumerable.Range(0, r.Dates.Count).Where(t => r.Dates[t].StartsWith("2026")).Average(t => values[t]);
        }
        var baseline = Run();
        // Nine tenths of end-user demand vanishes in January 2026: labs hold contracts for compute they cannot use.
        var bust = Run("Shocks:DemandShortfall:Enabled=true", "Shocks:DemandShortfall:Fraction=0.9");
        Assert.True(Mean2026(bust, "contracted_idle_share") > Mean2026(baseline, "contracted_idle_share") + 0.05);
        Assert.True(Mean2026(bust, "utilization") < Mean2026(baseline, "utilization") - 0.05);
        var utilization = bust.Series.Single(s => s.Agent == "Market" && s.Metric == "utilization").Values;
        var idle = bust.Series.Single(s => s.Agent == "Market" && s.Metric == "contracted_idle_share").Values;
        Assert.All(Enumerable.Range(0, utilization.Length), t => Assert.InRange(utilization[t] + idle[t], 0, 1 + 1e-9));
    }
}
