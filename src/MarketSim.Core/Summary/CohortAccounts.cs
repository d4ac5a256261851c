using MarketSim.Core.Engine;
using MarketSim.Core.Results;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Summary;

/// <summary>
/// The 2026-2027 cohort's accounts, kept month by month for as long as any of its accelerators is in service, past
/// <c>Clock:End</c> if need be. The cohort is the accelerators clouds took delivery of in 2026-2027 with the shell
/// capital they occupy (their MW at <c>Power:ShellCostUsdMPerMw</c>). Each month it is credited with its share of the
/// hours each cloud served: clouds run their cheapest accelerators first, and the cohort's share is its H100e among
/// them. Also records what the modelled clouds paid for chips each month, for Sequoia's arithmetic on their purchases.
/// </summary>
internal sealed class CohortAccounts
{
    public static readonly YearMonth FirstMonth = new(2026, 1);
    public static readonly YearMonth LastMonth = new(2027, 12);

    private readonly World _world;
    private readonly int _purchasesMetric;
    private readonly double[] _outsideShare;
    // Each cloud's own lab if it is a captive builder, else null: looked up once, read every month.
    private readonly Agents.Lab?[] _captiveLab;
    private bool _inService;

    public CohortAccounts(World world)
    {
        _world = world;
        var clouds = world.Clouds.Count;
        var steps = world.Clock.Horizon;
        // From the run's storage: the accounts are read after the run, so only a recycled run's arrays are reused.
        double[][] PerCloud()
        {
            var perCloud = new double[clouds][];
            for (var i = 0; i < clouds; i++) perCloud[i] = world.Storage.Doubles(steps);
            return perCloud;
        }
        ChipCapex = PerCloud();
        ShellCapex = PerCloud();
        OwnersRevenue = PerCloud();
        EndUserRevenue = PerCloud();
        Power = PerCloud();
        CloudOpex = PerCloud();
        LabOpex = PerCloud();
        InvestorMoney = PerCloud();
        CapexAtRate = new double[clouds];
        LastStepInService = Enumerable.Repeat(-1, clouds).ToArray();
        _outsideShare = new double[world.Labs.Count];
        _captiveLab = world.Clouds.Select(c => c.IsCaptive ? world.LabNamed(c.Options.CaptiveLab) : null).ToArray();
        _purchasesMetric = world.Metrics.Register("Market", "market", "cloud_chip_purchases_usd_bn", Aggregation.Flow);
    }

    /// <summary>The last month the cohort can be in service: its last deliveries plus the longest life a chip may have.</summary>
    public static YearMonth PhysicalEnd(Scenario scenario) =>
        LastMonth.AddMonths((int)Math.Ceiling(scenario.Hardware.MaxLifeYears * 12));

    /// <summary>A run that starts by January 2026 and ends after 2027 holds the whole cohort, so it has a verdict.</summary>
    public static bool Covers(ClockOptions clock) => clock.Start <= FirstMonth && clock.End > LastMonth;

    // [cloud][step], USD bn. Capex: chips at their price, shells at the capital their MW occupy.
    public double[][] ChipCapex { get; }
    public double[][] ShellCapex { get; }
    /// <summary>
    /// The cohort's share of what the cloud was paid for AI compute (labs' payments and direct rentals) and of the AI
    /// value attributed to its parent's business; a captive builder's own lab's payments count for nothing.
    /// </summary>
    public double[][] OwnersRevenue { get; }
    /// <summary>The cohort's share of what end users paid for AI (labs' revenue and direct rentals), by hours served.</summary>
    public double[][] EndUserRevenue { get; }
    /// <summary>What the cohort's accelerators in use cost to run: the power they drew and operations per H100e-hour.</summary>
    public double[][] Power { get; }
    public double[][] CloudOpex { get; }
    /// <summary>The cohort's share of labs' staff and serving costs, by hours served.</summary>
    public double[][] LabOpex { get; }
    /// <summary>Labs' payments to the cohort that investors and parents funded rather than end users.</summary>
    public double[][] InvestorMoney { get; }
    /// <summary>Per cloud, capex times the owner's cost of capital when it was spent (the capex-weighted rate's numerator).</summary>
    public double[] CapexAtRate { get; }
    /// <summary>Per cloud, the last step with any of the cohort in service; -1 if it never had any.</summary>
    public int[] LastStepInService { get; }

    /// <summary>True while the cohort is still being delivered or any of it is in service.</summary>
    public bool StillInService => _inService || _world.Clock.Date <= LastMonth;

