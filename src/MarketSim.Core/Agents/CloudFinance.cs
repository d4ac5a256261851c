using MarketSim.Core.Engine;
using MarketSim.Core.Finance;

namespace MarketSim.Core.Agents;

/// <summary>A cloud's money beyond its operations: its lab, its leases, its debt, its payouts, and its default.</summary>
public sealed partial class Cloud
{
    private double _leaseThisMonth;

    /// <summary>A parent pays its lab's top-up out of its own cash, so the group's AI spending shows in its cash flow.</summary>
    internal void FundLab(Lab lab, double amount, string rule)
    {
        if (amount <= 0) return;
        lab.ReceiveCapital(Account, amount);
        LabFunding += amount;
        World.Events.Add(Name, "ParentFunding", lab.Name, amount, rule);
    }

    /// <summary>Rent to a special purpose vehicle for shells it built: an operating cost, off the balance sheet.</summary>
    internal void PayLease(int vehicleAccount, double amount)
    {
        World.Ledger.Pay(Account, vehicleAccount, amount);
        _leaseThisMonth += amount;
    }

    private readonly List<Vintage> _deliveredThisMonth;

    /// <summary>Accelerators delivered this month, which the borrowing rule may pledge when the month is financed.</summary>
    private void FinanceDelivery(Vintage vintage) => _deliveredThisMonth.Add(vintage);

    /// <summary>
    /// The month's deliveries secure one GPU-backed loan: a draw on a committed facility the cloud signed (an announced
    /// deal), or else what its borrowing rule advances against them.
    /// </summary>
    private void PledgeDeliveries()
    {
        if (_deliveredThisMonth.Count == 0) return;
        if (World.StructuredFinance.DrawFacility(this, _deliveredThisMonth))
        {
            _deliveredThisMonth.Clear();
            return;
        }
        var advance = Rules.Borrowing.SecuredAdvanceUsdBn(this, _deliveredThisMonth, World.Context);
        if (advance > 0) World.StructuredFinance.GpuBackedLoan(this, advance, [.. _deliveredThisMonth], rule: Rules.Borrowing.Name);
        _deliveredThisMonth.Clear();
    }

    /// <summary>
    /// The month's deliveries pledged, debt service; the month closes on the balance sheet; the payout rule pays the
    /// owners; the borrowing rule then says how much to borrow or repay. A cloud whose cash is still negative afterwards cannot pay and defaults;
    /// so does one that cannot pay down a GPU-backed loan its collateral no longer covers.
    /// </summary>
    internal void Finance()
    {
        if (IsDefaulted) return;
        PledgeDeliveries();
        ServiceDebt();
        Balance.CloseMonth(World.Clock.Step, MonthEbitda, _monthInflows, AiCapex);
        PayOut(Rules.Payout.PayoutUsdBn(this, World.Context), Rules.Payout.Name);
        var decision = Rules.Borrowing.Finance(this, World.Context);
        if (decision.BorrowUsdBn > 0) Borrow(decision.BorrowUsdBn, Rules.Borrowing.Name);
        else if (decision.RepayUsdBn > 0) Repay(decision.RepayUsdBn);
        if (Cash < 0) Default(IsNeocloud ? "NeocloudInsolvency" : "Insolvency");
        else if (!World.StructuredFinance.CureCollateralShortfalls(this, LastUtilization)) Default("CovenantBreach");
    }

    /// <summary>
    /// A cloud that cannot pay: its contracts end; its lenders take its cash and its fleet (secured lenders their
    /// collateral, the others the rest) and lose what that does not cover; the fleet leaves the market and shells
    /// under way are abandoned.
    /// </summary>
    internal void Default(string rule)
    {
        IsDefaulted = true;
        World.Events.Add(Name, "Default", "Lenders", Debt, rule, $"cash={Cash:F2}");
        var contracts = _contracts.Contracts;
        for (var i = 0; i < contracts.Count; i++)
        {
            var c = contracts[i];
            c.Break();
            World.Events.Add(Name, "ContractBroken", c.Lab.Name, c.ValueUsdBn, rule, "");
        }
        CoverOverdraft(rule);
        World.Risk.WriteOffStakes(Name, rule);
        var context = World.Context;
        var pledged = new HashSet<Vintage>(Loans.Loans.SelectMany(l => l.Collateral));
        var unpledged = _fleet.Where(v => !pledged.Contains(v)).Sum(v => Collateral.ValueUsdBn(v, context, LastUtilization));
        Loans.Default(v => Collateral.ValueUsdBn(v, context, LastUtilization), unpledged, rule);
        foreach (var v in _fleet) RetiredThisStep += v.H100e;
        VintagesRemoved += _fleet.Count;
        _fleet.Clear();
        _inStepOrderFrom = 0;
        _deliveredThisMonth.Clear();
        _pipeline.Clear(); // shells under way are abandoned, their remaining instalments never paid
        InstalledH100e = InstalledKw = 0;
        World.RegisterDefault();
    }

}
