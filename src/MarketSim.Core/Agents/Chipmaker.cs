using MarketSim.Core.Engine;
using MarketSim.Core.Rules;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Agents;

/// <summary>
/// A chipmaker: packaging-limited production that grows with its own capex after a lead time, an order backlog
/// shipped first in first out, a gross margin its pricing rule sets, revenue at delivery.
/// </summary>
public sealed class Chipmaker : Agent
{
    private readonly ChipmakerOptions _o;
    private readonly Queue<ChipOrder> _backlog = new();
    private readonly Queue<(int Step, double Add)> _capacityPipeline = new();
    private readonly int _shipped, _backlogMetric, _marginMetric;
    private double _cloudOrdersThisStep;
    private double _intakeThisStep;

    internal Chipmaker(World world, string name, ChipmakerOptions options, ChipmakerRuleSet rules) : base(world, name, "chipmaker")
    {
        _o = options;
        Rules = rules;
        CapacityH100ePerMonth = options.CapacityH100ePerMonth;
        IntakeAverageH100e = CapacityH100ePerMonth;
        GrossMargin = options.BaseGrossMargin;
        OpenBalances(options.Cash, options.Debt);
        _shipped = world.Metrics.Register(name, Kind, "units_shipped", Results.Aggregation.Flow);
        _backlogMetric = world.Metrics.Register(name, Kind, "backlog_h100e", Results.Aggregation.Stock);
        _marginMetric = world.Metrics.Register(name, Kind, "gross_margin", Results.Aggregation.Level);
    }

    public ChipmakerOptions Options => _o;
    public ChipmakerRuleSet Rules { get; }
    public double CapacityH100ePerMonth { get; private set; }
    /// <summary>Monthly capacity once the additions under way are ready.</summary>
    public double PlannedCapacityH100ePerMonth => CapacityH100ePerMonth + _capacityPipeline.Sum(p => p.Add);
    /// <summary>Order intake, averaged over about <c>IntakeAveragingMonths</c>.</summary>
    public double IntakeAverageH100e { get; private set; }
    public double BacklogH100e { get; private set; }
    /// <summary>Monthly output chip-supply deals reserve a production lead time ahead (<c>CapacityLeadMonths</c>).</summary>
    public double ReservedH100ePerMonth { get; internal set; }
    public double GrossMargin { get; private set; }
    public double ShippedThisStep { get; private set; }
    public double ShippedToCloudsThisStep { get; private set; }
    public double ShippedToOthersThisStep { get; private set; }

    /// <summary>Cost to make one H100e falls with hardware price-performance (hardware_price_performance).</summary>
    public double UnitCostUsd => _o.PriceUsdKPerH100e * 1000 * (1 - _o.BaseGrossMargin)
        * Math.Pow(10, -World.Scenario.Trends.HardwareOomPerYear * (World.Clock.YearsSince2023 - 2));

    public double PriceUsdPerH100e => UnitCostUsd / (1 - GrossMargin);

    /// <summary>The pricing rule sets this month's gross margin.</summary>
    internal void SetPrices() => GrossMargin = Rules.Pricing.GrossMargin(this, World.Context);

    internal void AcceptOrder(Cloud? buyer, double h100e)
    {
        if (h100e <= 0) return;
        if (buyer is not null) _cloudOrdersThisStep += h100e;
        _backlog.Enqueue(new ChipOrder { Buyer = buyer, PriceUsdPerH100e = PriceUsdPerH100e, UnitCostUsdPerH100e = UnitCostUsd, RemainingH100e = h100e });
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
        var maxAdd = PlannedCapacityH100ePerMonth * (Math.Pow(1 + _o.CapacityGrowthPerYear, 1 / 12.0) - 1);
        var add = Math.Clamp(Rules.Production.CapacityToAdd(this, World.Context), 0, maxAdd);
        // Packaging and test lines cost a share of a year's output at unit cost; other capex scales with revenue.
        var capex = _o.LineCapexShare * add * 12 * UnitCostUsd / 1e9 + _o.RevenueCapexShare * RevenueRunRate / 12;
        PaySupplier(capex);
        Capex += capex;
        if (add > 0) _capacityPipeline.Enqueue((World.Clock.Step + _o.CapacityLeadMonths, add));
    }

    /// <summary>Ships this month's output first in first out; the buyer pays on delivery, the supplier is paid cost.</summary>
    internal void Deliver()
    {
        var capacity = CapacityH100ePerMonth;
        ShippedThisStep = ShippedToCloudsThisStep = ShippedToOthersThisStep = 0;
        while (capacity > 1e-9 && _backlog.Count > 0)
        {
            var order = _backlog.Peek();
            var qty = Math.Min(capacity, order.RemainingH100e);
            if (order.Buyer is { IsDefaulted: false } cloud)
            {
                cloud.ReceiveChips(this, qty, order.PriceUsdPerH100e);
                ShippedToCloudsThisStep += qty;
            }
            else if (order.Buyer is null)
            {
                World.Ledger.Pay(World.External(ExternalAccount.OtherChipBuyers), Account, qty * order.PriceUsdPerH100e / 1e9);
                ShippedToOthersThisStep += qty;
            }
            else
            {
                qty = order.RemainingH100e; // a defaulted buyer's order is cancelled, not shipped
                order.RemainingH100e = 0;
                BacklogH100e -= qty;
                _backlog.Dequeue();
                continue;
            }
            Revenue += qty * order.PriceUsdPerH100e / 1e9;
            PaySupplier(qty * order.UnitCostUsdPerH100e / 1e9);
            order.RemainingH100e -= qty;
            BacklogH100e -= qty;
            capacity -= qty;
            ShippedThisStep += qty;
            if (order.RemainingH100e <= 1e-9) _backlog.Dequeue();
        }
        if (BacklogH100e < 1e-6) BacklogH100e = 0;
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
        World.Metrics.Set(_shipped, ShippedThisStep);
        World.Metrics.Set(_backlogMetric, BacklogH100e);
        World.Metrics.Set(_marginMetric, GrossMargin);
    }
}
