using System.Runtime.InteropServices;
using MarketSim.Core.Engine;
using MarketSim.Core.Market;
using MarketSim.Core.Rules;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Agents;

/// <summary>
/// A chipmaker: packaging-limited production (in H100e) that grows with its own capex after a lead time, an order
/// backlog shipped first in first out, a gross margin its pricing rule sets, revenue at delivery. It ships the
/// generations of its product lines (<see cref="ProductLine"/>); a generation's list price is its price at the base
/// gross margin, so the price per H100e is list x (1 - base margin) / (1 - margin) and the unit cost list x (1 - base).
/// </summary>
public sealed class Chipmaker : Agent
{
    private readonly ChipmakerOptions _o;
    // Orders first in first out, from _backlogHead on: a list of values rather than a queue of objects, so that the
    // order being shipped is updated where it lies and placing one allocates nothing.
    private readonly List<ChipOrder> _backlog;
    private int _backlogHead;
    private readonly Queue<(int Step, double Add)> _capacityPipeline = new();
    private readonly ShipmentRecord _shipments;
    private readonly ProductLine[] _lines;
    private readonly int _backlogMetric, _marginMetric;
    private double _cloudOrdersThisStep;
    private double _intakeThisStep;

    internal Chipmaker(World world, string name, ChipmakerOptions options, ChipmakerRuleSet rules, IReadOnlyList<ProductLine> lines)
        : base(world, name, "chipmaker")
    {
        _o = options;
        Rules = rules;
        _backlog = world.Storage.List<ChipOrder>();
        _lines = [.. lines];
        Line = _lines[0];
        CapacityH100ePerMonth = options.CapacityH100ePerMonth;
        IntakeAverageH100e = CapacityH100ePerMonth;
        GrossMargin = options.BaseGrossMargin;
        OpenBalances(options.Cash, options.Debt);
        _shipments = new ShipmentRecord(world, name, Kind, lines);
        _backlogMetric = world.Metrics.Register(name, Kind, "backlog_h100e", Results.Aggregation.Stock);
        _marginMetric = world.Metrics.Register(name, Kind, "gross_margin", Results.Aggregation.Level);
    }

    public ChipmakerOptions Options => _o;
    public ChipmakerRuleSet Rules { get; }
    public double CapacityH100ePerMonth { get; private set; }
    /// <summary>Monthly capacity once the additions under way are ready.</summary>
    public double PlannedCapacityH100ePerMonth
    {
        get
        {
            var coming = 0.0; // in queue order, as Enumerable.Sum added them
            foreach (var (_, add) in _capacityPipeline) coming += add;
            return CapacityH100ePerMonth + coming;
        }
    }
    /// <summary>Order intake, averaged over about <c>IntakeAveragingMonths</c>.</summary>
    public double IntakeAverageH100e { get; private set; }
    public double BacklogH100e { get; private set; }
    /// <summary>Monthly output chip-supply deals reserve a production lead time ahead (<c>CapacityLeadMonths</c>).</summary>
    public double ReservedH100ePerMonth { get; internal set; }
    public double GrossMargin { get; private set; }
    public double ShippedThisStep { get; private set; }
    public double ShippedToCloudsThisStep { get; private set; }
    public double ShippedToOthersThisStep { get; private set; }
    /// <summary>Physical accelerators shipped this month (H100e / H100e per unit of each generation).</summary>
    public double UnitsShippedThisStep => _shipments.UnitsThisStep;

    /// <summary>What it ships to buyers of any family.</summary>
    public ProductLine Line { get; }
    /// <summary>Every line it ships this run: <see cref="Line"/> first, then one per custom-silicon family clouds buy.</summary>
    public IReadOnlyList<ProductLine> Lines => _lines;

    /// <summary>The line a buyer of the given family is served from; any other family (or none) gets <see cref="Line"/>.</summary>
    public ProductLine LineFor(string family)
    {
        foreach (var line in _lines) if (line.Family == family) return line;
        return Line;
    }

    /// <summary>Cost to make one H100e of this month's mix: list price x (1 - base gross margin).</summary>
    public double UnitCostUsd => UnitCostUsdFor(Line);

    public double PriceUsdPerH100e => UnitCostUsd / (1 - GrossMargin);

    /// <summary>IT kW per H100e of this month's mix.</summary>
    public double KwPerH100e => Line.KwPerH100eAt(World.Clock.Date);

    public double PriceUsdPerH100eFor(string family) => UnitCostUsdFor(LineFor(family)) / (1 - GrossMargin);

    private double UnitCostUsdFor(ProductLine line) => line.ListPriceUsdPerH100eAt(World.Clock.Date) * (1 - _o.BaseGrossMargin);

    /// <summary>The pricing rule sets this month's gross margin.</summary>
    internal void SetPrices() => GrossMargin = Rules.Pricing.GrossMargin(this, World.Context);

    /// <summary>
    /// An order priced now: each generation delivered under it costs its list price scaled by today's margin, so the
    /// buyer pays for the generations it receives.
    /// </summary>
    internal void AcceptOrder(Cloud? buyer, double h100e, string family = "")
    {
        if (h100e <= 0) return;
        if (buyer is not null) _cloudOrdersThisStep += h100e;
        var markup = (1 - _o.BaseGrossMargin) / (1 - GrossMargin);
        _backlog.Add(new ChipOrder { Buyer = buyer, Line = LineFor(family), ListPriceMarkup = markup, RemainingH100e = h100e });
        BacklogH100e += h100e;
        _intakeThisStep += h100e;
    }

