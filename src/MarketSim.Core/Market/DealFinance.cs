using MarketSim.Core.Agents;
using MarketSim.Core.Engine;
using MarketSim.Core.Finance;

namespace MarketSim.Core.Market;

/// <summary>
/// The money side of announced deals, in one place. Equity moves cash between two named ledger accounts (a modelled
/// company, or the external <c>Investors</c>) and records the investor's stake; equity for compute, committed GPU
/// facilities, vehicles and warrants are the structured-finance deal types (<see cref="StructuredFinance"/>), each with
/// its cash flows and the holders of its risk; chipmakers' capacity backstops buy a cloud's unsold hours.
/// </summary>
internal sealed class DealFinance(World world)
{
    /// <summary>A chipmaker that buys a cloud's idle capacity at the spot rent, up to a size, over a term.</summary>
    private sealed class Backstop
    {
        public required string Deal { get; init; }
        public required Chipmaker Maker { get; init; }
        public required Cloud Cloud { get; init; }
        public required int EndStep { get; init; }
        public double LeftUsdBn { get; set; }
    }

    private readonly List<Backstop> _backstops = [];

    /// <summary>
    /// Equity from an investor (a modelled company, or <c>Investors</c> for one outside the model), held at cost in the
    /// risk register. A round from <c>Investors</c> into a lab draws on the year's investor pool; a chipmaker's equity
    /// counts towards an equity-for-compute agreement it has with the lab (the book cannot say whether it is part of it).
    /// </summary>
    public void Invest(string detail, Agent? investor, string investorName, Agent investee, double usdBn)
    {
        var paid = investor is null or Cloud ? usdBn : Math.Min(usdBn, Math.Max(0, investor.Cash));
        if (investor is null)
        {
            investee.ReceiveCapital(world.External(ExternalAccount.Investors), paid);
            if (investee is Lab) world.Market.InvestorPool.Take(paid);
        }
        else investor.Invest(investee, paid);
        world.Risk.Invest(investorName, investee.Name, "Equity", paid);
        if (investor is Chipmaker maker && investee is Lab lab) world.StructuredFinance.CreditEquity(maker, lab, paid);
        world.Events.Add(investorName, "EquityInvestment", investee.Name, paid, DealDesk.Rule, detail);
    }

    /// <summary>Equity for compute (Nvidia-OpenAI): <paramref name="usdBn"/> over <paramref name="gw"/>, paid per GW deployed.</summary>
    public void CommitPerGw(string deal, string detail, Chipmaker maker, Lab lab, double usdBn, double gw) =>
        world.StructuredFinance.EquityForCompute(maker, lab, usdBn / gw, gw, id: deal, rule: DealDesk.Rule, dealDetail: detail);

    /// <summary>A committed facility secured on the accelerators it finances, drawn as they arrive (CoreWeave's DDTLs).</summary>
    public void OpenFacility(string deal, string detail, Cloud borrower, double usdBn, int months) =>
        world.StructuredFinance.GpuFacility(borrower, usdBn, months, id: deal, rule: DealDesk.Rule, dealDetail: detail);

    public void AddBackstop(string deal, string detail, Chipmaker maker, Cloud cloud, double usdBn, int months)
    {
        _backstops.Add(new Backstop { Deal = deal, Maker = maker, Cloud = cloud, EndStep = world.Clock.Step + months, LeftUsdBn = usdBn });
        world.Events.Add(maker.Name, "VendorFinancing", cloud.Name, usdBn, DealDesk.Rule, $"{detail} months={months}");
    }

    /// <summary>
    /// A vehicle that builds <paramref name="gw"/> of shells for <paramref name="sponsor"/> with outside money and
    /// leases them back: <c>Deals:SpvDebtShare</c> of its size in notes (held by the deal's noteholders, at
    /// <c>Deals:SpvNoteSpread</c>), the rest equity (<c>Deals:SpvSponsorEquityShare</c> from the sponsor).
    /// </summary>
    public void Spv(string deal, string detail, Cloud sponsor, double gw, double usdBn, int leaseMonths)
    {
        var o = world.Scenario.Deals;
        world.StructuredFinance.Spv(sponsor, deal, gw * 1000, usdBn * o.SpvDebtShare, usdBn * (1 - o.SpvDebtShare),
            o.SpvSponsorEquityShare, o.SpvNoteSpread, leaseMonths, noteHolders: $"{deal} noteholders", rule: DealDesk.Rule,
            dealDetail: detail);
    }

    /// <summary>Shares of <paramref name="issuer"/> worth <paramref name="usdBn"/> that vest as <paramref name="holder"/> deploys <paramref name="gw"/> on its chips.</summary>
    public void Warrant(string deal, string detail, Chipmaker issuer, Lab holder, double gw, double usdBn) =>
        world.StructuredFinance.Warrant(issuer, holder, usdBn, gw, id: deal, rule: DealDesk.Rule, dealDetail: detail);

    /// <summary>After the compute market: backstops buy what the clouds could not sell.</summary>
    public void Settle()
    {
        foreach (var b in _backstops)
        {
            if (b.LeftUsdBn <= 0 || world.Clock.Step >= b.EndStep || b.Cloud.IsDefaulted) continue;
            var rent = world.Market.GpuHourPrice * Clock.HoursPerMonth / 1e9;
            var idle = Math.Max(0, b.Cloud.InstalledH100e - b.Cloud.UsedH100e);
            var paid = Math.Min(Math.Min(idle * rent, b.LeftUsdBn), Math.Max(0, b.Maker.Cash));
            if (paid <= 1e-6) continue;
            world.Ledger.Pay(b.Maker.Account, b.Cloud.Account, paid);
            b.Cloud.BookAiSale(paid, 0, direct: false); // paid for, not served: the hours stay idle
            b.LeftUsdBn -= paid;
            world.Events.Add(b.Maker.Name, "BackstopPayment", b.Cloud.Name, paid, "CapacityBackstop", $"deal={b.Deal}");
        }
    }
}
