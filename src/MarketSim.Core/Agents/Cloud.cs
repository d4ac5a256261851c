using MarketSim.Core.Engine;
using MarketSim.Core.Rules;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Agents;

/// <summary>
/// A cloud provider: data-center shells in MW with a build pipeline, accelerators kept as vintages, contracts with
/// labs, spot and direct sales. A captive builder (Meta) serves only its own lab.
/// </summary>
public sealed partial class Cloud : Agent
{
    private readonly CloudOptions _o;
    private readonly List<Vintage> _fleet = [];
    private readonly List<(int Done, double Mw, double Installment, int PaymentsLeft)> _pipeline = [];
    private readonly List<ComputeContract> _contracts = [];
    private double _monthInflows;
    private readonly int _installedMetric, _mwMetric, _utilMetric, _aiCapexMetric, _directMetric, _attributableMetric, _labFundingMetric, _leverageMetric;

    internal Cloud(World world, string name, CloudOptions options, CloudRuleSet rules) : base(world, name, "cloud")
    {
        _o = options;
        Rules = rules;
        // A year of the opening business lets lenders judge the cloud at once: the non-AI business's margin and
        // cash flow, and its AI revenue before power.
        Balance.Seed((1 - options.OtherCostShare) * options.OtherCloudRevenueUsdBn + options.OtherOperatingCashFlowUsdBn
                + (1 - options.AiOpexShare) * options.AiRevenueUsdBn,
            options.OtherCloudRevenueUsdBn + options.OtherOperatingCashFlowUsdBn + options.AiRevenueUsdBn);
        Balance.PayoutRatio = options.PayoutRatio;
        Balance.MaxNetDebtToEbitda = options.MaxNetDebtToEbitda;
        OpenBalances(options.Cash, options.Debt);
        PoweredMw = options.PoweredMw;
        var m = world.Metrics;
        _installedMetric = m.Register(name, Kind, "installed_compute_h100e", Results.Aggregation.Stock);
        _mwMetric = m.Register(name, Kind, "powered_mw", Results.Aggregation.Stock);
        _utilMetric = m.Register(name, Kind, "utilization", Results.Aggregation.Level);
        _aiCapexMetric = m.Register(name, Kind, "ai_capex_usd_bn", Results.Aggregation.Flow);
        _directMetric = m.Register(name, Kind, "direct_ai_revenue_usd_bn", Results.Aggregation.Flow);
        _attributableMetric = m.Register(name, Kind, "ai_attributable_value_usd_bn", Results.Aggregation.Flow);
        _labFundingMetric = m.Register(name, Kind, "lab_funding_usd_bn", Results.Aggregation.Flow);
        _leverageMetric = m.Register(name, Kind, "net_debt_to_ebitda", Results.Aggregation.Level);
        CohortCapexByStep = new double[world.Clock.Steps];
        CohortCashFlowByStep = new double[world.Clock.Steps];
        SeedRevenueHistory(options.OtherCloudRevenueUsdBn + options.AiRevenueUsdBn, options.OtherCloudRevenueGrowth);
    }

    /// <summary>Position in the world's cloud list, for per-cloud arrays in the compute market.</summary>
    internal int Index { get; set; }
    public CloudOptions Options => _o;
    public CloudRuleSet Rules { get; }
    public bool IsCaptive => _o.CaptiveLab.Length > 0;
    public bool IsNeocloud => !_o.Hyperscaler && !IsCaptive;
    public IReadOnlyList<Vintage> Fleet => _fleet;
    public double PoweredMw { get; private set; }
    public double PipelineMw => _pipeline.Sum(p => p.Mw);

    /// <summary>
    /// The span over which a cloud judges whether it can finance new capex: a year, the span of the trailing cash flow
    /// it judges by. Committed spend and a plan's cost count what falls due within it.
    /// </summary>
    public const int FinancingHorizonMonths = 12;

    /// <summary>
    /// AI capex committed and due within <see cref="FinancingHorizonMonths"/>: chips on order at today's prices and
    /// shell instalments, USD bn.
    /// </summary>
    public double CommittedAiCapexUsdBn
    {
        get
        {
            var shells = 0.0;
            foreach (var p in _pipeline) shells += p.Installment * Math.Min(p.PaymentsLeft, FinancingHorizonMonths);
            return shells + OnOrderH100e * World.CapacityCost.ChipPriceUsdPerH100e() / 1e9;
        }
    }

