using MarketSim.Core;
using MarketSim.Core.Market;
using MarketSim.Core.Results;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

public class DealBookTests
{
    private static readonly Dictionary<string, RunResult> Runs = new();

    private static RunResult Run(params string[] overrides)
    {
        var key = string.Join("|", overrides);
        lock (Runs)
            if (Runs.TryGetValue(key, out var known)) return known;
        var result = Simulation.Create(ScenarioLoader.Load(null, overrides), 1).Run();
        lock (Runs) Runs[key] = result;
        return result;
    }

    private static List<SimEvent> DealEvents(RunResult r) =>
        r.Events.Where(e => e.Detail.StartsWith("rule=AnnouncedDeal ", StringComparison.Ordinal)).ToList();

    private static bool IsDeal(SimEvent e, string id) => e.Detail.Contains($" deal={id} ", StringComparison.Ordinal)
        || e.Detail.EndsWith($" deal={id}", StringComparison.Ordinal);

    private static double Total(RunResult r, string agent, string metric) =>
        r.Series.Single(s => s.Agent == agent && s.Metric == metric).Values.Sum();

    [Fact]
    public void The_embedded_deal_book_is_the_data_file()
    {
        using var embedded = DealBook.OpenEmbedded();
        using var copy = new MemoryStream();
        embedded.CopyTo(copy);
        var file = Path.Combine(AppContext.BaseDirectory, "Data", "announced_deals.csv");
        Assert.Equal(File.ReadAllBytes(file), copy.ToArray());
        Assert.True(DealBook.Announced.Count >= 50);
    }

    [Fact]
    public void The_baseline_honours_the_announced_deals()
    {
        var deals = DealEvents(Run());
        Assert.True(deals.Count >= 20, $"{deals.Count} announced-deal events");
        var aws = Assert.Single(deals, e => IsDeal(e, "openai-aws-2025-11"));
        Assert.Equal(("OpenAI", "ContractSigned", "AWS", "2025-11"), (aws.Agent, aws.Event, aws.Counterparty, aws.Date));
        Assert.Equal(38, aws.AmountUsdBn, 6);
        var chipmakers = ScenarioLoader.Load(null, []).Chipmakers.Keys.ToHashSet();
        Assert.Contains(deals, e => e.Event == "SupplyReserved" && chipmakers.Contains(e.Agent));
        // One event per deal that fires; none for deals announced before the run starts (the opening state).
        Assert.Equal(deals.Count, deals.Select(e => e.Detail.Split(' ')[1]).Distinct().Count());
        Assert.DoesNotContain(deals, e => IsDeal(e, "amazon-anthropic-2024-11"));
    }

    [Fact]
    public void Cancelling_the_OpenAI_Oracle_contract_changes_Oracles_capex()
    {
        var cancelled = Run("Deals:Cancel=openai-oracle-2025-09");
        Assert.DoesNotContain(DealEvents(cancelled), e => IsDeal(e, "openai-oracle-2025-09"));
        Assert.NotEqual(Total(Run(), "Oracle", "capex_usd_bn"), Total(cancelled, "Oracle", "capex_usd_bn"));
    }

    [Fact]
    public void Scale_zero_is_the_same_run_as_no_deals()
    {
        static string Fingerprint(RunResult r) => string.Join("|",
            r.Series.Select(s => string.Join(',', s.Values.Select(v => v.ToString("R"))))
                .Concat(r.Events.Select(e => e.ToString())).Concat(r.Summary.Select(m => m.Value.ToString("R"))));
        Assert.Equal(Fingerprint(Run("Deals:Enabled=false")), Fingerprint(Run("Deals:Scale=0")));
        Assert.Empty(DealEvents(Run("Deals:Enabled=false")));
    }

    [Fact]
    public void Scale_multiplies_every_deals_size()
    {
        var aws = DealEvents(Run("Deals:Scale=2")).Single(e => IsDeal(e, "openai-aws-2025-11"));
        Assert.Equal(76, aws.AmountUsdBn, 6);
    }

