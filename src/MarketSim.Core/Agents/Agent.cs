using MarketSim.Core.Engine;
using MarketSim.Core.Finance;

namespace MarketSim.Core.Agents;

/// <summary>
/// What every company shares: a cash account in the ledger, a book of loans, a balance sheet (EBITDA, free cash flow,
/// net debt), this month's revenue and capex, and the four money metrics. Cash is the ledger balance, never a separate
/// number. Outside this assembly an agent is read-only: its behaviours are called by the month's steps, and its world
/// is out of reach of rules.
/// </summary>
public abstract class Agent
{
    private static readonly string[] KindNames = Enum.GetNames<LoanKind>();
    private readonly MoneyHandles _money;
    private readonly TrailingYear _revenue = new();

    private protected Agent(World world, string name, string kind)
    {
        World = world;
        Name = name;
        Kind = kind;
        Account = world.Ledger.Open(name);
        Loans = new LoanBook(world, name, Account);
        Balance = new BalanceSheet(this);
        _money = MoneyHandles.Register(world.Metrics, name, kind);
    }

    internal World World { get; }
    internal LoanBook Loans { get; }
    public string Name { get; }
    public string Kind { get; }
    public int Account { get; }
    public int RevenueHandle => _money.Revenue;
    public double Cash
    {
        // Read by every payment the market makes; without profile-guided compilation it was a call each time.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => World.Ledger.Balance(Account);
    }
    public double Debt => Loans.Outstanding;
    public IReadOnlyList<Loan> LoansOutstanding => Loans.Loans;
    public BalanceSheet Balance { get; }
    public bool IsDefaulted { get; protected set; }

    /// <summary>Revenue booked this month, USD bn.</summary>
    public double Revenue { get; protected set; }

    /// <summary>Capex spent this month, USD bn.</summary>
    public double Capex { get; protected set; }

    /// <summary>Revenue over the last twelve months (fewer at the start of a run, scaled to a year).</summary>
    public double RevenueRunRate => _revenue.AnnualRate;

    /// <summary>Who owns the company and receives its payouts: shareholders of a listed company, investors of a lab.</summary>
    private protected virtual ExternalAccount Owners => ExternalAccount.Shareholders;

    /// <summary>This month's EBITDA, USD bn, for the balance sheet; set by agents that report it.</summary>
    private protected double MonthEbitda { get; set; }

    internal virtual void BeginStep()
    {
        Revenue = 0;
        Capex = 0;
        MonthEbitda = 0;
        Balance.BeginMonth();
    }

    /// <summary>Opening cash arrives from <c>Opening</c>; opening debt is owed to the lenders a company of this kind borrows from.</summary>
    protected void OpenBalances(double cash, double debt)
    {
        World.Ledger.Pay(World.External(ExternalAccount.Opening), Account, cash);
        if (debt <= 0) return;
        var terms = World.Market.DebtTermsFor(this, debt);
        Loans.Open(terms.Kind, World.External(terms.Lender), debt, terms.Spread, terms.Months);
    }

    protected void PaySupplier(double amount) => World.Ledger.Pay(Account, World.External(ExternalAccount.Suppliers), amount);

    /// <summary>Draws new debt on the terms the capital market offers a company of this kind and leverage.</summary>
    protected void Borrow(double amount, string rule)
    {
        var terms = World.Market.DebtTermsFor(this, 0);
        var lender = World.External(terms.Lender);
        TakeLoan(terms.Kind, lender, World.Ledger.Name(lender), amount, terms.Spread, terms.Months, [], null, rule);
    }

    /// <summary>Draws a loan from <paramref name="lenderAccount"/>; its holder carries the risk (a <c>Borrow</c> event names it).</summary>
    internal Loan TakeLoan(LoanKind kind, int lenderAccount, string holder, double amount, double spread, int months,
        IReadOnlyList<Vintage> collateral, string? id, string rule)
    {
        var loan = Loans.Draw(kind, lenderAccount, holder, amount, spread, months, collateral, id);
        Balance.AddFinancing(amount);
        World.Events.Add(Name, "Borrow", holder, amount, rule, $"kind={KindNames[(int)kind]} debt={Debt:F1} spread={spread:F4}");
        return loan;
    }

    /// <summary>Pays one loan down out of cash; returns what was paid.</summary>
    internal double PayDownLoan(Loan loan, double amount)
    {
        var paid = Loans.PayDown(loan, amount);
        Balance.AddFinancing(-paid);
        return paid;
    }

    /// <summary>Repays unsecured debt early, out of cash on hand.</summary>
    protected void Repay(double amount)
    {
        var repaid = Loans.Prepay(Math.Min(amount, Math.Min(Debt, Math.Max(0, Cash))));
        Balance.AddFinancing(-repaid);
    }

    /// <summary>This month's interest and scheduled principal on every loan.</summary>
    protected void ServiceDebt() => Balance.AddFinancing(-Loans.Service(World.Market.RiskFreeRate));

    /// <summary>Dividends and buybacks (or, for a lab, a return of capital to its investors).</summary>
    protected void PayOut(double amount, string rule)
    {
        if (amount <= 1e-9) return;
        var owners = World.External(Owners);
        World.Ledger.Pay(Account, owners, amount);
        Balance.AddFinancing(-amount);
        World.Events.Add(Name, "Payout", World.Ledger.Name(owners), amount, rule);
    }

    /// <summary>Bills a defaulting company could not pay fall on its banks: <c>Lenders</c> cover the overdraft and lose it.</summary>
    private protected void CoverOverdraft(string rule)
    {
        if (Cash >= 0) return;
        World.Risk.RecordLoss(ExternalAccount.Lenders.ToString(), Name, -Cash, "Overdraft", rule);
        World.Ledger.Pay(World.External(ExternalAccount.Lenders), Account, -Cash);
    }

    /// <summary>Equity or a parent's top-up paid in from another account; not part of free cash flow.</summary>
    internal void ReceiveCapital(int fromAccount, double amount)
    {
        World.Ledger.Pay(fromAccount, Account, amount);
        Balance.AddFinancing(amount);
    }

    /// <summary>Buys equity in another company: an investment outside this company's free cash flow.</summary>
    internal void Invest(Agent investee, double amount)
    {
        investee.ReceiveCapital(Account, amount);
        Balance.AddFinancing(-amount);
    }

    /// <summary>Seeds the run-rate with the year before the start, so growth rules have a history.</summary>
    protected void SeedRevenueHistory(double annualRevenue, double growthPerYear) =>
        _revenue.Seed(i => annualRevenue / 12 * TableMath.Pow(1 + growthPerYear, (i - 11) / 12.0));

    protected void RecordMoney()
    {
        var step = World.Clock.Step;
        _revenue.Record(step, Revenue);
        Balance.CloseMonth(step, MonthEbitda, Revenue);
        World.Metrics.Set(_money.Revenue, Revenue);
        World.Metrics.Set(_money.Capex, Capex);
        World.Metrics.Set(_money.Cash, Cash);
        World.Metrics.Set(_money.Debt, Debt);
    }
}
