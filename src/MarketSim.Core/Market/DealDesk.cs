using MarketSim.Core.Agents;
using MarketSim.Core.Engine;
using MarketSim.Core.Rules;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Market;

/// <summary>
/// Honours the scenario's deal book (<see cref="DealBook"/>, <c>Deals:...</c>): each deal fires once, at its month,
/// and leaves one event with <c>rule=AnnouncedDeal</c> and its id. Compute contracts are signed as take-or-pay
/// contracts at the announcement (service from the published start); chip-supply deals reserve chipmaker output;
/// equity, loans and vendor financing move money when they start (<see cref="DealFinance"/>). A deal whose parties
/// are not both modelled, or that another row already includes (<c>part_of</c>), is recorded without effect. Deals
/// announced before <c>Clock:Start</c> are part of the opening state and do not fire.
/// </summary>
internal sealed class DealDesk
{
    internal const string Rule = "AnnouncedDeal";

    private readonly World _world;
    private readonly DealOptions _o;
    private readonly DealParties _parties;
    private readonly List<(int Step, AnnouncedDeal Deal)> _schedule = [];
    private int _next;

    public DealDesk(World world)
    {
        _world = world;
        _o = world.Scenario.Deals;
        _parties = new DealParties(world);
        Reservations = new SupplyReservations(world);
        Finance = new DealFinance(world);
        if (!_o.Enabled || _o.Scale <= 0) return;
        var cancelled = DealParties.CancelledIds(_o).ToHashSet(StringComparer.Ordinal);
        var clock = world.Clock;
        // Deals of one month fire in the book's order: sorted by month, then by place in the book.
        var book = DealBook.Announced;
        var firing = new (int Month, int Place)[book.Count];
        for (var i = 0; i < firing.Length; i++) firing[i] = (FiringMonth(book[i]).Index, i);
        Array.Sort(firing);
        foreach (var (_, place) in firing)
        {
            var deal = book[place];
            if (cancelled.Contains(deal.Id) || deal.Announced < clock.Start) continue;
            var step = clock.StepOf(FiringMonth(deal));
            if (step < clock.Horizon) _schedule.Add((step, deal));
        }
    }

    public SupplyReservations Reservations { get; }
    public DealFinance Finance { get; }

    /// <summary>At the start of a month: reservations open, then the month's deals fire.</summary>
    public void Fire()
    {
        Reservations.BeginMonth();
        while (_next < _schedule.Count && _schedule[_next].Step == _world.Clock.Step) Honour(_schedule[_next++].Deal);
    }

    /// <summary>After the compute market: what deals owe this month.</summary>
    public void Settle() => Finance.Settle();

    /// <summary>
    /// Money moves when a deal starts; contracts, reservations, vehicles, warrants and equity per GW deployed are signed
    /// when announced.
    /// </summary>
    private static YearMonth FiringMonth(AnnouncedDeal deal) =>
        deal.Type is DealType.Equity && deal.Gw is null || deal.Type is DealType.GpuBackedLoan or DealType.VendorFinancing
            ? deal.Begins : deal.Announced;

    private void Honour(AnnouncedDeal deal)
    {
        if (deal.PartOf.Length > 0)
        {
            Record(deal, $"part_of={deal.PartOf}", 0);
            return;
        }
        switch (deal.Type)
        {
            case DealType.ComputeContract: SignContract(deal); break;
            case DealType.ChipSupply: ReserveSupply(deal); break;
            case DealType.Equity: Invest(deal); break;
            case DealType.GpuBackedLoan: DrawLoan(deal); break;
            case DealType.VendorFinancing: Backstop(deal); break;
            case DealType.Spv: BuildVehicle(deal); break;
            default: GrantWarrant(deal); break;
        }
    }

    private void SignContract(AnnouncedDeal deal)
    {
        var lab = _parties.Buyer(deal.Payer);
        var cloud = _parties.Cloud(deal.Payee);
        if (lab is null || cloud is null || lab.IsDefaulted || cloud.IsDefaulted)
        {
            Record(deal, lab is null ? "buyer_not_a_lab" : cloud is null ? "provider_not_modelled" : "party_defaulted", Size(deal) ?? 0);
            return;
        }
        var months = Months(deal, _o.AssumedContractMonths);
        var usdBn = Size(deal) ?? (deal.Gw is { } gw ? gw * _o.Scale * _o.AssumedUsdBnPerGwYear * months / 12 : _o.AssumedContractUsdBn * _o.Scale);
        var price = _world.ContractDesk.Quote(cloud);
        var volume = usdBn * 1e9 / (price * Clock.HoursPerMonth * ComputeContract.FullVolumeMonths(months, _world.Scenario.Procurement.RampMonths));
        var startIn = Math.Max(0, deal.Begins.MonthsSince(_world.Clock.Date));
        _world.ContractDesk.Sign(lab, new ContractRequest(cloud, volume, startIn, months), Rule, price, Detail(deal, deal.Payee));
    }

    private void ReserveSupply(AnnouncedDeal deal)
    {
        var lab = _parties.Buyer(deal.Payer);
        var maker = _parties.Chipmaker(deal.Payee);
        var size = Size(deal);
        if (lab is null || maker is null || lab.IsDefaulted || (size is null && deal.Gw is null))
        {
            Record(deal, lab is null || maker is null ? "party_not_modelled" : lab.IsDefaulted ? "party_defaulted" : "no_size", size ?? 0);
            return;
        }
        var months = Months(deal, _o.AssumedSupplyMonths);
        var startIn = deal.Begins.MonthsSince(_world.Clock.Date);
        // Power tied to the deal is taken as IT power, at the kW per H100e of the maker's generations shipping when it starts.
        var h100e = deal.Gw is { } gw
            ? gw * _o.Scale * 1e6 / maker.Line.KwPerH100eAt(_world.Clock.Date.AddMonths(startIn))
            : size!.Value * 1e9 / maker.PriceUsdPerH100e;
        Reservations.Add(deal.Id, maker, lab, h100e, _world.Clock.Step + startIn, months);
        _world.Events.Add(maker.Name, "SupplyReserved", lab.Name, size ?? h100e * maker.PriceUsdPerH100e / 1e9, Rule,
            $"{Detail(deal, deal.Payee)} h100e={h100e:F0} months={months}");
    }

