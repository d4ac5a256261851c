using MarketSim.Core.Agents;
using MarketSim.Core.Engine;
using MarketSim.Core.Results;

namespace MarketSim.Core.Market;

/// <summary>
/// The month's market for compute, in named steps: clouds serve their contracts first (a cloud short of capacity
/// delivers pro rata and bills what it delivers); the spot rule sets this month's rent from the book of free capacity
/// and demand; free capacity whose cash cost the rent covers is sold at that rent to labs short of inference or
/// training compute and to end users renting directly, pro rata when short; labs serve their users and pay; clouds
/// hear what was asked of them. Hours a lab contracted but could not use are billed and reported as idle.
/// </summary>
internal sealed class ComputeMarket
{
    private const int EndUsers = -1;
    private readonly World _world;
    private readonly FleetMeritOrder _merit;
    private readonly SpotBook _book;
    private readonly double[] _deliverRatio, _contracted, _offered, _idle;  // per cloud
    private readonly double[] _delivered;                                   // per lab
    private readonly double[,] _paid;                                       // lab x cloud, USD bn
    private readonly int[] _idleMetric;
    private readonly int _utilizationMetric, _marketIdleMetric;
    private double _openOffered, _openRequests, _fill;
    private bool _allContractsDelivered;

    public ComputeMarket(World world)
    {
        _world = world;
        var clouds = world.Clouds.Count;
        _merit = world.Buffers.MeritOrder(clouds);
        _book = new SpotBook(_merit, clouds, world.Labs.Count);
        _deliverRatio = new double[clouds];
        _contracted = new double[clouds];
        _offered = new double[clouds];
        _idle = new double[clouds];
        _delivered = new double[world.Labs.Count];
        _paid = new double[world.Labs.Count, clouds];
        var m = world.Metrics;
        _utilizationMetric = m.Register("Market", "market", "utilization", Aggregation.Level);
        _marketIdleMetric = m.Register("Market", "market", "contracted_idle_share", Aggregation.Level);
        _idleMetric = world.Clouds.Select(c => m.Register(c.Name, c.Kind, "contracted_idle_share", Aggregation.Level)).ToArray();
    }

    /// <summary>This month's fleets in merit order, cheapest to run first.</summary>
    public FleetMeritOrder MeritOrder => _merit;

    /// <summary>What a lab paid a cloud for compute this month, USD bn.</summary>
    public double PaidBy(int lab, int cloud) => _paid[lab, cloud];

    /// <summary>Clears this month's market; returns what end users paid for AI (labs' revenue and direct rentals).</summary>
    public double Clear(double directSpendUsdBn)
    {
        var step = _world.Clock.Step;
        _book.Open(_world.Market.GpuHourPrice, directSpendUsdBn);
        Array.Clear(_paid);
        _merit.Build(_world.Clouds, step);
        ServeContractsFirst(step);
        GatherLabDemand(step);
        // Whatever the rule, no rent is zero: budgets divided by it would buy unbounded hours.
        var rent = Math.Max(_world.Scenario.Market.LowestRentUsdPerH100eHour, _world.MarketRules.SpotPrice.Rent(_book, _world.Context));
        _world.Market.GpuHourPrice = rent;
        OfferAt(rent);

        double endUser = 0;
        var labs = _world.Labs;
        for (var j = 0; j < labs.Count; j++)
            if (!labs[j].IsDefaulted) endUser += ServeLab(j, step, rent);
        var directServed = SpotBook.HoursBought(directSpendUsdBn, rent) * _fill;
        SellSpot(directServed, EndUsers, rent);
        endUser += directServed * rent * Clock.HoursPerMonth / 1e9;

        ReportRequestsToClouds();
        MeasureTightness();
        return endUser;
    }

