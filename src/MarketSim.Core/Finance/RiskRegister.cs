using MarketSim.Core.Engine;
using MarketSim.Core.Results;

namespace MarketSim.Core.Finance;

/// <summary>
/// Who holds which risk: every loan and equity stake outstanding, by holder, and the losses each holder took when a
/// borrower or an investee defaulted. Holders are ledger accounts (Lenders, Bondholders, Investors, a chipmaker, a
/// parent) or the lenders a deal names. Each holder reports <c>risk_exposure_usd_bn</c> and <c>losses_usd_bn</c>
/// (kind <c>holder</c>); each loss is a <c>Loss</c> event naming the rule that caused the default.
/// </summary>
public sealed class RiskRegister
{
    private readonly World _world;
    private readonly List<(Loan Loan, Holder Holder)> _loans = [];
    private readonly List<Stake> _stakes = [];
    private readonly List<Holder> _stakeHolders = []; // each stake's holder, so the month does not look it up by name
    private readonly Dictionary<(string Holder, string Company, string Instrument), Stake> _liveStakes = [];
    private readonly Dictionary<string, Holder> _holders = new(StringComparer.Ordinal);
    private readonly List<Holder> _holderList = [];

    internal RiskRegister(World world) => _world = world;

    /// <summary>Losses taken so far by each holder, USD bn.</summary>
    public IReadOnlyDictionary<string, double> Losses => _holders.ToDictionary(h => h.Key, h => h.Value.Total);

    public double TotalLosses
    {
        get
        {
            var total = 0.0; // in holder order, as Enumerable.Sum added them
            foreach (var holder in _holderList) total += holder.Total;
            return total;
        }
    }

    /// <summary>Losses on loans (not equity) so far, USD bn: what lenders lost.</summary>
    public double CreditLosses { get; private set; }

    public IReadOnlyList<Stake> Stakes => _stakes;

    internal void Track(Loan loan)
    {
        _loans.Add((loan, HolderNamed(loan.Holder)));
    }

    /// <summary>Adds to a holder's stake in a company (one stake per holder, company and instrument).</summary>
    internal Stake Invest(string holder, string company, string instrument, double amount)
    {
        if (!_liveStakes.TryGetValue((holder, company, instrument), out var stake))
        {
            stake = new Stake { Holder = holder, Company = company, Instrument = instrument };
            _stakes.Add(stake);
            _liveStakes.Add((holder, company, instrument), stake);
            _stakeHolders.Add(HolderNamed(holder));
        }
        stake.CostUsdBn += amount;
        return stake;
    }

    /// <summary>A company failed: every stake in it is lost.</summary>
    internal void WriteOffStakes(string company, string rule)
    {
        foreach (var stake in _stakes)
        {
            if (stake.Company != company || stake.WrittenOff) continue;
            stake.WrittenOff = true;
            _liveStakes.Remove((stake.Holder, stake.Company, stake.Instrument));
            RecordLoss(stake.Holder, company, stake.CostUsdBn, stake.Instrument, rule, credit: false);
        }
    }

    internal void RecordLoss(string holder, string borrower, double amount, string instrument, string rule) =>
        RecordLoss(holder, borrower, amount, instrument, rule, credit: true);

    internal void Record()
    {
        foreach (var h in _holderList) h.Exposure = 0;
        var kept = 0;
        for (var i = 0; i < _loans.Count; i++)
        {
            var (loan, holder) = _loans[i];
            if (loan.IsClosed) continue;
            _loans[kept++] = _loans[i];
            holder.Exposure += loan.Outstanding;
        }
        _loans.RemoveRange(kept, _loans.Count - kept);
        for (var i = 0; i < _stakes.Count; i++)
            if (!_stakes[i].WrittenOff) _stakeHolders[i].Exposure += _stakes[i].CostUsdBn;
        foreach (var h in _holderList)
        {
            _world.Metrics.Set(h.ExposureMetric, h.Exposure);
            _world.Metrics.Set(h.LossMetric, h.ThisStep);
            h.ThisStep = 0;
        }
    }

    private void RecordLoss(string holder, string borrower, double amount, string instrument, string rule, bool credit)
    {
        if (amount <= 1e-9) return;
        var h = HolderNamed(holder);
        h.ThisStep += amount;
        h.Total += amount;
        if (credit) CreditLosses += amount;
        _world.Events.Add(holder, "Loss", borrower, amount, rule, $"instrument={instrument}");
    }

    private Holder HolderNamed(string name)
    {
        if (_holders.TryGetValue(name, out var h)) return h;
        h = new Holder(
            _world.Metrics.Register(name, "holder", "risk_exposure_usd_bn", Aggregation.Stock),
            _world.Metrics.Register(name, "holder", "losses_usd_bn", Aggregation.Flow));
        _holders.Add(name, h);
        _holderList.Add(h);
        return h;
    }

    private sealed class Holder(int exposureMetric, int lossMetric)
    {
        public int ExposureMetric { get; } = exposureMetric;
        public int LossMetric { get; } = lossMetric;
        public double Exposure { get; set; }
        public double ThisStep { get; set; }
        public double Total { get; set; }
    }
}

/// <summary>Equity a holder put into a company (a round, equity for compute, a vehicle's equity), at cost.</summary>
public sealed class Stake
{
    public required string Holder { get; init; }
    public required string Company { get; init; }
    public required string Instrument { get; init; }
    public double CostUsdBn { get; internal set; }
    public bool WrittenOff { get; internal set; }
}
