using MarketSim.Core;
using MarketSim.Core.Engine;
using MarketSim.Core.Finance;
using MarketSim.Core.Results;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

public class StructuredFinanceTests
{
    private static Simulation Create(params string[] overrides) => Simulation.Create(ScenarioLoader.Load(null, overrides), 1);

    private static void StepTo(Simulation sim, int step)
    {
        while (sim.World.Clock.Step < step) sim.StepOnce();
    }

    [Fact]
    public void Neoclouds_finance_each_months_deliveries_with_a_loan_secured_on_them_and_lenders_hold_the_risk()
    {
        var sim = Create();
        StepTo(sim, 24);
        var coreweave = sim.World.CloudNamed("CoreWeave")!;
        var secured = coreweave.LoansOutstanding.Where(l => l.Kind == LoanKind.GpuBacked).ToList();
        Assert.NotEmpty(secured);
        Assert.All(secured, l => Assert.Equal("Lenders", l.Holder));
        Assert.All(secured, l => Assert.All(l.Collateral, v => Assert.Contains(v, coreweave.Fleet)));
        Assert.True(secured.Count(l => l.Collateral.Count > 1) > 0, "a month's deliveries are pledged together");
        Assert.All(sim.World.Clouds.Where(c => !c.IsNeocloud), c => Assert.DoesNotContain(c.LoansOutstanding, l => l.Kind == LoanKind.GpuBacked));
    }