    /// <summary>What each cloud owes its contracts this month, delivered pro rata when it is short.</summary>
    private void ServeContractsFirst(int step)
    {
        var clouds = _world.Clouds;
        _allContractsDelivered = true;
        for (var i = 0; i < clouds.Count; i++)
        {
            var c = clouds[i];
            var contracted = c.ContractedH100eAt(step);
            _deliverRatio[i] = contracted > 0 ? Math.Min(1, c.InstalledH100e / contracted) : 1;
            _allContractsDelivered &= _deliverRatio[i] == 1;
            _contracted[i] = contracted * _deliverRatio[i];
            _idle[i] = 0;
            _book.AddCloud(i, !c.IsCaptive && !c.IsDefaulted, _contracted[i], Math.Max(0, c.InstalledH100e - _contracted[i]));
        }
    }

    /// <summary>
    /// Each lab's contracted deliveries, and what it asks of the spot market beyond them: inference up to its
    /// reservation rent (what an hour earns in tokens), training at its budget.
    /// </summary>
    private void GatherLabDemand(int step)
    {
        Array.Clear(_delivered);
        var labs = _world.Labs;
        var tokensPerHour = _world.Trends.TokensPerH100eHour;
        for (var j = 0; j < labs.Count; j++)
        {
            var lab = labs[j];
            if (lab.IsDefaulted) continue;
            // With every cloud delivering in full each contract adds its volume times 1, in the lab's order of
            // contracts: the lab's contracted total, to the bit.
            if (_allContractsDelivered) _delivered[j] = lab.ContractedH100eAt(step);
            else
            {
                foreach (var contract in lab.ContractSpan)
                    _delivered[j] += contract.VolumeAt(step) * _deliverRatio[contract.Cloud.Index];
            }
            var inference = lab.InferenceNeedH100e;
            var plan = lab.TrainingPlanH100e;
            _book.AddLab(j, lab.HomeCloud is not { IsCaptive: true },
                spotNeedH100e: Math.Max(0, inference - _delivered[j]),
                reservationRent: lab.TokenPrice * tokensPerHour / 1e6,
                trainingPlanH100e: plan * Math.Max(1, lab.Options.ScalingAmbition),
                trainingBudgetUsdBn: lab.TrainingBudgetFor(plan),
                contractedLeftForTrainingH100e: Math.Max(0, _delivered[j] - inference),
                spareCashUsdBn: lab.SpareCashUsdBn);
        }
    }

    /// <summary>What each open cloud offers at the rent, what is asked for at it, and the share of requests served.</summary>
    private void OfferAt(double rent)
    {
        _openOffered = 0;
        for (var i = 0; i < _offered.Length; i++) _openOffered += _offered[i] = _book.Offered(i, rent);
        _openRequests = _book.Demand(rent);
        _fill = _openRequests > 0 ? Math.Min(1, _openOffered / _openRequests) : 0;
    }

    /// <summary>One lab serves its users with what it gets, then pays its contracts and its spot hours.</summary>
    private double ServeLab(int j, int step, double rent)
    {
        var lab = _world.Labs[j];
        var captive = lab.HomeCloud is { IsCaptive: true } home ? home : null;
        var inference = _book.SpotInference(j, rent);
        var training = _book.SpotTraining(j, rent);
        double spot;
        if (captive is not null)
        {
            spot = Math.Min(inference + training, _book.OfferedInHouse(captive.Index, rent));
        }
        else spot = (inference + training) * _fill;
        var idle = lab.UseCompute(_delivered[j] + spot, _book.TrainingDemand(j, rent));
        var revenue = lab.Revenue;
        ServeContracts(j, step, _delivered[j] > 0 ? Math.Min(1, idle / _delivered[j]) : 0);
        if (spot <= 0) return revenue;
        if (captive is not null) captive.BookAiSale(Pay(j, captive, spot * rent * Clock.HoursPerMonth / 1e9), spot, direct: false);
        else SellSpot(spot, j, rent);
        return revenue;
    }

