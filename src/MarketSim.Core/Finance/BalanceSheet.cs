using MarketSim.Core.Agents;

namespace MarketSim.Core.Finance;

/// <summary>
/// What lenders and shareholders look at: EBITDA, free cash flow (cash from operations less capex, before any debt,
/// equity or payout) and operating inflows over the last twelve months, net debt and its ratio to EBITDA. A company
/// marks the start of each month, reports each financing flow, and closes the month with its EBITDA and inflows.
/// </summary>
public sealed class BalanceSheet
{
    private readonly Agent _owner;
    private readonly TrailingYear _ebitda = new(), _freeCashFlow = new(), _inflows = new(), _investment = new();
    private double _openingCash, _financing;
    private int _closedStep = -1;

    internal BalanceSheet(Agent owner) => _owner = owner;

    /// <summary>EBITDA over the last twelve months, USD bn.</summary>
    public double EbitdaTtm => _ebitda.AnnualRate;

    /// <summary>Free cash flow over the last twelve months, USD bn.</summary>
    public double FreeCashFlowTtm => _freeCashFlow.AnnualRate;

    /// <summary>Operating cash coming in over the last twelve months (revenue and other business), USD bn.</summary>
    public double InflowsTtm => _inflows.AnnualRate;

    /// <summary>This month's free cash flow so far: the change in cash less debt, equity and payout flows.</summary>
    public double FreeCashFlowThisMonth => _owner.Cash - _openingCash - _financing;

    /// <summary>Cash from operations after the capex a company must keep (all but its growth investment), last twelve months.</summary>
    public double OperatingCashFlowTtm => _freeCashFlow.AnnualRate + _investment.AnnualRate;

    public double NetDebt => _owner.Debt - _owner.Cash;

    /// <summary>The net debt/EBITDA a company keeps to hold its rating; payouts stop and capex is cut at it.</summary>
    public double MaxNetDebtToEbitda { get; internal set; } = double.PositiveInfinity;

    /// <summary>Share of free cash flow paid out as dividends and buybacks.</summary>
    public double PayoutRatio { get; internal set; }

    /// <summary>Net debt over EBITDA; infinite when EBITDA is not positive and there is net debt.</summary>
    public double NetDebtToEbitda => EbitdaTtm > 1e-9 ? NetDebt / EbitdaTtm : NetDebt > 0 ? double.PositiveInfinity : 0;

    /// <summary>A year of EBITDA and inflows before the start, so lenders can judge the company in its first month.</summary>
    internal void Seed(double annualEbitda, double annualInflows)
    {
        _ebitda.Seed(_ => annualEbitda / 12);
        _inflows.Seed(_ => annualInflows / 12);
    }

    internal void BeginMonth()
    {
        _openingCash = _owner.Cash;
        _financing = 0;
    }

    /// <summary>Money in (positive) or out (negative) from debt, equity or payouts, which free cash flow leaves out.</summary>
    internal void AddFinancing(double amount) => _financing += amount;

    /// <summary>
    /// Closes the month once: records its free cash flow, EBITDA, operating inflows and growth investment (the capex
    /// a rating limit governs: AI capex for a cloud).
    /// </summary>
    internal void CloseMonth(int step, double ebitda, double inflows, double investment = 0)
    {
        if (_closedStep == step) return;
        _closedStep = step;
        _freeCashFlow.Record(step, FreeCashFlowThisMonth);
        _ebitda.Record(step, ebitda);
        _inflows.Record(step, inflows);
        _investment.Record(step, investment);
    }
}
