using MarketSim.Core.Agents;
using MarketSim.Core.Engine;

namespace MarketSim.Core.Finance;

/// <summary>
/// A special purpose vehicle or joint venture that builds data-center shells for a sponsor and leases them back (Meta
/// and Blue Owl's Hyperion, the Abilene campus): notes sold to <c>Bondholders</c> and equity from <c>Investors</c> and
/// the sponsor pay for the build; the sponsor gets the MW and pays a lease that services the notes and pays the equity
/// its return. The debt is off the sponsor's balance sheet: its rating sees the lease, not the notes. If the sponsor
/// defaults, the lease stops: noteholders keep the vehicle's cash and lose the rest (a single-tenant campus finds no
/// buyer in the model), equity holders lose their stakes. When the lease ends with notes outstanding, the sponsor's
/// residual value guarantee pays them down.
/// </summary>
public sealed class SpecialPurposeVehicle : IFinancingInstrument
{
    private readonly World _world;
    private int _buildMonthsLeft;
    private readonly double _buildInstalment;

    internal SpecialPurposeVehicle(World world, string id, Cloud sponsor, double mw, double notesUsdBn, double equityUsdBn,
        double sponsorEquityShare, double noteSpread, int leaseMonths, double residualGuaranteeShare, string noteHolders)
    {
        _world = world;
        Id = id;
        Sponsor = sponsor;
        Mw = mw;
        CostUsdBn = notesUsdBn + equityUsdBn;
        EquityUsdBn = equityUsdBn;
        SponsorEquityShare = sponsorEquityShare;
        ResidualGuaranteeShare = residualGuaranteeShare;
        NoteHolders = noteHolders;
        Account = world.Ledger.Open(id);
        Notes = new LoanBook(world, id, Account);
        LeaseEndStep = world.Clock.Step + leaseMonths;

        var market = world.Market;
        var investors = world.External(ExternalAccount.Investors);
        world.Ledger.Pay(sponsor.Account, Account, equityUsdBn * sponsorEquityShare);
        world.Ledger.Pay(investors, Account, equityUsdBn * (1 - sponsorEquityShare));
        world.Risk.Invest(sponsor.Name, id, "SpvEquity", equityUsdBn * sponsorEquityShare);
        world.Risk.Invest(ExternalAccount.Investors.ToString(), id, "SpvEquity", equityUsdBn * (1 - sponsorEquityShare));
        Notes.Draw(LoanKind.SpvNotes, world.External(ExternalAccount.Bondholders), noteHolders, notesUsdBn, noteSpread, leaseMonths, []);

        // The lease repays the notes and the equity, each with its return, over the lease.
        var noteRate = (market.RiskFreeRate + noteSpread) / 12;
        var equityRate = market.CostOfCapital(neocloud: false) / 12;
        LeaseUsdBnPerMonth = Annuity(notesUsdBn, noteRate, leaseMonths) + Annuity(equityUsdBn, equityRate, leaseMonths);

        _buildMonthsLeft = Math.Max(1, world.Scenario.Power.ShellBuildMonths);
        _buildInstalment = CostUsdBn / _buildMonthsLeft;
        sponsor.AddLeasedShells(mw, world.Clock.Step + _buildMonthsLeft);
    }

    public string Id { get; }
    public string Kind => "Spv";
    public string RiskHolders => $"{NoteHolders} (notes); Investors, {Sponsor.Name} (equity); {Sponsor.Name} (residual value guarantee)";
    public Cloud Sponsor { get; }
    public double Mw { get; }
    public double CostUsdBn { get; }
    public double EquityUsdBn { get; }
    public double SponsorEquityShare { get; }
    public double ResidualGuaranteeShare { get; }
    public string NoteHolders { get; }
    public int Account { get; }
    public double LeaseUsdBnPerMonth { get; }
    public int LeaseEndStep { get; }
    public double NotesOutstandingUsdBn => Notes.Outstanding;
    public bool IsClosed { get; private set; }
    internal LoanBook Notes { get; }

    /// <summary>One month: the build is paid, the sponsor pays the lease, the notes are serviced, the equity paid the rest.</summary>
    internal void Settle()
    {
        if (IsClosed) return;
        var ledger = _world.Ledger;
        if (_buildMonthsLeft > 0)
        {
            ledger.Pay(Account, _world.External(ExternalAccount.Suppliers), _buildInstalment);
            _buildMonthsLeft--;
        }
        if (Sponsor.IsDefaulted) { Close("SponsorDefault"); return; }
        Sponsor.PayLease(Account, LeaseUsdBnPerMonth);
        Notes.Service(_world.Market.RiskFreeRate);
        var toEquity = Math.Max(0, ledger.Balance(Account) - BuildStillToPay);
        ledger.Pay(Account, Sponsor.Account, toEquity * SponsorEquityShare);
        ledger.Pay(Account, _world.External(ExternalAccount.Investors), toEquity * (1 - SponsorEquityShare));
        if (_world.Clock.Step + 1 >= LeaseEndStep) Close("LeaseEnd");
    }

    private double BuildStillToPay => _buildInstalment * _buildMonthsLeft;

    /// <summary>
    /// The lease ends: a solvent sponsor's guarantee pays down notes still outstanding; noteholders take the cash left
    /// and lose the rest; if the sponsor failed, the equity is lost too.
    /// </summary>
    private void Close(string rule)
    {
        IsClosed = true;
        if (!Sponsor.IsDefaulted && Notes.Outstanding > 0)
        {
            var guarantee = Math.Min(Notes.Outstanding, ResidualGuaranteeShare * CostUsdBn);
            _world.Ledger.Pay(Sponsor.Account, Account, guarantee);
        }
        var owed = Notes.Outstanding;
        Notes.Default(_ => 0, 0, rule);
        if (Sponsor.IsDefaulted) _world.Risk.WriteOffStakes(Id, rule);
        // What the noteholders did not need (or a build never finished) goes back to the equity.
        var left = Math.Max(0, _world.Ledger.Balance(Account));
        _world.Ledger.Pay(Account, Sponsor.Account, left * SponsorEquityShare);
        _world.Ledger.Pay(Account, _world.External(ExternalAccount.Investors), left * (1 - SponsorEquityShare));
        _world.Events.Add(Id, "SpvClosed", Sponsor.Name, owed, rule, $"mw={Mw:F0}");
    }

    // A rate too small for a double to discount by (1 - (1 + r)^-n rounds to 0) is no rate: the principal in equal parts.
    private static double Annuity(double principal, double monthlyRate, int months)
    {
        if (principal <= 0) return 0;
        var discounted = monthlyRate <= 0 ? 0 : 1 - TableMath.Pow(1 + monthlyRate, -months);
        return discounted <= 0 ? principal / months : principal * monthlyRate / discounted;
    }
}