    /// <summary>
    /// The lab pays each contract for the volume delivered under it (take-or-pay on what was delivered); the share it
    /// left idle is billed but not served.
    /// </summary>
    private void ServeContracts(int lab, int step, double idleShare)
    {
        var payer = _world.Labs[lab];
        var payments = payer.PayClouds();
        foreach (var contract in payer.ContractSpan)
        {
            var cloud = contract.Cloud;
            var volume = contract.VolumeAt(step) * _deliverRatio[cloud.Index];
            if (volume <= 0) continue;
            var paid = payments.Pay(cloud, contract.MonthBillUsdBn(volume));
            _paid[lab, cloud.Index] += paid;
            cloud.BookAiSale(paid, volume * (1 - idleShare), direct: false);
            _idle[cloud.Index] += volume * idleShare;
        }
        payments.Close();
    }

    /// <summary>A lab pays a cloud what it can; the market keeps the tally for the cohort's accounts.</summary>
    private double Pay(int lab, Cloud cloud, double usdBn)
    {
        var paid = _world.Labs[lab].PayCloud(cloud, usdBn);
        _paid[lab, cloud.Index] += paid;
        return paid;
    }

    /// <summary>Sells spot hours pro rata over what the open clouds offer, to a lab (by index) or to end users.</summary>
    private void SellSpot(double h100e, int buyer, double rent)
    {
        if (h100e <= 0 || _openOffered <= 0) return;
        var clouds = _world.Clouds;
        for (var i = 0; i < clouds.Count; i++)
        {
            if (_offered[i] <= 0) continue;
            var c = clouds[i];
            var h = h100e * _offered[i] / _openOffered;
            var usd = h * rent * Clock.HoursPerMonth / 1e9;
            if (buyer != EndUsers) c.BookAiSale(Pay(buyer, c, usd), h, direct: false);
            else
            {
                _world.Ledger.Pay(_world.External(ExternalAccount.EndUsers), c.Account, usd);
                c.BookAiSale(usd, h, direct: true);
            }
        }
    }

    /// <summary>
    /// Clouds see what buyers would ask for at the full cost of new capacity, served or not: a rent above that cost is
    /// demand worth building for, and unmet demand shows up in their forecasts either way.
    /// </summary>
    private void ReportRequestsToClouds()
    {
        var atCost = _world.CapacityCost.PerH100eHour(Rules.CostPlusRent.CapitalCharge(_world.Context));
        var requests = Math.Max(_openRequests, _book.Demand(Math.Max(atCost, _book.LowestCashCost)));
        var clouds = _world.Clouds;
        double free = 0;
        for (var i = 0; i < clouds.Count; i++)
            if (!clouds[i].IsCaptive && !clouds[i].IsDefaulted) free += Math.Max(0, clouds[i].InstalledH100e - _contracted[i]);
        for (var i = 0; i < clouds.Count; i++)
        {
            var c = clouds[i];
            if (c.IsCaptive || c.IsDefaulted) continue;
            var share = free > 0 ? Math.Max(0, c.InstalledH100e - _contracted[i]) / free : 1.0 / clouds.Count;
            c.UpdateSpotAverage(requests * share);
        }
    }

    /// <summary>
    /// Tightness (hours served over installed, plus the share of spot requests left unserved) for the cost-based rules;
    /// utilization and contracted-but-idle hours for the record.
    /// </summary>
    private void MeasureTightness()
    {
        double used = 0, installed = 0, usedAll = 0, installedAll = 0, idleAll = 0;
        var clouds = _world.Clouds;
        var metrics = _world.Metrics;
        for (var i = 0; i < clouds.Count; i++)
        {
            var c = clouds[i];
            usedAll += c.UsedH100e;
            installedAll += c.InstalledH100e;
            idleAll += _idle[i];
            metrics.Set(_idleMetric[i], c.InstalledH100e > 0 ? _idle[i] / c.InstalledH100e : 0);
            if (c.IsCaptive || c.IsDefaulted) continue;
            used += c.UsedH100e;
            installed += c.InstalledH100e;
        }
        _world.Market.Tightness = (installed > 0 ? used / installed : 1) + (_openRequests > 0 ? 1 - _fill : 0);
        metrics.Set(_utilizationMetric, installedAll > 0 ? usedAll / installedAll : 0);
        metrics.Set(_marketIdleMetric, installedAll > 0 ? idleAll / installedAll : 0);
    }
}