    /// <summary>New AI capex the cloud can still commit to this month, as its borrowing rule judges it, USD bn.</summary>
    public double CapexRoomUsdBn => Rules.Borrowing.CapexRoomUsdBn(this, World.Context);
    public double InstalledH100e { get; private set; }
    public double InstalledKw { get; private set; }
    public double OnOrderH100e { get; private set; }
    public double AiCapex { get; private set; }
    public double AiRevenue { get; private set; }
    public double DirectAiRevenue { get; private set; }
    /// <summary>
    /// This month's share of the growth of the parent's other business due to AI (<c>AiAttributableRevenueShare</c>),
    /// USD bn: what a captive builder's AI fleet earns its parent.
    /// </summary>
    public double AiAttributableValue { get; private set; }
    /// <summary>What this cloud paid its own lab this month as the lab's parent, USD bn.</summary>
    public double LabFunding { get; private set; }
    public double UsedH100e { get; private set; }
    public double SpotAndDirectH100eAverage { get; private set; }
    public double DeliveredThisStep { get; private set; }
    public double RetiredThisStep { get; private set; }
    public double WriteDownsUsdBn { get; private set; }
    public double Utilization => InstalledH100e > 0 ? UsedH100e / InstalledH100e : 0;
    /// <summary>Utilization of the month before; this month's is only known once the compute market has cleared.</summary>
    public double LastUtilization { get; private set; } = 0.9; // the opening market: near full
    /// <summary>AI capex of the 2026-2027 cohort by step, USD bn.</summary>
    public IReadOnlyList<double> CohortCapex => CohortCapexByStep;
    /// <summary>The cohort's share of AI operating cash flow by step, USD bn.</summary>
    public IReadOnlyList<double> CohortCashFlow => CohortCashFlowByStep;
    internal double[] CohortCapexByStep { get; }
    internal double[] CohortCashFlowByStep { get; }
    public IReadOnlyList<ComputeContract> Contracts => _contracts;

    /// <summary>Annual cost of capital the capital market charges a company of this kind.</summary>
    public double CostOfCapital => World.Market.CostOfCapital(IsNeocloud);

    /// <summary>H100e and kW of today's fleet still inside its economic life at a future step.</summary>
    public (double H100e, double Kw) SurvivingFleet(int step)
    {
        var economicMonths = World.Scenario.Hardware.EconomicLifeYears * 12;
        double h = 0, kw = 0;
        foreach (var v in _fleet)
            if (step - v.InstalledStep < economicMonths) { h += v.H100e; kw += v.KwTotal; }
        return (h, kw);
    }

    public double PipelineMwReadyBy(int step)
    {
        double mw = 0;
        foreach (var p in _pipeline) if (p.Done <= step) mw += p.Mw;
        return mw;
    }

    public double ContractedH100eAt(int step)
    {
        double sum = 0;
        foreach (var c in _contracts) sum += c.VolumeAt(step);
        return sum;
    }

    internal override void BeginStep()
    {
        base.BeginStep();
        AiCapex = AiRevenue = DirectAiRevenue = UsedH100e = AiAttributableValue = LabFunding = _leaseThisMonth = 0;
        DeliveredThisStep = RetiredThisStep = 0;
        ComputeContract.RemoveEnded(_contracts, World.Clock.Step);
    }

    internal void AddContract(ComputeContract contract) => _contracts.Add(contract);

    /// <summary>Finished shells become powered MW; builds under way are paid in equal monthly instalments.</summary>
    internal void BuildShells()
    {
        for (var i = _pipeline.Count - 1; i >= 0; i--)
        {
            var p = _pipeline[i];
            if (p.PaymentsLeft > 0)
            {
                SpendAi(p.Installment);
                p.PaymentsLeft--;
            }
            if (p.Done <= World.Clock.Step)
            {
                PoweredMw += p.Mw;
                _pipeline.RemoveAt(i);
            }
            else _pipeline[i] = p;
        }
    }

    /// <summary>Asks the capacity rule how much to build and order, then asks the grid for power and places chip orders.</summary>
    internal void PlanCapacity()
    {
        if (IsDefaulted) return;
        var plan = Rules.Capacity.PlanCapacity(this, World.Context);
        var rule = Rules.Capacity.Name;
        if (plan.FinancingCutUsdBn > 0)
            World.Events.Add(Name, "CapexCut", "", plan.FinancingCutUsdBn, rule, $"net_debt_to_ebitda={Balance.NetDebtToEbitda:F2}");
        if (plan.ShellMw > 0) World.Power.Request(this, plan.ShellMw);
        if (plan.ChipsH100e > 0) OrderChips(plan.ChipsH100e, rule);
    }

