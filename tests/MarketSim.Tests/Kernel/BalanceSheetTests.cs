using MarketSim.Core;
using MarketSim.Core.Results;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

public class BalanceSheetTests
{
    private static RunResult Run(params string[] overrides) => Simulation.Create(ScenarioLoader.Load(null, overrides), 1).Run();

    private static double[] Series(RunResult r, string agent, string metric) =>
        r.Series.Single(s => s.Agent == agent && s.Metric == metric).Values;

    private static double Years(RunResult r, string agent, string metric, int from, int to) =>
        Enumerable.Range(0, r.Dates.Count).Where(i => int.Parse(r.Dates[i][..4]) is var y && y >= from && y <= to)
            .Sum(i => Series(r, agent, metric)[i]);

    // AWS with almost none of the cash flow of Amazon's other businesses: its free cash flow no longer covers its AI build.
    private static readonly string[] Squeezed = ["Clouds:AWS:OtherOperatingCashFlowUsdBn=5"];

    // Announced deals are honoured whatever a rating limit says (Amazon pays its equity in OpenAI and Anthropic in full),
    // so the limit's own working is seen without them.
    private const string NoDeals = "Deals:Enabled=false";

    [Fact]
    public void A_hyperscaler_whose_cash_flow_falls_issues_bonds_up_to_its_rating_limit_and_then_cuts_capex()
    {
        var baseline = Run(NoDeals);
        var tight = Run([NoDeals, .. Squeezed, "Clouds:AWS:MaxNetDebtToEbitda=1.5"]);
        var loose = Run([NoDeals, .. Squeezed, "Clouds:AWS:MaxNetDebtToEbitda=3"]);

        // Unsqueezed, AWS never cuts capex and borrows only years later, as its cash falls to its floor.
        Assert.DoesNotContain(baseline.Events, e => e.Agent == "AWS" && e.Event == "CapexCut");
        Assert.Contains(tight.Events, e => e.Agent == "AWS" && e.Event == "Borrow" && e.Counterparty == "Bondholders");
        var firstBorrow = tight.Events.First(e => e.Agent == "AWS" && e.Event == "Borrow").Step;
        Assert.True(baseline.Events.FirstOrDefault(e => e.Agent == "AWS" && e.Event == "Borrow") is not { } b || b.Step > firstBorrow + 12);
        var cuts = tight.Events.Where(e => e.Agent == "AWS" && e.Event == "CapexCut").ToList();
        Assert.NotEmpty(cuts);
        Assert.True(cuts.Count(e => e.Step >= firstBorrow) > cuts.Count / 2, "AWS cuts capex mostly once it has borrowed");

        // The limit binds (it judges net debt a year ahead, with the capex already committed, so leverage stays within a
        // quarter of it while EBITDA comes in as the plan foresaw), and a looser limit lets AWS borrow and build more.
        // From 2033 the rent falls faster than the plan foresaw and EBITDA with it: the limit then stops new capex but
        // not the leverage of debt already issued, which bondholders cap at the distress multiple (2 x the limit).
        var leverage = Series(tight, "AWS", "net_debt_to_ebitda");
        var through2032 = Enumerable.Range(0, tight.Dates.Count).Where(i => string.CompareOrdinal(tight.Dates[i], "2033-01") < 0);
        Assert.InRange(through2032.Max(i => leverage[i]), 0.5, 1.25 * 1.5);
        Assert.True(leverage.Max() < 2 * 1.5, $"leverage {leverage.Max():F2} reached the distress multiple");
        Assert.True(Series(loose, "AWS", "debt_usd_bn").Max() > 1.3 * Series(tight, "AWS", "debt_usd_bn").Max());
        Assert.True(Years(tight, "AWS", "ai_capex_usd_bn", 2026, 2028) < 0.9 * Years(loose, "AWS", "ai_capex_usd_bn", 2026, 2028));
        Assert.True(Years(tight, "AWS", "ai_capex_usd_bn", 2026, 2028) < 0.9 * Years(baseline, "AWS", "ai_capex_usd_bn", 2026, 2028));
    }

    [Fact]
    public void Payouts_stop_at_the_rating_limit_and_go_to_shareholders()
    {
        var r = Run(Squeezed);
        var payouts = r.Events.Where(e => e.Event == "Payout").ToList();
        Assert.All(payouts.Where(e => e.Agent is "AWS" or "Google" or "Microsoft" or "Meta" or "Oracle"),
            e => Assert.Equal("Shareholders", e.Counterparty));
        var leverage = Series(r, "AWS", "net_debt_to_ebitda");
        var dates = r.Dates.ToList();
        Assert.All(payouts.Where(e => e.Agent == "AWS"), e => Assert.True(leverage[dates.IndexOf(e.Date)] < 3 + 1e-9));
        Assert.Contains(payouts, e => e.Agent == "Google");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void By_2035_no_company_holds_idle_cash_beyond_a_year_of_its_inflows(int seed)
    {
        var sim = Simulation.Create(ScenarioLoader.Load(null, []), seed);
        sim.Run();
        var world = sim.World;
        var companies = world.Chipmakers.Cast<MarketSim.Core.Agents.Agent>().Concat(world.Clouds).Concat(world.Labs);
        // Inflows are revenue plus, for a cloud, its parent's other business (Meta's ads). A company burning cash holds
        // runway instead: at most the three years of burn its financing rule aims for (MODEL.md, "Money").
        Assert.All(companies, c =>
        {
            var burn = Math.Max(0, -c.Balance.FreeCashFlowTtm);
            var ceiling = Math.Max(c.Balance.InflowsTtm, 3 * burn);
            Assert.True(c.Cash <= Math.Max(2, ceiling), $"{c.Name} holds {c.Cash:F0} bn; inflows {c.Balance.InflowsTtm:F0}, burn {burn:F0} bn a year");
        });
    }
}
