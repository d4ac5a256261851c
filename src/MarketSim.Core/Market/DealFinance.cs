using MarketSim.Core.Agents;
using MarketSim.Core.Engine;

namespace MarketSim.Core.Market;

/// <summary>
/// The money side of announced deals, in one place: equity, equity for compute, loans under named facilities,
/// chipmakers' capacity backstops, and structured vehicles. Each moves cash between two named ledger accounts (a
/// modelled company, or the external <c>Investors</c> and <c>Lenders</c> for parties outside the model) and leaves
/// one event. SPVs and warrants have no balance-sheet counterpart in the kernel yet: they are recorded, with the size
/// and the deal id that says who holds the risk, and move no cash. Every deal type the book holds comes through here,
/// so this class is the one place to point at a structured-finance API (loans, vehicles, equity for compute, warrants).
/// </summary>
internal sealed class DealFinance(World world)
{
    /// <summary>A chipmaker's commitment to invest in a lab per GW of its accelerators the lab's clouds order.</summary>
    private sealed class PerGwCommitment
    {
        public required string Deal { get; init; }
        public required Chipmaker Maker { get; init; }
        public required Lab Lab { get; init; }
        public required double UsdBnPerGw { get; init; }
        public required double CapUsdBn { get; init; }
        public double PaidUsdBn { get; set; }
    }

    /// <summary>A chipmaker that buys a cloud's idle capacity at the spot rent, up to a size, over a term.</summary>
    private sealed class Backstop
    {
        public required string Deal { get; init; }
        public required Chipmaker Maker { get; init; }
        public required Cloud Cloud { get; init; }
        public required int EndStep { get; init; }
        public double LeftUsdBn { get; set; }
    }

    private readonly List<PerGwCommitment> _commitments = [];
    private readonly List<Backstop> _backstops = [];
    private readonly List<(Agent? Investor, Lab Lab, int Step, double UsdBn)> _equity = [];

    /// <summary>Equity from an investor (a modelled company, or <c>Investors</c> for one outside the model).</summary>
    public void Invest(string deal, Agent? investor, string investorName, Agent investee, double usdBn)
    {
        var paid = Pay(investor, ExternalAccount.Investors, investee.Account, usdBn);
        if (investee is Lab lab)
        {
            _equity.Add((investor, lab, world.Clock.Step, paid));
            foreach (var c in _commitments) if (c.Maker == investor && c.Lab == lab) c.PaidUsdBn += paid;
        }
        world.Events.Add(investorName, "EquityInvestment", investee.Name, paid, "AnnouncedDeal", $"deal={deal}");
    }

    /// <summary>
    /// Equity for compute: the maker invests <paramref name="usdBn"/> / <paramref name="gw"/> per GW its reservations
    /// for the lab have been ordered against, up to the size. Equity the same maker put into the lab since the
    /// commitment was announced counts towards it (the book cannot say whether a later round is part of it).
    /// </summary>
    public void CommitPerGw(string deal, int announcedStep, Chipmaker maker, Lab lab, double usdBn, double gw)
    {
        var earlier = _equity.Where(e => e.Investor == maker && e.Lab == lab && e.Step >= announcedStep).Sum(e => e.UsdBn);
        _commitments.Add(new PerGwCommitment { Deal = deal, Maker = maker, Lab = lab, UsdBnPerGw = usdBn / gw, CapUsdBn = usdBn, PaidUsdBn = earlier });
        world.Events.Add(maker.Name, "EquityCommitted", lab.Name, usdBn, "AnnouncedDeal", $"deal={deal} usd_bn_per_gw={usdBn / gw:F1}");
    }

    /// <summary>A loan drawn under a named facility: cash from <c>Lenders</c>, repaid over the deal's term.</summary>
    public void DrawLoan(string deal, Cloud borrower, double usdBn, int months) =>
        borrower.DrawLoan(usdBn, months, "AnnouncedDeal", $"deal={deal} months={months}");