    /// <summary>Called by the grid with the MW it could connect.</summary>
    internal void StartShell(double mw)
    {
        var rule = Rules.Capacity.Name;
        var months = World.Scenario.Power.ShellBuildMonths + World.Scenario.Power.GridWaitMonths;
        var cost = mw * World.Scenario.Power.ShellCostUsdMPerMw / 1000;
        _pipeline.Add((World.Clock.Step + months, mw, cost / months, months));
        World.Events.Add(Name, "ShellStarted", "Suppliers", cost, rule, $"mw={mw:F0} ready={World.Clock.Date.AddMonths(months)}");
    }

    /// <summary>Opening pipeline: shells already under way at the start, finishing in four equal tranches, half paid for.</summary>
    internal void SeedPipeline()
    {
        if (_o.PipelineMw <= 0) return;
        var months = World.Scenario.Power.ShellBuildMonths + World.Scenario.Power.GridWaitMonths;
        var cost = _o.PipelineMw * World.Scenario.Power.ShellCostUsdMPerMw / 1000;
        for (var k = 1; k <= 4; k++)
        {
            var done = months * k / 4;
            _pipeline.Add((done, _o.PipelineMw / 4, cost / 4 / months, done));
        }
    }

    /// <summary>The vendor rule splits the order between chipmakers; each share is an order at today's price.</summary>
    private void OrderChips(double h100e, string rule)
    {
        var makers = World.Chipmakers;
        Span<double> weights = stackalloc double[makers.Count];
        Rules.ChipVendor.Weigh(this, makers, weights, World.Context);
        double total = 0;
        foreach (var w in weights) total += w;
        if (total <= 0) return;
        // Chip-supply deals first: the part of the order that serves a lab with reserved supply goes to that maker.
        var rest = h100e - World.Deals.Reservations.Route(this, h100e, weights, rule);
        for (var i = 0; i < makers.Count; i++)
        {
            var qty = rest * weights[i] / total;
            if (qty <= 0) continue;
            makers[i].AcceptOrder(this, qty);
            World.Events.Add(Name, "ChipOrder", makers[i].Name, qty * makers[i].PriceUsdPerH100e / 1e9, rule, $"h100e={qty:F0}");
        }
        OnOrderH100e += h100e;
    }

    /// <summary>Delivery: pay the chipmaker, install a vintage.</summary>
    internal void ReceiveChips(Chipmaker maker, double h100e, double priceUsdPerH100e)
    {
        var cost = h100e * priceUsdPerH100e / 1e9;
        World.Ledger.Pay(Account, maker.Account, cost);
        Capex += cost;
        AiCapex += cost;
        if (InCohortWindow) CohortCapexByStep[World.Clock.Step] += cost;
        var kw = World.Trends.KwPerH100e;
        var vintage = new Vintage { InstalledStep = World.Clock.Step, H100e = h100e, KwPerH100e = kw, CostUsdBn = cost, InCohort = InCohortWindow, BookValueUsdBn = cost };
        _fleet.Add(vintage);
        InstalledH100e += h100e;
        InstalledKw += h100e * kw;
        OnOrderH100e = Math.Max(0, OnOrderH100e - h100e);
        DeliveredThisStep += h100e;
        FinanceDelivery(vintage);
    }

    /// <summary>
    /// The opening fleet in four vintages (assumption: a third bought in the last half year, the rest older), aged by
    /// <c>FleetAgeYears</c>, at the prices and power of their generation, depreciated by their age.
    /// </summary>
    internal void SeedFleet()
    {
        if (_o.InstalledH100e <= 0) return;
        var ages = new[] { 0.25, 0.75, 1.5, 2.5 };
        var shares = new[] { 0.35, 0.3, 0.2, 0.15 };
        for (var i = 0; i < ages.Length; i++)
        {
            var ageMonths = (int)Math.Round(ages[i] * 12 * _o.FleetAgeYears);
            var h = _o.InstalledH100e * shares[i];
            var kw = World.Trends.KwPerH100eAt(-ageMonths);
            var cost = h * World.Trends.OpeningPriceUsdPerH100e(-ageMonths) / 1e9;
            var life = World.Scenario.Hardware.DepreciationLifeYears * 12;
            _fleet.Add(new Vintage { InstalledStep = -ageMonths, H100e = h, KwPerH100e = kw, CostUsdBn = cost, InCohort = false, BookValueUsdBn = cost * Math.Max(0, 1 - ageMonths / life) });
            InstalledH100e += h;
            InstalledKw += h * kw;
        }
    }

    private bool InCohortWindow => World.Clock.Date.Year is 2026 or 2027;

    private void SpendAi(double amount)
    {
        PaySupplier(amount);
        Capex += amount;
        AiCapex += amount;
        if (InCohortWindow) CohortCapexByStep[World.Clock.Step] += amount;
    }
}
