using MarketSim.Core.Agents;
using MarketSim.Core.Engine;

namespace MarketSim.Core.Finance;

/// <summary>
/// A borrower's debts. Drawing a loan moves cash from its lender's account; each month interest (risk-free plus the
/// loan's spread) and the scheduled principal go back to it. In a default the lenders recover what secures their
/// loans and a share of what is left, and the register records the rest as their loss.
/// </summary>
internal sealed class LoanBook(World world, string borrower, int account)
{
    private readonly List<Loan> _loans = [];
    private int _drawn;

    public IReadOnlyList<Loan> Loans => _loans;
    public double Outstanding { get; private set; }

    /// <summary>Debt owed at the start of the run: its cash came in before, from <c>Opening</c>.</summary>
    public void Open(LoanKind kind, int lenderAccount, double amount, double spread, int months) =>
        Add(kind, lenderAccount, world.Ledger.Name(lenderAccount), amount, spread, months, [], null);

    public Loan Draw(LoanKind kind, int lenderAccount, string holder, double amount, double spread, int months,
        IReadOnlyList<Vintage> collateral, string? id = null)
    {
        var loan = id is null && collateral.Count == 0 ? Facility(kind, lenderAccount, holder) : null;
        if (loan is null) loan = Add(kind, lenderAccount, holder, amount, spread, months, collateral, id);
        else
        {
            var total = loan.Outstanding + amount;
            loan.Spread = (loan.Outstanding * loan.Spread + amount * spread) / total;
            loan.MaturityStep = (int)Math.Round((loan.Outstanding * loan.MaturityStep + amount * (world.Clock.Step + Math.Max(1, months))) / total);
            loan.Outstanding = total;
            Outstanding += amount;
        }
        world.Ledger.Pay(lenderAccount, account, amount);
        return loan;
    }

    /// <summary>The borrower's open unsecured facility with this lender, if any (not a named deal's loan).</summary>
    private Loan? Facility(LoanKind kind, int lenderAccount, string holder)
    {
        foreach (var loan in _loans)
            if (loan.Kind == kind && loan.LenderAccount == lenderAccount && loan.Holder == holder && !loan.IsSecured && !loan.IsNamed)
                return loan;
        return null;
    }

    /// <summary>Pays this month's interest and scheduled principal on every loan; returns the principal repaid.</summary>
    public double Service(double riskFreeRate)
    {
        var step = world.Clock.Step;
        double principal = 0;
        foreach (var loan in _loans)
        {
            var due = loan.ScheduledPrincipal(step);
            world.Ledger.Pay(account, loan.LenderAccount, loan.Outstanding * (riskFreeRate + loan.Spread) / 12 + due);
            loan.Outstanding -= due;
            principal += due;
        }
        Outstanding -= principal;
        RemoveClosed();
        return principal;
    }

    /// <summary>
    /// Repays early, unsecured debt first and then loans secured on chips, the dearest first in each; returns what was
    /// repaid. A borrower with cash to spare does not keep paying a spread on either.
    /// </summary>
    public double Prepay(double amount)
    {
        double repaid = 0;
        foreach (var loan in InRepaymentOrder(_loans))
        {
            if (amount - repaid <= 1e-12) break;
            repaid += PayDown(loan, amount - repaid);
        }
        return repaid;
    }

    /// <summary>
    /// Unsecured loans before secured ones, the dearest first in each; loans alike keep the order they were taken out
    /// in. An insertion sort, which keeps that order as a stable sort does, on a borrower's handful of loans.
    /// </summary>
    internal static Loan[] InRepaymentOrder(IReadOnlyList<Loan> loans)
    {
        var order = new Loan[loans.Count];
        for (var i = 0; i < order.Length; i++)
        {
            var loan = loans[i];
            var j = i - 1;
            for (; j >= 0 && RepaidBefore(loan, order[j]); j--) order[j + 1] = order[j];
            order[j + 1] = loan;
        }
        return order;
    }

    private static bool RepaidBefore(Loan a, Loan b) => a.IsSecured != b.IsSecured ? !a.IsSecured : a.Spread > b.Spread;

    /// <summary>Pays one loan down by up to <paramref name="amount"/>; returns what was paid.</summary>
    public double PayDown(Loan loan, double amount)
    {
        var paid = Math.Min(amount, loan.Outstanding);
        if (paid <= 0) return 0;
        world.Ledger.Pay(account, loan.LenderAccount, paid);
        loan.Outstanding -= paid;
        Outstanding -= paid;
        if (loan.IsClosed && _loans.Remove(loan) && _loans.Count == 0) Outstanding = 0;
        return paid;
    }

    /// <summary>
    /// The borrower has defaulted: its cash left goes to its lenders pro rata; secured lenders take their collateral
    /// (at <paramref name="collateralValue"/>); unsecured ones share <paramref name="otherAssetsUsdBn"/>. What is not
    /// recovered is each holder's loss.
    /// </summary>
    public void Default(Func<Vintage, double> collateralValue, double otherAssetsUsdBn, string rule)
    {
        if (Outstanding <= 1e-9) { _loans.Clear(); Outstanding = 0; return; }
        var cash = Math.Max(0, world.Ledger.Balance(account));
        var unsecured = _loans.Where(l => !l.IsSecured).Sum(l => l.Outstanding);
        var losses = new SortedDictionary<(string Holder, LoanKind Kind), double>();
        foreach (var loan in _loans)
        {
            var fromCash = cash * loan.Outstanding / Outstanding;
            world.Ledger.Pay(account, loan.LenderAccount, fromCash);
            var assets = loan.IsSecured
                ? loan.Collateral.Sum(collateralValue)
                : unsecured > 0 ? otherAssetsUsdBn * loan.Outstanding / unsecured : 0;
            var key = (loan.Holder, loan.Kind);
            losses[key] = losses.GetValueOrDefault(key) + Math.Max(0, loan.Outstanding - fromCash - assets);
            loan.Outstanding = 0;
        }
        foreach (var ((holder, kind), loss) in losses) world.Risk.RecordLoss(holder, borrower, loss, kind.ToString(), rule);
        _loans.Clear();
        Outstanding = 0;
    }

    private Loan Add(LoanKind kind, int lenderAccount, string holder, double amount, double spread, int months,
        IReadOnlyList<Vintage> collateral, string? id)
    {
        var loan = new Loan
        {
            GivenId = id, Sequence = ++_drawn, Kind = kind, Borrower = borrower, LenderAccount = lenderAccount, Holder = holder,
            Spread = spread, MaturityStep = world.Clock.Step + Math.Max(1, months), Outstanding = amount, Collateral = collateral,
        };
        _loans.Add(loan);
        Outstanding += amount;
        world.Risk.Track(loan);
        return loan;
    }

    private void RemoveClosed()
    {
        _loans.RemoveAll(l => l.IsClosed);
        if (_loans.Count == 0) Outstanding = 0;
    }
}
