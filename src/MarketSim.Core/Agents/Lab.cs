using MarketSim.Core.Engine;
using MarketSim.Core.Rules;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Agents;

/// <summary>
/// A model lab: capability that grows with effective training compute, a token price it sets (below cost while
/// investors fund it), compute bought through contracts with several clouds, equity rounds, and default when cash
/// runs out and nobody funds it.
/// </summary>
public sealed partial class Lab : Agent
{
    private readonly LabOptions _o;
    private readonly IPricingPolicy _pricing;
    private readonly IProcurementPolicy _procurement;
    private readonly IFinancingPolicy _financing;
    private readonly List<ComputeContract> _contracts = [];
    private readonly int _tokensMetric, _capabilityMetric, _computeCostMetric;
    private double _cumulativeEffectiveCompute;

    public Lab(World world, string name, LabOptions options, IPricingPolicy pricing, IProcurementPolicy procurement, IFinancingPolicy financing)
        : base(world, name, "lab")
    {
        _o = options;
        _pricing = pricing;
        _procurement = procurement;
        _financing = financing;
        Capability = options.Capability;
        GrossMarginTarget = options.TargetGrossMargin;
        OpenBalances(options.Cash, 0);
        // Two years of training at the opening compute stand in for the effective compute behind today's models.
        _cumulativeEffectiveCompute = Math.Max(1, options.ComputeH100e * options.TrainingShare * 24 * Clock.HoursPerMonth * world.Trends.AlgorithmicMultiplier);
        var m = world.Metrics;
        _tokensMetric = m.Register(name, Kind, "tokens_served", Results.Aggregation.Flow);
        _capabilityMetric = m.Register(name, Kind, "capability", Results.Aggregation.Level);
        _computeCostMetric = m.Register(name, Kind, "compute_cost_usd_bn", Results.Aggregation.Flow);
        SeedRevenueHistory(options.RevenueUsdBn, options.RevenueGrowth);
        LastRoundStep = -12;
    }

    public LabOptions Options => _o;
    public Cloud? HomeCloud { get; internal set; }
    public double Capability { get; private set; }
    public double TokenPrice { get; internal set; }
    public double GrossMarginTarget { get; private set; }
    public IReadOnlyList<ComputeContract> Contracts => _contracts;
    public int LastRoundStep { get; internal set; }

    /// <summary>End-user spending that chose this lab this month, USD bn, at its price.</summary>
    public double SpendDemanded { get; internal set; }
    public double TokensDemanded => SpendDemanded * 1e3 / Math.Max(TokenPrice, 1e-9); // trillions
    public double TokensServed { get; private set; }
    public double InferenceNeedH100e => TokensDemanded * 1e12 / (World.Trends.TokensPerH100eHour * Clock.HoursPerMonth);
    public double ComputeCost { get; private set; }
    public double TrainingH100e { get; private set; }

    /// <summary>Monthly take-or-pay dues of the contracts active now, USD bn.</summary>
    public double ContractDues()
    {
        double sum = 0;
        foreach (var c in _contracts) sum += c.VolumeAt(World.Clock.Step) * c.PricePerH100eHour * Clock.HoursPerMonth / 1e9;
        return sum;
    }

    public double ContractedH100eAt(int step)
    {
        double sum = 0;
        foreach (var c in _contracts) sum += c.VolumeAt(step);
        return sum;
    }

    /// <summary>Volume-weighted price of the lab's contracts, or the spot price without any.</summary>
    public double AverageComputePricePerHour()
    {
        double volume = 0, value = 0;
        foreach (var c in _contracts)
        {
            var v = c.VolumeAt(World.Clock.Step);
            volume += v;
            value += v * c.PricePerH100eHour;
        }
        return volume > 0 ? value / volume : World.Market.GpuHourPrice;
    }

    /// <summary>Annual commitments the lab can carry: leverage on revenue plus what investors would fund.</summary>
    public double CommitmentCapacityUsdBn => _o.ParentFunded
        ? World.Scenario.Finance.Leverage * (RevenueRunRate + _o.ParentBudgetUsdBn)
        : World.Scenario.Finance.Leverage * (RevenueRunRate + 0.5 * FundingCapacityUsdBn) + 0.25 * Math.Max(0, Cash);

    /// <summary>What a round could raise now: a share of a valuation set by revenue, growth and sentiment.</summary>
    public double FundingCapacityUsdBn =>
        World.Market.Sentiment < 0.3 ? 0 : 0.1 * World.Scenario.Finance.RevenueMultiple * Math.Max(RevenueRunRate, 0.5) * World.Market.Sentiment;

    public override void BeginStep()
    {
        base.BeginStep();
        TokensServed = ComputeCost = 0;
        ComputeContract.RemoveEnded(_contracts, World.Clock.Step);
    }

    internal void AddContract(ComputeContract contract) => _contracts.Add(contract);

    /// <summary>The pricing rule sets this month's token price; target margins drift towards 45% as labs mature.</summary>
    public void SetPrices()
    {
        if (IsDefaulted) return;
        GrossMarginTarget += (0.45 - GrossMarginTarget) / 36;
        TokenPrice = _pricing.SetTokenPrice(this, World.Market);
    }

    /// <summary>A price war: prices drop at once and margin targets fall by the same share.</summary>
    internal void StartPriceWar(double cut)
    {
        TokenPrice *= 1 - cut;
        GrossMarginTarget -= cut;
    }

    /// <summary>The procurement rule proposes contracts; the world signs them.</summary>
    public void SignContracts()
    {
        if (IsDefaulted) return;
        foreach (var request in _procurement.SignContracts(this, World.OpenCloudsFor(this), World.Market))
            World.ContractDesk.Sign(this, request, _procurement.Name);
    }

    /// <summary>The financing rule decides whether to raise a round before this month's bills.</summary>
    public void RaiseFunding()
    {
        if (IsDefaulted) return;
        var burn = ContractDues() + Opex() - RevenueRunRate / 12;
        if (_o.ParentFunded)
        {
            var topUp = Math.Max(0, burn + 1 - Cash);
            World.Ledger.Pay(World.External(ExternalAccount.OtherBusiness), Account, topUp);
            return;
        }
        var decision = _financing.RaiseFunding(this, World.Market, burn);
        if (decision.AmountUsdBn > 0) World.EquityRounds.Fund(this, decision, _financing.Name);
    }

    /// <summary>Staff and other operating costs: a fixed base growing 25% a year plus a fifth of revenue.</summary>
    public double Opex() => _o.StaffUsdBnPerYear / 12 * Math.Pow(1.25, World.Clock.YearsSinceStart) + 0.2 * RevenueRunRate / 12;
}