    /// <summary>
    /// After the month's deliveries: the cohort's capex, at the owner's cost of capital of the moment, and what the
    /// modelled clouds paid for chips.
    /// </summary>
    public void RecordDeliveries()
    {
        var step = _world.Clock.Step;
        var inWindow = _world.Clock.Date >= FirstMonth && _world.Clock.Date <= LastMonth;
        var shellUsdMPerMw = _world.Scenario.Power.ShellCostUsdMPerMw;
        double purchases = 0;
        var clouds = _world.Clouds;
        for (var i = 0; i < clouds.Count; i++)
        {
            var fleet = clouds[i].Fleet;
            double chips = 0, shells = 0;
            // Deliveries are appended to the fleet, so this month's are at its end.
            for (var k = fleet.Count - 1; k >= 0 && fleet[k].InstalledStep == step; k--)
            {
                var v = fleet[k];
                purchases += v.CostUsdBn;
                if (!inWindow || !v.InCohort) continue;
                chips += v.CostUsdBn;
                shells += v.KwTotal * shellUsdMPerMw / 1e6;
            }
            if (chips + shells <= 0) continue;
            ChipCapex[i][step] += chips;
            ShellCapex[i][step] += shells;
            CapexAtRate[i] += (chips + shells) * clouds[i].CostOfCapital;
        }
        _world.Metrics.Set(_purchasesMetric, purchases);
    }

    /// <summary>After costs are paid: the cohort's share of this month's revenue and costs in each cloud.</summary>
    public void RecordMonth(double endUserRevenueUsdBn)
    {
        var step = _world.Clock.Step;
        var clouds = _world.Clouds;
        var merit = _world.ComputeMarket.MeritOrder;
        _inService = false;
        for (var i = 0; i < clouds.Count; i++)
            if (merit.CohortH100e(i) > 0)
            {
                LastStepInService[i] = step;
                _inService = true;
            }
        if (!_inService) return;
        var operations = _world.Scenario.Hardware.OperationsUsdPerH100eHour;
        // End users' payments are spread over the hours the open clouds served. A captive builder's hours serve its own
        // lab, whose users' payments, like the lab's payments to its parent, stand aside for what AI adds to the
        // parent's business (AiAttributableRevenueShare), which is end users' money too (advertisers).
        double served = 0, allServed = 0, openEndUserRevenue = endUserRevenueUsdBn;
        for (var i = 0; i < clouds.Count; i++)
        {
            var c = clouds[i];
            allServed += c.UsedH100e;
            if (c.IsCaptive) openEndUserRevenue -= _captiveLab[i]?.Revenue ?? 0;
            else served += c.UsedH100e;
        }
        var labOpex = 0.0;
        var labs = _world.Labs;
        for (var j = 0; j < labs.Count; j++)
        {
            var lab = labs[j];
            var opex = lab.IsDefaulted ? 0 : lab.Opex();
            labOpex += opex;
            // Each lab pays its own costs from its revenue first; the part of its compute bill the rest does not
            // cover came from investors or its parent.
            _outsideShare[j] = lab.ComputeCost > 0 ? Math.Clamp(lab.ComputeCost + opex - lab.Revenue, 0, lab.ComputeCost) / lab.ComputeCost : 0;
        }
        for (var i = 0; i < clouds.Count; i++)
        {
            var c = clouds[i];
            if (merit.CohortH100e(i) <= 0 || c.UsedH100e <= 0) continue;
            var (h100e, kw) = merit.CohortInUse(i, c.UsedH100e);
            if (h100e <= 0) continue;
            var share = h100e / c.UsedH100e;
            var attributable = share * c.AiAttributableValue;
            OwnersRevenue[i][step] = (c.IsCaptive ? 0 : share * c.AiRevenue) + attributable;
            EndUserRevenue[i][step] = (c.IsCaptive || served <= 0 ? 0 : Math.Max(0, openEndUserRevenue) * h100e / served) + attributable;
            Power[i][step] = (_world.Trends.PowerCostPerH100eHour(kw / h100e) + operations) * h100e * Clock.HoursPerMonth / 1e9;
            CloudOpex[i][step] = share * c.AiOperatingCostUsdBn;
            LabOpex[i][step] = allServed > 0 ? labOpex * h100e / allServed : 0;
            InvestorMoney[i][step] = c.IsCaptive ? 0 : share * FundedByInvestors(i);
        }
    }

    /// <summary>What labs paid a cloud this month out of investors' and parents' money.</summary>
    private double FundedByInvestors(int cloud)
    {
        double funded = 0;
        for (var j = 0; j < _outsideShare.Length; j++) funded += _world.ComputeMarket.PaidBy(j, cloud) * _outsideShare[j];
        return funded;
    }
}