    [Fact]
    public void Rows_included_in_another_move_no_money()
    {
        var parts = DealEvents(Run()).Where(e => e.Detail.Contains("reason=part_of=", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, parts.Count);
        Assert.All(parts, e => Assert.Equal(0, e.AmountUsdBn));
    }

    [Fact]
    public void A_neocloud_that_is_not_an_agent_stands_in_as_the_scenarios_neocloud_or_is_only_recorded()
    {
        var fluidstack = DealEvents(Run()).Single(e => IsDeal(e, "anthropic-fluidstack-2025-11"));
        Assert.Equal(("ContractSigned", "CoreWeave"), (fluidstack.Event, fluidstack.Counterparty));
        Assert.Contains("for=Fluidstack as=CoreWeave", fluidstack.Detail);
        var recorded = DealEvents(Run("Deals:NeocloudStandIn=")).Single(e => IsDeal(e, "anthropic-fluidstack-2025-11"));
        Assert.Equal(("DealRecorded", "Fluidstack"), (recorded.Event, recorded.Counterparty));
        Assert.Contains("reason=provider_not_modelled", recorded.Detail);
    }

    [Fact]
    public void Published_party_names_map_to_the_scenarios_agents()
    {
        var baseline = ScenarioLoader.Load(null, []);
        Assert.Equal("AWS", DealBook.ModelledAs("Amazon Web Services", baseline));
        Assert.Equal("CustomSilicon", DealBook.ModelledAs("Broadcom", baseline));
        Assert.Equal("OpenAI", DealBook.ModelledAs("OpenAI (and the clouds that build for it)", baseline));
        Assert.Equal("CoreWeave", DealBook.ModelledAs("CoreWeave (CoreWeave Compute Acquisition Co. IV)", baseline));
        Assert.Equal("CoreWeave", DealBook.ModelledAs("Nebius", baseline));
        Assert.Equal("", DealBook.ModelledAs("SoftBank (lead), Microsoft, Coatue, Altimeter, Thrive and others", baseline));
        Assert.Equal("", DealBook.ModelledAs("TeraWulf (lessor) on behalf of Fluidstack", baseline));
    }

    [Fact]
    public void Clouds_building_for_a_lab_order_its_reserved_supply_and_the_maker_invests_per_GW_ordered()
    {
        var r = Run();
        var reserved = r.Events.Where(e => e.Event == "ChipOrder" && IsDeal(e, "amd-openai-2025-10")).ToList();
        Assert.NotEmpty(reserved);
        Assert.All(reserved, e => Assert.Equal("AMD", e.Counterparty));
        static List<SimEvent> UnderDeal(RunResult run) =>
            run.Events.Where(e => e.Event == "EquityForCompute" && e.Detail.StartsWith("rule=nvidia-openai-2025-09 ")).ToList();
        Assert.True(UnderDeal(r).Sum(e => e.AmountUsdBn) > 0);
        Assert.Equal("2026-07", UnderDeal(r)[0].Date);

        var withoutSupply = Run("Deals:Cancel=amd-openai-2025-10,openai-nvidia-systems-2025-09");
        Assert.DoesNotContain(withoutSupply.Events, e => e.Event == "ChipOrder" && IsDeal(e, "amd-openai-2025-10"));
        // Equity for compute is paid per GW ordered against the maker's reservation, from its start; without one, per
        // GW the lab's clouds deploy on the maker's share of deliveries, from the announcement.
        Assert.True(string.CompareOrdinal(UnderDeal(withoutSupply)[0].Date, "2026-07") < 0);
        Assert.True(Total(withoutSupply, "AMD", "revenue_usd_bn") < Total(r, "AMD", "revenue_usd_bn"));
    }

    [Fact]
    public void A_supply_deals_GW_are_reserved_as_the_H100e_the_makers_generations_draw_when_it_starts()
    {
        var r = Run();
        var deal = DealBook.Announced.Single(d => d.Id == "amd-openai-2025-10");
        var line = Simulation.Create(ScenarioLoader.Load(null, []), 1).World.Roadmap.Line("AMD");
        var reserved = r.Events.Single(e => e.Event == "SupplyReserved" && IsDeal(e, deal.Id));
        var h100e = double.Parse(reserved.Detail.Split(' ').Single(f => f.StartsWith("h100e=", StringComparison.Ordinal))[6..]);
        Assert.Equal(deal.Gw!.Value * 1e6 / line.KwPerH100eAt(deal.Begins), h100e, 0.5);
    }

    [Fact]
    public void An_announced_facility_is_drawn_against_the_chips_it_finances_and_matures_after_each_draw()
    {
        var r = Run();
        var facility = DealEvents(r).Single(e => IsDeal(e, "coreweave-ddtl4-2026-03"));
        Assert.Equal(("CoreWeave", "Financing", "Lenders", 8.5), (facility.Agent, facility.Event, facility.Counterparty, facility.AmountUsdBn));
        var draws = r.Events.Where(e => e.Event == "Borrow" && e.Detail.StartsWith("rule=coreweave-ddtl4-2026-03 ")).ToList();
        Assert.NotEmpty(draws);
        Assert.All(draws, e => Assert.Contains("kind=GpuBacked", e.Detail));
        Assert.Equal(8.5, draws.Sum(e => e.AmountUsdBn), 6);
        // A month's deliveries secure one loan: the borrowing rule advances nothing against them while the facility draws.
        var drawMonths = draws.Select(e => e.Step).ToHashSet();
        Assert.DoesNotContain(r.Events, e => e.Event == "Borrow" && drawMonths.Contains(e.Step) && e.Agent == "CoreWeave"
            && e.Detail.StartsWith("rule=LeveragedBorrowing kind=GpuBacked"));

        var sim = Simulation.Create(ScenarioLoader.Load(null, []), 1);
        while (sim.World.Clock.Step <= draws[0].Step) sim.StepOnce();
        var coreweave = sim.World.CloudNamed("CoreWeave")!;
        var loan = Assert.Single(coreweave.LoansOutstanding, l => l.Id == "coreweave-ddtl4-2026-03-1");
        Assert.Equal(("Lenders", draws[0].Step + 72), (loan.Holder, loan.MaturityStep));
        Assert.All(loan.Collateral, v => Assert.Contains(v, coreweave.Fleet));
    }

    [Fact]
    public void The_named_Nvidia_OpenAI_deal_replaces_the_default_vendor_equity_and_counts_Nvidias_round()
    {
        var r = Run();
        var announced = r.Events.Single(e => e.Event == "Financing" && IsDeal(e, "nvidia-openai-2025-09"));
        Assert.Equal("2025-09", announced.Date);
        // From the announcement Nvidia invests in OpenAI only under the deal, never again under the default terms.
        Assert.DoesNotContain(r.Events, e => e.Event == "EquityForCompute" && e.Agent == "Nvidia" && e.Counterparty == "OpenAI"
            && e.Step >= announced.Step && !e.Detail.StartsWith("rule=nvidia-openai-2025-09 "));
        // Its 30 bn in the 2026 round counts towards the 100 bn, so the deal pays at most the other 70.
        Assert.Single(r.Events, e => e.Event == "EquityInvestment" && IsDeal(e, "nvidia-openai-2026-02"));
        var underDeal = r.Events.Where(e => e.Event == "EquityForCompute" && e.Detail.StartsWith("rule=nvidia-openai-2025-09 ")).Sum(e => e.AmountUsdBn);
        Assert.InRange(underDeal, 1e-6, 70 + 1e-6);
    }

    [Fact]
    public void Vehicles_build_for_their_sponsors_off_balance_sheet_and_the_warrant_vests_with_AMDs_reserved_supply()
    {
        var r = Run();
        var hyperion = r.Events.Single(e => e.Event == "Financing" && IsDeal(e, "meta-blueowl-hyperion-2025-10"));
        Assert.Equal(("Meta", "2025-10"), (hyperion.Agent, hyperion.Date));
        Assert.Contains("kind=Spv mw=2064", hyperion.Detail);
        var abilene = r.Events.Single(e => e.Event == "Financing" && IsDeal(e, "stargate-abilene-jv-2025-05"));
        Assert.Equal("Oracle", abilene.Agent);
        // The vehicles' noteholders hold the notes (their exposure is reported), not the sponsors' bondholders.
        Assert.True(r.Series.Single(s => s.Agent == "meta-blueowl-hyperion-2025-10 noteholders" && s.Metric == "risk_exposure_usd_bn").Values.Max() > 20);
        var without = Run("Deals:Cancel=meta-blueowl-hyperion-2025-10");
        double MetaDebt(RunResult run) => run.Series.Single(s => s.Agent == "Meta" && s.Metric == "debt_usd_bn").Values[hyperion.Step];
        Assert.True(Math.Abs(MetaDebt(r) - MetaDebt(without)) < 1, "the notes stay off Meta's balance sheet");

        var vested = r.Events.Where(e => e.Event == "WarrantVested" && e.Detail.StartsWith("rule=amd-openai-warrant-2025-10 ")).ToList();
        Assert.NotEmpty(vested);
        Assert.All(vested, e => Assert.Equal(("OpenAI", "AMD"), (e.Agent, e.Counterparty)));
        var firstOrder = r.Events.First(e => e.Event == "ChipOrder" && IsDeal(e, "amd-openai-2025-10")).Step;
        Assert.True(vested[0].Step >= firstOrder, "the warrant vests as AMD's reserved chips are ordered");
        Assert.DoesNotContain(r.Events, e => e.Event == "EquityForCompute" && e.Agent == "AMD" && e.Counterparty == "OpenAI" && e.Step >= vested[0].Step);
    }

    [Fact]
    public void A_chipmakers_backstop_buys_a_clouds_idle_capacity_in_a_glut_up_to_its_size()
    {
        // Nobody rents directly and demand halves after the backstops start: clouds have hours they cannot sell.
        var glut = Run("Demand:DirectComputeShare=0", "Shocks:DemandShortfall:Enabled=true", "Shocks:DemandShortfall:Fraction=0.5",
            "Shocks:DemandShortfall:Date=2025-10");
        var payments = glut.Events.Where(e => e.Event == "BackstopPayment").ToList();
        Assert.NotEmpty(payments);
        Assert.All(payments, e => Assert.Equal(("Nvidia", "CoreWeave"), (e.Agent, e.Counterparty)));
        Assert.InRange(payments.Sum(e => e.AmountUsdBn), 1e-6, 6.3 + 1.5 + 1e-9);
    }
}