    private void Invest(AnnouncedDeal deal)
    {
        var investee = (Agent?)_parties.Lab(deal.Payee) ?? _parties.Cloud(deal.Payee);
        var investor = _parties.Agent(deal.Payer);
        var size = Size(deal);
        if (investee is null || investee.IsDefaulted || size is null)
        {
            Record(deal, investee is null ? "investee_not_modelled" : size is null ? "no_size" : "party_defaulted", size ?? 0);
            return;
        }
        if (deal.Gw is { } gw && investor is Chipmaker maker && investee is Lab lab)
            Finance.CommitPerGw(deal.Id, Detail(deal, null), maker, lab, size.Value, gw * _o.Scale);
        else
            Finance.Invest(Detail(deal, null), investor, investor?.Name ?? DealParties.Canonical(deal.Payer), investee, size.Value);
    }

    private void DrawLoan(AnnouncedDeal deal)
    {
        var borrower = _parties.Cloud(deal.Payee);
        if (borrower is null || borrower.IsDefaulted || Size(deal) is not { } usdBn)
        {
            Record(deal, "borrower_not_modelled", Size(deal) ?? 0);
            return;
        }
        Finance.OpenFacility(deal.Id, Detail(deal, deal.Payee), borrower, usdBn, Months(deal, _o.AssumedContractMonths));
    }

    private void Backstop(AnnouncedDeal deal)
    {
        var maker = _parties.Chipmaker(deal.Payer);
        var cloud = _parties.Cloud(deal.Payee);
        if (maker is null || cloud is null || cloud.IsDefaulted || Size(deal) is not { } usdBn)
        {
            Record(deal, "party_not_modelled", Size(deal) ?? 0);
            return;
        }
        Finance.AddBackstop(deal.Id, Detail(deal, deal.Payee), maker, cloud, usdBn, Months(deal, _o.AssumedContractMonths));
    }

    /// <summary>
    /// A vehicle builds for the first cloud the deal names as itself, not through a stand-in (its tenant or guarantor:
    /// Oracle at Abilene, where Crusoe builds; Meta at Hyperion).
    /// </summary>
    private void BuildVehicle(AnnouncedDeal deal)
    {
        var sponsor = deal.Parties.Split(';').Where(p => !_parties.NameOf(p).StandIn).Select(p => _parties.Cloud(p)).FirstOrDefault(c => c is not null);
        if (sponsor is null || sponsor.IsDefaulted) Record(deal, "sponsor_not_modelled", Size(deal) ?? 0);
        else if (Size(deal) is null || deal.Gw is null) Record(deal, "no_size", Size(deal) ?? 0);
        else Finance.Spv(deal.Id, Detail(deal, null), sponsor, (deal.Gw ?? 0) * _o.Scale, Size(deal) ?? 0, Months(deal, _o.AssumedLeaseMonths));
    }

    /// <summary>
    /// A chipmaker's shares for a lab's deployment (AMD-OpenAI), worth <c>Deals:AssumedWarrantUsdBn</c> when the book
    /// gives no value; a cloud's warrants for a backstop are recorded.
    /// </summary>
    private void GrantWarrant(AnnouncedDeal deal)
    {
        if (_parties.Chipmaker(deal.Payer) is { } issuer && _parties.Lab(deal.Payee) is { IsDefaulted: false } holder && deal.Gw is > 0)
            Finance.Warrant(deal.Id, Detail(deal, null), issuer, holder, deal.Gw.Value * _o.Scale, Size(deal) ?? _o.AssumedWarrantUsdBn * _o.Scale);
        else Record(deal, "party_not_modelled", Size(deal) ?? 0);
    }

    /// <summary>A deal with no effect in this scenario, and why (see MODEL.md, Deal book).</summary>
    private void Record(AnnouncedDeal deal, string reason, double usdBn)
    {
        var payer = PublishedName(deal.Payer);
        var payee = PublishedName(deal.Payee);
        _world.Events.Add(payer, "DealRecorded", payee, usdBn, Rule, $"{Detail(deal, null)} type={DealBook.TypeName(deal.Type)} reason={reason}");
    }

    /// <summary>A party as events name it: its agent, or its published name when nobody (or only a stand-in) models it.</summary>
    private string PublishedName(string party) =>
        _parties.NameOf(party) is { StandIn: false } mapped ? mapped.Name : DealParties.Canonical(party);

    /// <summary>The published size times <c>Deals:Scale</c>, or null when the book has none.</summary>
    private double? Size(AnnouncedDeal deal) => deal.SizeUsdBn * _o.Scale;

    private static int Months(AnnouncedDeal deal, int assumed) => deal.DurationMonths is int months && months > 0 ? months : assumed;

    /// <summary><c>deal=&lt;id&gt;</c>, the terms the book marks as assumptions, and the agent standing in for a party.</summary>
    private string Detail(AnnouncedDeal deal, string? provider)
    {
        var text = $"deal={deal.Id}";
        if (deal.Assumptions.Length > 0) text += $" assumed={deal.Assumptions}";
        if (provider is not null && _parties.NameOf(provider) is { StandIn: true } standIn) text += $" for={DealParties.Canonical(provider)} as={standIn.Name}";
        return text;
    }
}