    /// <summary>
    /// Buyers outside the modelled clouds (enterprises, sovereigns, other clouds) order in proportion to the
    /// modelled clouds: over half of Nvidia's data-center revenue came from large clouds (nvidia_dc_revenue_q note).
    /// </summary>
    internal void OrderForOtherBuyers()
    {
        AcceptOrder(null, _cloudOrdersThisStep * _o.OtherBuyersRatio);
        _cloudOrdersThisStep = 0;
    }

    /// <summary>
    /// Capacity ordered earlier comes on line; the production rule says how much to add, within what capacity growth
    /// allows; capex is paid now and the capacity is ready after the lead time.
    /// </summary>
    internal void PlanProduction()
    {
        while (_capacityPipeline.Count > 0 && _capacityPipeline.Peek().Step <= World.Clock.Step)
            CapacityH100ePerMonth += _capacityPipeline.Dequeue().Add;
        IntakeAverageH100e += (_intakeThisStep - IntakeAverageH100e) / _o.IntakeAveragingMonths;
        _intakeThisStep = 0;
        var maxAdd = PlannedCapacityH100ePerMonth * (World.Recent.Pow(1 + _o.CapacityGrowthPerYear, 1 / 12.0) - 1);
        var add = Math.Clamp(Rules.Production.CapacityToAdd(this, World.Context), 0, maxAdd);
        // Packaging and test lines cost a share of a year's output at unit cost; other capex scales with revenue.
        var capex = _o.LineCapexShare * add * 12 * UnitCostUsd / 1e9 + _o.RevenueCapexShare * RevenueRunRate / 12;
        PaySupplier(capex);
        Capex += capex;
        if (add > 0) _capacityPipeline.Enqueue((World.Clock.Step + _o.CapacityLeadMonths, add));
    }

    /// <summary>
    /// Ships this month's output first in first out, each order as its line's generation mix of the month; the buyer
    /// pays on delivery, the supplier is paid cost.
    /// </summary>
    internal void Deliver()
    {
        var capacity = CapacityH100ePerMonth;
        ShippedThisStep = ShippedToCloudsThisStep = ShippedToOthersThisStep = 0;
        _shipments.BeginStep();
        while (capacity > 1e-9 && _backlogHead < _backlog.Count)
        {
            var order = _backlog[_backlogHead];
            if (order.Buyer is { IsDefaulted: true })
            {
                BacklogH100e -= order.RemainingH100e; // a defaulted buyer's order is cancelled, not shipped
                _backlogHead++;
                continue;
            }
            var qty = Math.Min(capacity, order.RemainingH100e);
            foreach (var (generation, share) in order.Line.MixAt(World.Clock.Date)) Ship(order, generation, qty * share);
            order.RemainingH100e -= qty;
            // Only the quantity changed: storing the whole order back would store its references too, each through a
            // write barrier.
            CollectionsMarshal.AsSpan(_backlog)[_backlogHead].RemainingH100e = order.RemainingH100e;
            BacklogH100e -= qty;
            capacity -= qty;
            ShippedThisStep += qty;
            if (order.RemainingH100e <= 1e-9) _backlogHead++;
        }
        // Shipped orders leave the list once they are half of it, so it neither grows without bound nor shifts often.
        if (_backlogHead > 0 && 2 * _backlogHead >= _backlog.Count)
        {
            _backlog.RemoveRange(0, _backlogHead);
            _backlogHead = 0;
        }
        if (BacklogH100e < 1e-6) BacklogH100e = 0;
    }

    private void Ship(in ChipOrder order, Generation generation, double h100e)
    {
        var price = generation.ListPriceUsdPerH100e * order.ListPriceMarkup;
        var usd = h100e * price / 1e9;
        if (order.Buyer is { } cloud)
        {
            cloud.ReceiveChips(this, generation, h100e, usd);
            ShippedToCloudsThisStep += h100e;
        }
        else
        {
            World.Ledger.Pay(World.External(ExternalAccount.OtherChipBuyers), Account, usd);
            ShippedToOthersThisStep += h100e;
        }
        Revenue += usd;
        PaySupplier(h100e * generation.ListPriceUsdPerH100e * (1 - _o.BaseGrossMargin) / 1e9);
        _shipments.Add(generation, h100e);
    }

    /// <summary>Operating costs (a share of revenue), debt service, then a share of the cash above a floor goes to shareholders.</summary>
    internal void PayCosts()
    {
        PaySupplier(_o.OpexShare * Revenue);
        ServiceDebt();
        var floor = _o.CashFloorUsdBn + _o.CashFloorRevenueShare * RevenueRunRate;
        if (Cash > floor) World.Ledger.Pay(Account, World.External(ExternalAccount.Shareholders), _o.PayoutShare * (Cash - floor));
    }

    internal void Record()
    {
        RecordMoney();
        _shipments.Record();
        World.Metrics.Set(_backlogMetric, BacklogH100e);
        World.Metrics.Set(_marginMetric, GrossMargin);
    }
}
