using MarketSim.Core.Engine;
using MarketSim.Core.Market;
using MarketSim.Core.Results;
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
    private readonly List<Vintage> _fleet;
    private readonly ContractBook _contracts;
    private readonly List<Vintage> _retired;
    private readonly int _installedMetric, _mwMetric, _utilMetric, _aiCapexMetric, _directMetric, _depreciationMetric, _retiredMetric;
    private readonly int _shellDepreciationMetric;
    private double _monthInflows;
    private int _installs;
    // Where the fleet is in install step order to its end: the opening fleet is installed generation by generation,
    // at different ages; what is delivered later comes in month order.
    private int _inStepOrderFrom;
    private readonly int _attributableMetric, _labFundingMetric, _leverageMetric;

    internal Cloud(World world, string name, CloudOptions options, CloudRuleSet rules) : base(world, name, "cloud")
    {
        _o = options;
        Rules = rules;
        // Lists and books from the run's storage: a recycled run's fleet lists come back with their room.
        _fleet = world.Storage.List<Vintage>();
        _retired = world.Storage.List<Vintage>();
        _deliveredThisMonth = world.Storage.List<Vintage>();
        _pipeline = world.Storage.List<ShellBuild>();
        _shells = world.Storage.List<PoweredShell>();
        _contracts = new ContractBook(ContractBook.StepsFor(world), world.Storage);
        // A year of the opening business lets lenders judge the cloud at once: the non-AI business's margin and
        // cash flow, and its AI revenue before power.
        Balance.Seed((1 - options.OtherCostShare) * options.OtherCloudRevenueUsdBn + options.OtherOperatingCashFlowUsdBn
                + (1 - options.AiOpexShare) * options.AiRevenueUsdBn,
            options.OtherCloudRevenueUsdBn + options.OtherOperatingCashFlowUsdBn + options.AiRevenueUsdBn);
        Balance.PayoutRatio = options.PayoutRatio;
        Balance.MaxNetDebtToEbitda = options.MaxNetDebtToEbitda;
        OpenBalances(options.Cash, options.Debt);
        OpenShells(options.PoweredMw);
        var m = world.Metrics;
        _installedMetric = m.Register(name, Kind, "installed_compute_h100e", Results.Aggregation.Stock);
        _mwMetric = m.Register(name, Kind, "powered_mw", Results.Aggregation.Stock);
        _utilMetric = m.Register(name, Kind, "utilization", Results.Aggregation.Level);
        _aiCapexMetric = m.Register(name, Kind, "ai_capex_usd_bn", Results.Aggregation.Flow);
        _directMetric = m.Register(name, Kind, "direct_ai_revenue_usd_bn", Results.Aggregation.Flow);
        _depreciationMetric = m.Register(name, Kind, "depreciation_usd_bn", Results.Aggregation.Flow);
        _retiredMetric = m.Register(name, Kind, "retired_h100e", Results.Aggregation.Flow);
        _shellDepreciationMetric = m.Register(name, Kind, "shell_depreciation_usd_bn", Results.Aggregation.Flow);
        CohortShellChargeByStep = world.Storage.Doubles(world.Clock.Horizon);
        _attributableMetric = m.Register(name, Kind, "ai_attributable_value_usd_bn", Results.Aggregation.Flow);
        _labFundingMetric = m.Register(name, Kind, "lab_funding_usd_bn", Results.Aggregation.Flow);
        _leverageMetric = m.Register(name, Kind, "net_debt_to_ebitda", Results.Aggregation.Level);
        SeedRevenueHistory(options.OtherCloudRevenueUsdBn + options.AiRevenueUsdBn, options.OtherCloudRevenueGrowth);
    }

    /// <summary>
    /// Position in the world's cloud list, for per-cloud arrays in the compute market; its vintages come from a store of
    /// their own (RunStorage).
    /// </summary>
    internal int Index { get; set; }
    public CloudOptions Options => _o;
    public CloudRuleSet Rules { get; }
    public bool IsCaptive => _o.CaptiveLab.Length > 0;
    public bool IsNeocloud => !_o.Hyperscaler && !IsCaptive;
    public IReadOnlyList<Vintage> Fleet => _fleet;
    /// <summary>Vintages its retirement rule took out of service, in the order they left.</summary>
    public IReadOnlyList<Vintage> RetiredVintages => _retired;
    /// <summary>
    /// Vintages that have left its fleet so far, retired or taken by lenders: while it stays the same, the fleet is
    /// last month's with this month's deliveries after it.
    /// </summary>
    internal int VintagesRemoved { get; private set; }
    /// <summary>
    /// The span over which a cloud judges whether it can finance new capex: a year, the span of the trailing cash flow
    /// it judges by. Committed spend and a plan's cost count what falls due within it.
    /// </summary>
    public const int FinancingHorizonMonths = 12;

    /// <summary>
    /// AI capex committed and due within <see cref="FinancingHorizonMonths"/>: chips on order at today's prices and
    /// shell instalments, USD bn.
    /// </summary>
    public double CommittedAiCapexUsdBn =>
        ShellInstalmentsDueUsdBn(FinancingHorizonMonths) + OnOrderH100e * World.CapacityCost.ChipPriceUsdPerH100e() / 1e9;

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
    /// <summary>This month's straight-line depreciation of the fleet over the accounting life, USD bn.</summary>
    public double DepreciationUsdBn { get; private set; }
    public double Utilization => InstalledH100e > 0 ? UsedH100e / InstalledH100e : 0;
    /// <summary>This month's operating costs of the AI business besides power (<c>AiOpexShare</c> of AI revenue), USD bn.</summary>
    public double AiOperatingCostUsdBn => _o.AiOpexShare * AiRevenue;
    /// <summary>Utilization of the month before; this month's is only known once the compute market has cleared.</summary>
    public double LastUtilization { get; private set; } = 0.9; // the opening market: near full
    /// <summary>The shell capital the cohort's vintages were charged by step, USD bn (see <see cref="Vintage.ShellChargeUsdBnPerMonth"/>).</summary>
    public IReadOnlyList<double> CohortShellCharge => CohortShellChargeByStep;
    internal double[] CohortShellChargeByStep { get; }
    public IReadOnlyList<ComputeContract> Contracts => _contracts.Contracts;
    /// <summary><see cref="Contracts"/> as a span, for walks that sign nothing while they walk.</summary>
    internal ReadOnlySpan<ComputeContract> ContractSpan => _contracts.AsSpan();

    /// <summary>Annual cost of capital the capital market charges a company of this kind.</summary>
    public double CostOfCapital => World.Market.CostOfCapital(IsNeocloud);

    public double ContractedH100eAt(int step) => _contracts.VolumeAt(step);

    /// <summary>One of its contracts was broken: it counts for nothing from this month on.</summary>
    internal void ContractBroken() => _contracts.Broke(World.Clock.Step);

    internal override void BeginStep()
    {
        base.BeginStep();
        AiCapex = AiRevenue = DirectAiRevenue = UsedH100e = AiAttributableValue = LabFunding = _leaseThisMonth = 0;
        DeliveredThisStep = RetiredThisStep = 0;
        _contracts.RemoveEnded(World.Clock.Step);
    }

    internal void AddContract(ComputeContract contract) => _contracts.Add(contract);

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

    /// <summary>The vendor rule splits the order between chipmakers; each share is an order at today's price.</summary>
    private void OrderChips(double h100e, string rule)
    {
        var makers = World.Chipmakers;
        Span<double> weights = stackalloc double[makers.Count];
        var total = VendorWeights(weights);
        if (total <= 0) return;
        // Chip-supply deals first: the part of the order that serves a lab with reserved supply goes to that maker.
        var rest = h100e - World.Deals.Reservations.Route(this, h100e, weights, rule);
        for (var i = 0; i < makers.Count; i++)
        {
            var qty = rest * weights[i] / total;
            if (qty > 0) PlaceOrder(makers[i], qty, rule, $"h100e={qty:F0}");
        }
        OnOrderH100e += h100e;
    }

    /// <summary>An order with one chipmaker, for the family the cloud buys from it, at today's price.</summary>
    internal void PlaceOrder(Chipmaker maker, double h100e, string rule, EventDetailHandler detail)
    {
        var family = FamilyFrom(maker);
        maker.AcceptOrder(this, h100e, family);
        World.Events.Add(Name, "ChipOrder", maker.Name, h100e * maker.PriceUsdPerH100eFor(family) / 1e9, rule, detail);
    }

    /// <summary>IT kW per H100e of what a chipmaker ships it this month.</summary>
    internal double KwPerH100eFrom(Chipmaker maker) => maker.LineFor(FamilyFrom(maker)).KwPerH100eAt(World.Clock.Date);

    /// <summary>IT kW per H100e of the accelerators it would receive some months from now, by its vendors' roadmaps.</summary>
    public double NewChipsKwPerH100e(int monthsAhead)
    {
        var makers = World.Chipmakers;
        Span<double> weights = stackalloc double[makers.Count];
        var total = VendorWeights(weights);
        var month = World.Clock.Date.AddMonths(monthsAhead);
        double kw = 0;
        for (var i = 0; i < makers.Count; i++)
            if (weights[i] > 0) kw += weights[i] * makers[i].LineFor(FamilyFrom(makers[i])).KwPerH100eAt(month);
        return total > 0 ? kw / total : makers.Count > 0 ? makers[0].Line.KwPerH100eAt(month) : 0;
    }

    private double VendorWeights(Span<double> weights)
    {
        Rules.ChipVendor.Weigh(this, World.Chipmakers, weights, World.Context);
        double total = 0;
        foreach (var w in weights) total += Math.Max(0, w);
        return total;
    }

    /// <summary>The custom-silicon family it buys from an in-house chipmaker; merchant chipmakers sell it any.</summary>
    private string FamilyFrom(Chipmaker maker) => maker.Options.InHouse ? _o.CustomSiliconFamily : "";

    /// <summary>Delivery: pay the chipmaker, install a vintage of the generation delivered.</summary>
    internal void ReceiveChips(Chipmaker maker, Generation generation, double h100e, double costUsdBn)
    {
        World.Ledger.Pay(Account, maker.Account, costUsdBn);
        Capex += costUsdBn;
        AiCapex += costUsdBn;
        if (DeliveredThisMonth(generation) is { } vintage)
        {
            vintage.Add(h100e, costUsdBn);
            InstalledH100e += h100e;
            InstalledKw += h100e * generation.KwPerH100e;
        }
        else
        {
            var delivered = World.Storage.Vintage(Index, generation, World.Clock.Step, h100e, costUsdBn, InCohortWindow,
                CashCostOf(generation), bookValueUsdBn: costUsdBn);
            Install(delivered);
            // More of the same generation this month joins this vintage, and so the same pledge.
            FinanceDelivery(delivered);
        }
        OnOrderH100e = Math.Max(0, OnOrderH100e - h100e);
        DeliveredThisStep += h100e;
    }

    /// <summary>
    /// The opening fleet: four age groups, each split between chipmakers by the vendor rule and bought as what each
    /// shipped then, at list price, depreciated for its age.
    /// </summary>
    internal void SeedFleet()
    {
        if (_o.InstalledH100e <= 0) return;
        var ages = new[] { 0.25, 0.75, 1.5, 2.5 };
        var shares = new[] { 0.35, 0.3, 0.2, 0.15 };
        var makers = World.Chipmakers;
        Span<double> weights = stackalloc double[makers.Count];
        var total = VendorWeights(weights);
        if (total <= 0) return;
        var life = World.Scenario.Hardware.DepreciationLifeYears * 12;
        for (var i = 0; i < ages.Length; i++)
        {
            var ageMonths = (int)Math.Round(ages[i] * 12 * _o.FleetAgeYears);
            for (var m = 0; m < makers.Count; m++)
            {
                if (weights[m] <= 0) continue;
                var group = _o.InstalledH100e * shares[i] * weights[m] / total;
                foreach (var (generation, share) in makers[m].LineFor(FamilyFrom(makers[m])).MixAt(World.Clock.Date.AddMonths(-ageMonths)))
                {
                    var cost = group * share * generation.ListPriceUsdPerH100e / 1e9;
                    Install(World.Storage.Vintage(Index, generation, -ageMonths, group * share, cost, inCohort: false,
                        CashCostOf(generation), bookValueUsdBn: cost * Math.Max(0, 1 - ageMonths / life)));
                }
            }
        }
    }

    /// <summary>The vintage of a generation already delivered this month, if any (deliveries join it).</summary>
    private Vintage? DeliveredThisMonth(Generation generation)
    {
        for (var i = _fleet.Count - 1; i >= 0 && _fleet[i].InstalledStep == World.Clock.Step; i--)
            if (_fleet[i].Generation == generation) return _fleet[i];
        return null;
    }

    /// <summary>Power at the generation's kW per H100e x PUE x power price, plus operations, per H100e-hour.</summary>
    private double CashCostOf(Generation generation) =>
        World.Trends.PowerCostPerH100eHour(generation.KwPerH100e) + World.Scenario.Hardware.OperationsUsdPerH100eHour;

    private void Install(Vintage vintage)
    {
        vintage.InstallOrder = _installs++;
        if (_fleet.Count > 0 && vintage.InstalledStep < _fleet[^1].InstalledStep) _inStepOrderFrom = _fleet.Count;
        _fleet.Add(vintage);
        InstalledH100e += vintage.H100e;
        InstalledKw += vintage.KwTotal;
    }

    private bool InCohortWindow => World.Clock.Date.Year is 2026 or 2027;

    private void SpendAi(double amount)
    {
        PaySupplier(amount);
        Capex += amount;
        AiCapex += amount;
    }
}