    public void AddBackstop(string deal, Chipmaker maker, Cloud cloud, double usdBn, int months)
    {
        _backstops.Add(new Backstop { Deal = deal, Maker = maker, Cloud = cloud, EndStep = world.Clock.Step + months, LeftUsdBn = usdBn });
        world.Events.Add(maker.Name, "VendorFinancing", cloud.Name, usdBn, "AnnouncedDeal", $"deal={deal} months={months}");
    }

    /// <summary>
    /// A special purpose vehicle that builds <paramref name="gw"/> for <paramref name="sponsor"/> with outside money and
    /// leases it back. The kernel has no vehicle or lease yet: recorded with its sponsor, size and term, no cash moves.
    /// </summary>
    public void Spv(string deal, Cloud sponsor, double gw, double usdBn, int leaseMonths) =>
        world.Events.Add(sponsor.Name, "DealRecorded", "Investors", usdBn, "AnnouncedDeal",
            $"deal={deal} type=spv reason=structured_finance gw={gw:F2} months={leaseMonths}");

    /// <summary>
    /// Shares of <paramref name="issuer"/> that vest as <paramref name="holder"/> deploys <paramref name="gw"/> on its
    /// chips. The kernel has no share prices yet: recorded, no cash moves.
    /// </summary>
    public void Warrant(string deal, Chipmaker issuer, Lab holder, double gw, double usdBn) =>
        world.Events.Add(issuer.Name, "DealRecorded", holder.Name, usdBn, "AnnouncedDeal",
            $"deal={deal} type=warrant reason=structured_finance gw={gw:F2}");

    /// <summary>After the compute market: per-GW equity falls due, backstops buy what the clouds could not sell.</summary>
    public void Settle()
    {
        foreach (var c in _commitments)
        {
            if (c.Lab.IsDefaulted || c.PaidUsdBn >= c.CapUsdBn) continue;
            var due = Math.Min(c.UsdBnPerGw * world.Deals.Reservations.OrderedGw(c.Maker, c.Lab), c.CapUsdBn) - c.PaidUsdBn;
            var paid = Math.Min(due, Math.Max(0, c.Maker.Cash));
            if (paid <= 1e-6) continue;
            world.Ledger.Pay(c.Maker.Account, c.Lab.Account, paid);
            c.PaidUsdBn += paid;
            world.Events.Add(c.Maker.Name, "EquityInvestment", c.Lab.Name, paid, "EquityForCompute", $"deal={c.Deal}");
        }
        foreach (var b in _backstops)
        {
            if (b.LeftUsdBn <= 0 || world.Clock.Step >= b.EndStep || b.Cloud.IsDefaulted) continue;
            var rent = world.Market.GpuHourPrice * Clock.HoursPerMonth / 1e9;
            var idle = Math.Max(0, b.Cloud.InstalledH100e - b.Cloud.UsedH100e);
            var paid = Math.Min(Math.Min(idle * rent, b.LeftUsdBn), Math.Max(0, b.Maker.Cash));
            if (paid <= 1e-6) continue;
            world.Ledger.Pay(b.Maker.Account, b.Cloud.Account, paid);
            b.Cloud.BookAiSale(paid, paid / rent, direct: false);
            b.LeftUsdBn -= paid;
            world.Events.Add(b.Maker.Name, "BackstopPayment", b.Cloud.Name, paid, "CapacityBackstop", $"deal={b.Deal}");
        }
    }

    /// <summary>
    /// Moves cash from an external account, or from a modelled payer: a cloud pays in full and finances it through
    /// its borrowing rule; a chipmaker or lab, which has none, pays at most the cash it holds.
    /// </summary>
    private double Pay(Agent? payer, ExternalAccount outside, int to, double usdBn)
    {
        var from = payer?.Account ?? world.External(outside);
        var amount = payer is null or Cloud ? usdBn : Math.Min(usdBn, Math.Max(0, payer.Cash));
        world.Ledger.Pay(from, to, amount);
        return amount;
    }
}
