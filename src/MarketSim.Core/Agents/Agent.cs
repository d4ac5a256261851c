using MarketSim.Core.Engine;

namespace MarketSim.Core.Agents;

/// <summary>
/// What every company shares: a cash account in the ledger, debt, this month's revenue and capex, and the four
/// money metrics. Cash is the ledger balance, never a separate number. Outside this assembly an agent is read-only:
/// its behaviours are called by the month's steps, and its world is out of reach of rules.
/// </summary>
public abstract class Agent
{
    private readonly MoneyHandles _money;
    private readonly double[] _revenueHistory = new double[12];
    private int _historyCount;

    private protected Agent(World world, string name, string kind)
    {
        World = world;
        Name = name;
        Kind = kind;
        Account = world.Ledger.Open(name);
        _money = MoneyHandles.Register(world.Metrics, name, kind);
    }

    internal World World { get; }
    public string Name { get; }
    public string Kind { get; }
    public int Account { get; }
    public int RevenueHandle => _money.Revenue;
    public double Cash => World.Ledger.Balance(Account);
    public double Debt { get; protected set; }
    public bool IsDefaulted { get; protected set; }

    /// <summary>Revenue booked this month, USD bn.</summary>
    public double Revenue { get; protected set; }

    /// <summary>Capex spent this month, USD bn.</summary>
    public double Capex { get; protected set; }

    /// <summary>Revenue over the last twelve months (fewer at the start of a run, scaled to a year).</summary>
    public double RevenueRunRate { get; private set; }

    internal virtual void BeginStep()
    {
        Revenue = 0;
        Capex = 0;
    }

    protected void OpenBalances(double cash, double debt)
    {
        World.Ledger.Pay(World.External(ExternalAccount.Opening), Account, cash);
        Debt = debt;
    }

    protected void PaySupplier(double amount) => World.Ledger.Pay(Account, World.External(ExternalAccount.Suppliers), amount);

    protected void Borrow(double amount, string rule)
    {
        World.Ledger.Pay(World.External(ExternalAccount.Lenders), Account, amount);
        Debt += amount;
        World.Events.Add(Name, "Borrow", "Lenders", amount, rule, $"debt={Debt:F1}");
    }

    /// <summary>A loan drawn under a named facility (an announced deal): cash from lenders, debt on the books.</summary>
    internal void DrawLoan(double amount, string rule, string detail)
    {
        World.Ledger.Pay(World.External(ExternalAccount.Lenders), Account, amount);
        Debt += amount;
        World.Events.Add(Name, "LoanDrawn", "Lenders", amount, rule, $"{detail} debt={Debt:F1}");
    }

    protected void Repay(double amount)
    {
        amount = Math.Min(amount, Math.Min(Debt, Math.Max(0, Cash)));
        World.Ledger.Pay(Account, World.External(ExternalAccount.Lenders), amount);
        Debt -= amount;
    }

    protected void PayInterest(double annualRate) =>
        World.Ledger.Pay(Account, World.External(ExternalAccount.Lenders), Math.Min(Math.Max(0, Cash), Debt * annualRate / 12));

    /// <summary>Seeds the run-rate with the year before the start, so growth rules have a history.</summary>
    protected void SeedRevenueHistory(double annualRevenue, double growthPerYear)
    {
        for (var i = 0; i < 12; i++)
            _revenueHistory[i] = annualRevenue / 12 * Math.Pow(1 + growthPerYear, (i - 11) / 12.0);
        _historyCount = 12;
        RevenueRunRate = _revenueHistory.Sum();
    }

    protected void RecordMoney()
    {
        _revenueHistory[World.Clock.Step % 12] = Revenue;
        if (_historyCount < 12) _historyCount++;
        RevenueRunRate = _revenueHistory.Sum() * 12.0 / Math.Max(1, _historyCount);
        World.Metrics.Set(_money.Revenue, Revenue);
        World.Metrics.Set(_money.Capex, Capex);
        World.Metrics.Set(_money.Cash, Cash);
        World.Metrics.Set(_money.Debt, Debt);
    }
}