    [Fact]
    public void Collateral_is_worth_less_as_the_rent_falls_and_the_chips_age()
    {
        var sim = Create();
        StepTo(sim, 12);
        var world = sim.World;
        var vintage = world.CloudNamed("CoreWeave")!.Fleet.Last();
        var now = Collateral.ValueUsdBn(vintage, world.Context, 0.9);
        world.Market.GpuHourPrice /= 2;
        var halfRent = Collateral.ValueUsdBn(vintage, world.Context, 0.9);
        world.Market.GpuHourPrice *= 2;
        StepTo(sim, 36);
        world.Market.GpuHourPrice = world.Trends.PowerCostPerH100eHour(vintage.KwPerH100e);
        Assert.True(halfRent < 0.6 * now);
        Assert.Equal(0, Collateral.ValueUsdBn(vintage, world.Context, 0.9), 9);
        Assert.True(Collateral.ValueUsdBn(vintage, world.Context, 0.9) <= halfRent);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Shocks:DemandShortfall:Enabled=true Shocks:DemandShortfall:Fraction=0.6 Shocks:DemandShortfall:Date=2026-06")]
    public void The_batch_valuer_gives_each_vintage_the_bits_of_Collateral_month_after_month(string overrides)
    {
        var sim = Create(overrides.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var world = sim.World;
        var valuer = new CollateralValuer(world);
        var rates = new HashSet<double>();
        while (sim.StepOnce())
        {
            rates.Add(Collateral.MonthlyRate(world.Context));
            valuer.Begin(0.9);
            foreach (var vintage in world.Clouds.SelectMany(c => c.Fleet))
                Assert.Equal(BitConverter.DoubleToInt64Bits(Collateral.ValueUsdBn(vintage, world.Context, 0.9)),
                    BitConverter.DoubleToInt64Bits(valuer.ValueUsdBn(vintage)));
        }
        if (overrides != "") Assert.True(rates.Count > 12, $"the rate moved {rates.Count - 1} times");
    }

    [Fact]
    public void A_rent_collapse_breaks_a_neoclouds_loan_covenants_and_its_lenders_lose()
    {
        // Nine-tenths of demand gone in mid-2027: the glut drives the clearing rent towards cash cost.
        var r = Create("Shocks:DemandShortfall:Enabled=true", "Shocks:DemandShortfall:Fraction=0.9", "Shocks:DemandShortfall:Date=2027-06").Run();
        var breach = Assert.Single(r.Events, e => e.Agent == "CoreWeave" && e.Event == "Default");
        Assert.StartsWith("rule=CovenantBreach", breach.Detail);
        Assert.Contains(r.Events, e => e.Event == "Loss" && e.Agent == "Lenders" && e.Counterparty == "CoreWeave" && e.Detail.Contains("GpuBacked"));
        Assert.Contains(r.Events, e => e.Event == "ContractBroken" && e.Agent == "CoreWeave");
    }

    [Fact]
    public void A_vehicle_builds_for_its_sponsor_off_its_balance_sheet_and_its_noteholders_lose_if_the_sponsor_fails()
    {
        var sim = Create();
        var world = sim.World;
        var meta = world.CloudNamed("Meta")!;
        var debtBefore = meta.Debt;
        var pipelineBefore = meta.PipelineMw;
        var vehicle = world.StructuredFinance.Spv(meta, "Hyperion", mw: 2064, notesUsdBn: 27.3, equityUsdBn: 2.45,
            sponsorEquityShare: 0.2, noteSpread: 0.0225, leaseMonths: 240, residualGuaranteeShare: 0.3, noteHolders: "Hyperion noteholders");
        Assert.Equal(debtBefore, meta.Debt, 9);
        Assert.Equal(pipelineBefore + 2064, meta.PipelineMw, 6);

        var paidToVehicle = 0.0;
        world.Ledger.Watch((from, to, amount) => { if (from == meta.Account && to == vehicle.Account) paidToVehicle += amount; });
        StepTo(sim, 12);
        Assert.Equal(12 * vehicle.LeaseUsdBnPerMonth, paidToVehicle, 6);
        Assert.True(vehicle.NotesOutstandingUsdBn < 27.3);

        meta.Default("TestSponsorDefault");
        sim.StepOnce();
        Assert.True(vehicle.IsClosed);
        Assert.True(world.Risk.Losses["Hyperion noteholders"] > 0);
        Assert.Contains(world.Risk.Stakes, s => s.Company == "Hyperion" && s.Holder == "Investors" && s.WrittenOff);
    }

    [Fact]
    public void Chipmakers_buy_lab_equity_per_gw_deployed_and_a_named_deal_replaces_the_default_terms()
    {
        var baseline = Create().Run();
        var invested = baseline.Events.Where(e => e.Event == "EquityForCompute").ToList();
        Assert.Contains(invested, e => e.Agent == "Nvidia" && e.Counterparty == "OpenAI");
        Assert.DoesNotContain(invested, e => e.Counterparty is "GoogleDeepMind" or "MetaAI" || e.Agent == "CustomSilicon");

        // Without the announced Nvidia-OpenAI deal, which would replace this one in its turn.
        var sim = Create("Deals:Cancel=nvidia-openai-2025-09");
        var world = sim.World;
        var nvidia = world.Chipmakers.Single(c => c.Name == "Nvidia");
        var openai = world.Labs.Single(l => l.Name == "OpenAI");
        var deal = world.StructuredFinance.EquityForCompute(nvidia, openai, usdBnPerGw: 10, maxGw: 1, id: "nvidia-openai-test");
        sim.Run();
        Assert.DoesNotContain(world.StructuredFinance.Instruments, i => i is EquityForCompute e && e.Investor == nvidia && e.Lab == openai && e != deal);
        Assert.InRange(deal.GwCovered, 0.5, 1 + 1e-9);
        Assert.Equal(10 * deal.GwCovered, deal.InvestedUsdBn, 6);
        Assert.Contains(world.Risk.Stakes, s => s.Holder == "Nvidia" && s.Company == "OpenAI" && s.Instrument == "EquityForCompute");
    }

    [Fact]
    public void A_warrant_vests_with_deployment_and_the_issuers_shareholders_pay_for_it()
    {
        var sim = Create("Deals:Cancel=amd-openai-warrant-2025-10");
        var world = sim.World;
        var amd = world.Chipmakers.Single(c => c.Name == "AMD");
        var openai = world.Labs.Single(l => l.Name == "OpenAI");
        var warrant = world.StructuredFinance.Warrant(amd, openai, valueUsdBn: 2, gw: 0.5, id: "amd-openai-test");
        var fromShareholders = 0.0;
        var shareholders = world.External(ExternalAccount.Shareholders);
        world.Ledger.Watch((from, to, amount) => { if (from == shareholders && to == openai.Account) fromShareholders += amount; });
        sim.Run();
        Assert.Equal(warrant.Gw, warrant.GwVested, 6);
        Assert.True(warrant.ProceedsUsdBn > 0);
        Assert.Equal(warrant.ProceedsUsdBn, fromShareholders, 6);
        Assert.Equal("AMD shareholders", warrant.RiskHolders);
    }

    [Fact]
    public void A_vendor_loan_is_paid_by_the_chipmaker_and_repaid_to_it_with_interest()
    {
        var sim = Create();
        var world = sim.World;
        var nvidia = world.Chipmakers.Single(c => c.Name == "Nvidia");
        var coreweave = world.CloudNamed("CoreWeave")!;
        var received = 0.0;
        world.Ledger.Watch((from, to, amount) => { if (from == coreweave.Account && to == nvidia.Account) received += amount; });
        var loan = world.StructuredFinance.VendorLoan(nvidia, coreweave, 5, spread: 0.05, months: 24);
        Assert.Equal("Nvidia", loan.Holder);
        StepTo(sim, 24);
        Assert.True(loan.IsClosed);
        Assert.True(received > 5, $"repaid {received:F2} bn");
    }

    [Fact]
    public void A_lab_can_borrow_against_gpus_and_its_lenders_lose_what_the_aged_gpus_no_longer_cover()
    {
        // A ten-year loan against chips with a five-year life, to a lab that fails in the bust of the shortfall test.
        var sim = Create("Hardware:MaxLifeYears=5", "Finance:Leverage=4", "Shocks:DemandShortfall:Enabled=true", "Shocks:DemandShortfall:Fraction=0.4",
            "Shocks:DemandShortfall:Date=2029-01");
        var world = sim.World;
        var lab = world.Labs.Single(l => l.Name == "Anthropic");
        var loan = world.StructuredFinance.GpuBackedLoan(lab, 12.5, months: 120, holder: "Anthropic GPU vehicle lenders", id: "anthropic-gpu-test");
        Assert.True(Assert.Single(loan.Collateral).H100e > 0);
        var owed = 0.0;
        while (!lab.IsDefaulted && sim.StepOnce())
            if (!lab.IsDefaulted) owed = loan.Outstanding;
        Assert.True(lab.IsDefaulted);
        Assert.Equal(0, Collateral.ValueUsdBn(loan.Collateral[0], world.Context, 1));
        Assert.InRange(world.Risk.Losses["Anthropic GPU vehicle lenders"], 0.5 * owed, owed);
    }
}
