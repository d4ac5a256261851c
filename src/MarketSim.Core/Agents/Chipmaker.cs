using MarketSim.Core.Engine;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Agents;

/// <summary>
/// A chipmaker: packaging-limited production that grows with its own capex after a lead time, an order backlog
/// shipped first in first out, scarcity pricing (margin rises with backlog over capacity), revenue at delivery.
/// </summary>
public sealed class Chipmaker : Agent
{
    private readonly ChipmakerOptions _o;
    private readonly Queue<ChipOrder> _backlog = new();
    private readonly Queue<(int Step, double Add)> _capacityPipeline = new();
    private readonly int _shipped, _backlogMetric, _marginMetric;
    private double _intakeAverage;
    private double _cloudOrdersThisStep;
    private double _intakeThisStep;

    public Chipmaker(World world, string name, ChipmakerOptions options) : base(world, name, "chipmaker")
    {
        _o = options;
        CapacityH100ePerMonth = options.CapacityH100ePerMonth;
        _intakeAverage = CapacityH100ePerMonth;
        GrossMargin = options.BaseGrossMargin;
        OpenBalances(options.Cash, options.Debt);
        _shipped = world.Metrics.Register(name, Kind, "units_shipped", Results.Aggregation.Flow);
        _backlogMetric = world.Metrics.Register(name, Kind, "backlog_h100e", Results.Aggregation.Stock);
        _marginMetric = world.Metrics.Register(name, Kind, "gross_margin", Results.Aggregation.Level);
    }

    public ChipmakerOptions Options => _o;
    public double CapacityH100ePerMonth { get; private set; }
    public double BacklogH100e { get; private set; }
    public double GrossMargin { get; private set; }
    public double ShippedThisStep { get; private set; }
    public double ShippedToCloudsThisStep { get; private set; }
    public double ShippedToOthersThisStep { get; private set; }

    /// <summary>Cost to make one H100e falls with hardware price-performance (hardware_price_performance).</summary>
    public double UnitCostUsd => _o.PriceUsdKPerH100e * 1000 * (1 - _o.BaseGrossMargin)
        * Math.Pow(10, -World.Scenario.Trends.HardwareOomPerYear * (World.Clock.YearsSince2023 - 2));

    public double PriceUsdPerH100e => UnitCostUsd / (1 - GrossMargin);

    /// <summary>Margin rises from its base towards its ceiling as the backlog grows past two months of output.</summary>
    public void SetPrices()
    {
        var backlogMonths = BacklogH100e / Math.Max(1, CapacityH100ePerMonth);
        var scarcity = Math.Clamp((backlogMonths - 2) / 6, 0, 1);
        var target = _o.BaseGrossMargin + (_o.MaxGrossMargin - _o.BaseGrossMargin) * scarcity;
        GrossMargin += 0.25 * (target - GrossMargin);
    }

    public void AcceptOrder(Cloud? buyer, double h100e)
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
    public void OrderForOtherBuyers()
    {
        AcceptOrder(null, _cloudOrdersThisStep * _o.OtherBuyersRatio);
        _cloudOrdersThisStep = 0;
    }

    /// <summary>Adds production capacity after a lead time when orders run ahead of output; capex is paid now.</summary>
    public void PlanProduction()
    {
        while (_capacityPipeline.Count > 0 && _capacityPipeline.Peek().Step <= World.Clock.Step)
            CapacityH100ePerMonth += _capacityPipeline.Dequeue().Add;
        _intakeAverage += (_intakeThisStep - _intakeAverage) / 6;
        _intakeThisStep = 0;
        var planned = CapacityH100ePerMonth + _capacityPipeline.Sum(p => p.Add);
        var wanted = 1.1 * _intakeAverage + BacklogH100e / 24;
        var maxAdd = planned * (Math.Pow(1 + _o.CapacityGrowthPerYear, 1 / 12.0) - 1);
        var add = Math.Clamp(wanted - planned, 0, maxAdd);
        // Packaging and test lines cost about a tenth of a year's output at unit cost.
        var capex = 0.1 * add * 12 * UnitCostUsd / 1e9 + 0.003 * RevenueRunRate / 12;
        PaySupplier(capex);
        Capex += capex;
        if (add > 0) _capacityPipeline.Enqueue((World.Clock.Step + _o.CapacityLeadMonths, add));
    }

    /// <summary>Ships this month's output first in first out; the buyer pays on delivery, the supplier is paid cost.</summary>
    public void Deliver()
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

    /// <summary>Operating costs and payouts: opex of a tenth of revenue; cash above a year of opex goes to shareholders.</summary>
    public void PayCosts()
    {
        PaySupplier(0.1 * Revenue);
        var floor = 5 + 0.25 * RevenueRunRate;
        if (Cash > floor) World.Ledger.Pay(Account, World.External(ExternalAccount.Investors), 0.1 * (Cash - floor));
    }

    public void Record()
    {
        RecordMoney();
        World.Metrics.Set(_shipped, ShippedThisStep);
        World.Metrics.Set(_backlogMetric, BacklogH100e);
        World.Metrics.Set(_marginMetric, GrossMargin);
    }
}
