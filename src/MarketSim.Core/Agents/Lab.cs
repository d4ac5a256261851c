using MarketSim.Core.Engine;
using MarketSim.Core.Rules;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Agents;

/// <summary>
/// A model lab: capability that grows with effective training compute, a token price its pricing rule sets (below
/// cost while investors fund it), compute bought through contracts with several clouds, equity rounds or a parent's
/// funding, and default when cash runs out and nobody funds it.
/// </summary>
public sealed partial class Lab : Agent
{
    private readonly LabOptions _o;
    private readonly ContractBook _contracts;
    private readonly int _tokensMetric, _capabilityMetric, _computeCostMetric;
    private double _cumulativeEffectiveCompute;

    internal Lab(World world, string name, LabOptions options, LabRuleSet rules) : base(world, name, "lab")
    {
        _o = options;
        Rules = rules;
        _contracts = new ContractBook(ContractBook.StepsFor(world), world.Storage);
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
        LastRoundStep = -12; // no round in the year before the start
    }

    /// <summary>Position in the world's lab list: its contracts come from a store of their own (RunStorage).</summary>
    internal int Index { get; set; }
    public LabOptions Options => _o;
    private protected override ExternalAccount Owners => ExternalAccount.Investors;
    public LabRuleSet Rules { get; }
    public Cloud? HomeCloud { get; internal set; }
    public double Capability { get; private set; }
    public double TokenPrice { get; internal set; }
    public double GrossMarginTarget { get; private set; }
    public IReadOnlyList<ComputeContract> Contracts => _contracts.Contracts;
    /// <summary><see cref="Contracts"/> as a span, for walks that sign nothing while they walk.</summary>
    internal ReadOnlySpan<ComputeContract> ContractSpan => _contracts.AsSpan();
    public int LastRoundStep { get; internal set; }

    /// <summary>End-user spending that chose this lab this month, USD bn, at its price.</summary>
    public double SpendDemanded { get; internal set; }
    public double TokensDemanded => SpendDemanded * 1e3 / Math.Max(TokenPrice, 1e-9); // trillions
    public double TokensServed { get; private set; }
    public double InferenceNeedH100e => TokensDemanded * 1e12 / (World.Trends.TokensPerH100eHour * Clock.HoursPerMonth);
    public double ComputeCost { get; private set; }

    /// <summary>
    /// H100e the lab trains with beside a given inference load at a rent: a parent-funded lab what its parent's
    /// budget buys; any other lab in proportion to its inference, by its training share of compute.
    /// </summary>
    public double TrainingH100eFor(double inferenceH100e, double rentPerH100eHour) => _o.ParentFunded
        ? _o.ParentBudgetUsdBn * 1e9 / (rentPerH100eHour * 12 * Clock.HoursPerMonth)
        : inferenceH100e * _o.TrainingShare / (1 - _o.TrainingShare);

    /// <summary>H100e the lab plans to train with this month, at the price it pays for its contracted compute.</summary>
    public double TrainingPlanH100e => TrainingH100eFor(InferenceNeedH100e, AverageComputePricePerHour());

    /// <summary>
    /// What the lab budgets for training this month, USD bn: a parent-funded lab its parent's budget; any other lab its
    /// training plan at the price it pays for its contracted compute.
    /// </summary>
    public double TrainingBudgetUsdBn => TrainingBudgetFor(TrainingPlanH100e);

    /// <summary>The training budget that goes with a training plan of so many H100e, USD bn a month.</summary>
    internal double TrainingBudgetFor(double planH100e) => _o.ParentFunded
        ? _o.ParentBudgetUsdBn / 12
        : planH100e * AverageComputePricePerHour() * Clock.HoursPerMonth / 1e9;

    /// <summary>
    /// Cash the lab may put into spot training this month, USD bn: what is left after this month's bills and, for a lab
    /// investors fund, after the runway below which it would raise again (<c>Funding:RaiseBelowRunwayMonths</c> of burn;
    /// a parent tops its lab up every month instead).
    /// </summary>
    public double SpareCashUsdBn
    {
        get
        {
            var bills = ContractDues() + Opex();
            var runway = _o.ParentFunded ? 0 : World.Scenario.Funding.RaiseBelowRunwayMonths * Math.Max(0, bills - RevenueRunRate / 12);
            return Math.Max(0, Cash - bills - runway);
        }
    }

    /// <summary>Contract dues and operating costs less a month of revenue at the run-rate, USD bn.</summary>
    public double MonthlyBurnUsdBn => ContractDues() + Opex() - RevenueRunRate / 12;
    public double TrainingH100e { get; private set; }

    /// <summary>Monthly take-or-pay dues of the contracts active now, USD bn.</summary>
    public double ContractDues() => ContractsNow().Value * Clock.HoursPerMonth / 1e9;

    public double ContractedH100eAt(int step) => _contracts.VolumeAt(step);

    /// <summary>Volume-weighted price of the lab's contracts, or the spot price without any.</summary>
    public double AverageComputePricePerHour()
    {
        var (volume, value) = ContractsNow();
        return volume > 0 ? value / volume : World.Market.GpuHourPrice;
    }

    /// <summary>H100e contracted this month and their value per hour (H100e x USD per H100e-hour).</summary>
    private (double Volume, double Value) ContractsNow()
    {
        var step = World.Clock.Step;
        return (_contracts.VolumeAt(step), _contracts.ValueAt(step));
    }

    /// <summary>One of its contracts was broken: it counts for nothing from this month on.</summary>
    internal void ContractBroken() => _contracts.Broke(World.Clock.Step);

    /// <summary>Compute cost per million tokens at the lab's average compute price and today's throughput.</summary>
    public double UnitCostPerMtok => AverageComputePricePerHour() / World.Trends.TokensPerH100eHour * 1e6;

    /// <summary>
    /// Annual commitments the lab can carry: leverage on revenue plus its parent's budget, or plus a share of what
    /// investors would fund and a share of its cash (<c>Funding:CommitmentFundingShare</c>, <c>CommitmentCashShare</c>).
    /// </summary>
    public double CommitmentCapacityUsdBn
    {
        get
        {
            var s = World.Scenario;
            return _o.ParentFunded
                ? s.Finance.Leverage * (RevenueRunRate + _o.ParentBudgetUsdBn)
                : s.Finance.Leverage * (RevenueRunRate + s.Funding.CommitmentFundingShare * FundingCapacityUsdBn) + s.Funding.CommitmentCashShare * Math.Max(0, Cash);
        }
    }

    /// <summary>What a round could raise now, as investors see the lab.</summary>
    public double FundingCapacityUsdBn => World.Market.FundingCapacityUsdBn(this);

    internal override void BeginStep()
    {
        base.BeginStep();
        TokensServed = ComputeCost = 0;
        _contracts.RemoveEnded(World.Clock.Step);
    }

    internal void AddContract(ComputeContract contract) => _contracts.Add(contract);

    /// <summary>The margin rule moves the target gross margin; the pricing rule then sets this month's token price.</summary>
    internal void SetPrices()
    {
        if (IsDefaulted) return;
        GrossMarginTarget = Rules.MarginDrift.MarginTarget(this, World.Context);
        TokenPrice = Rules.Pricing.SetTokenPrice(this, World.Context);
    }

    /// <summary>A price war: prices drop at once and margin targets fall by the same share.</summary>
    internal void StartPriceWar(double cut)
    {
        TokenPrice *= 1 - cut;
        GrossMarginTarget -= cut;
    }

    /// <summary>The procurement rule proposes contracts; the contract desk signs them at the clouds' quotes.</summary>
    internal void SignContracts()
    {
        if (IsDefaulted) return;
        var requests = Rules.Procurement.SignContracts(this, World.OpenCloudsFor(this), World.Context);
        for (var i = 0; i < requests.Count; i++) World.ContractDesk.Sign(this, requests[i], Rules.Procurement.Name);
    }

    /// <summary>
    /// Before this month's bills: a lab its parent funds gets what the parent funding rule asks of the parent, paid
    /// out of the parent's own cash; any other lab's financing rule decides whether to raise an equity round.
    /// </summary>
    internal void RaiseFunding()
    {
        if (IsDefaulted) return;
        var burn = MonthlyBurnUsdBn;
        if (_o.ParentFunded)
        {
            var topUp = Rules.ParentFunding.TopUpUsdBn(this, burn, World.Context);
            HomeCloud!.FundLab(this, topUp, Rules.ParentFunding.Name);
            return;
        }
        var decision = Rules.Financing.RaiseFunding(this, burn, World.Context);
        if (decision.AmountUsdBn > 0) World.EquityRounds.Fund(this, decision, Rules.Financing.Name);
        if (decision.BorrowUsdBn > 0) Borrow(decision.BorrowUsdBn, Rules.Financing.Name);
        if (decision.CutTraining == IsCuttingTraining) return;
        IsCuttingTraining = decision.CutTraining;
        World.Events.Add(Name, IsCuttingTraining ? "TrainingCut" : "TrainingResumed", "", 0, Rules.Financing.Name,
            $"runway_months={Cash / Math.Max(burn, 1e-9):F1}");
    }

    /// <summary>The lab could not fund a year of burn: it contracts compute only for inference until it can.</summary>
    public bool IsCuttingTraining { get; private set; }

    /// <summary>Staff and other operating costs: a fixed base growing <c>StaffCostGrowth</c> a year plus <c>OpexRevenueShare</c> of revenue.</summary>
    public double Opex() => _o.StaffUsdBnPerYear / 12 * World.Recent.Pow(1 + _o.StaffCostGrowth, World.Clock.YearsSinceStart) + _o.OpexRevenueShare * RevenueRunRate / 12;
}
