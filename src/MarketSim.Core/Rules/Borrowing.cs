using MarketSim.Core.Agents;
using MarketSim.Core.Engine;

namespace MarketSim.Core.Rules;

/// <summary>
/// How a cloud keeps cash: how much it borrows or repays this month. A cloud whose cash is still negative
/// afterwards is insolvent and defaults.
/// </summary>
public interface IBorrowingPolicy : IRule
{
    BorrowingDecision Finance(Cloud cloud, RuleContext context);

    /// <summary>
    /// How much new AI capex (chips and shells) the cloud can still commit to this month, USD bn; the capacity rule
    /// scales its plan down to it. Unlimited unless the rule says otherwise.
    /// </summary>
    double CapexRoomUsdBn(Cloud cloud, RuleContext context) => double.PositiveInfinity;

    /// <summary>A GPU-backed loan to draw against the month's deliveries, USD bn; none unless the rule says so.</summary>
    double SecuredAdvanceUsdBn(Cloud cloud, IReadOnlyList<Vintage> delivered, RuleContext context) => 0;
}

public readonly record struct BorrowingDecision(double BorrowUsdBn, double RepayUsdBn)
{
    public static readonly BorrowingDecision None = new(0, 0);
}

/// <summary>
/// An investment-grade cloud (hyperscaler or captive builder): borrows whatever keeps a cash buffer
/// (<c>Borrowing:InvestmentGradeBufferUsdBn</c> plus <c>BufferRevenueShare</c> of revenue) and repays debt once cash
/// exceeds <c>RepayAboveBuffers</c> buffers, down to <c>RepayDownToBuffers</c>. Lenders never refuse it.
/// </summary>
public sealed class CashBuffer : IBorrowingPolicy
{
    public BorrowingDecision Finance(Cloud cloud, RuleContext context)
    {
        var o = context.Scenario.Borrowing;
        var buffer = o.InvestmentGradeBufferUsdBn + o.BufferRevenueShare * cloud.RevenueRunRate;
        if (cloud.Cash < buffer) return new(buffer - cloud.Cash, 0);
        return Repayment(cloud, buffer, o);
    }

    /// <summary>Once cash exceeds a few buffers, debt is repaid down to fewer of them.</summary>
    internal static BorrowingDecision Repayment(Cloud cloud, double buffer, Scenarios.BorrowingOptions o) =>
        cloud.Debt > 0 && cloud.Cash > o.RepayAboveBuffers * buffer ? new(0, cloud.Cash - o.RepayDownToBuffers * buffer) : BorrowingDecision.None;
}

/// <summary>
/// A neocloud: finances each month's deliveries with a GPU-backed loan of <c>Finance:GpuLoanAdvanceRate</c> of
/// their cost, and keeps a cash buffer (<c>Borrowing:NeocloudBufferUsdBn</c> plus <c>BufferRevenueShare</c> of
/// revenue) by borrowing, both only while lenders are willing (sentiment at least <c>NeocloudMinSentiment</c>) and
/// its debt stays within <c>Finance:Leverage</c> x (contract backlog + <c>BorrowingBaseRevenueYears</c> x revenue).
/// Refused while its cash is negative, it is insolvent. It repays like <see cref="CashBuffer"/>.
/// </summary>
public sealed class LeveragedBorrowing : IBorrowingPolicy
{
    public BorrowingDecision Finance(Cloud cloud, RuleContext context)
    {
        var o = context.Scenario.Borrowing;
        var buffer = o.NeocloudBufferUsdBn + o.BufferRevenueShare * cloud.RevenueRunRate;
        if (cloud.Cash >= buffer) return CashBuffer.Repayment(cloud, buffer, o);
        var need = buffer - cloud.Cash;
        return LendersWilling(cloud, need, context) ? new(need, 0) : BorrowingDecision.None;
    }

    public double SecuredAdvanceUsdBn(Cloud cloud, IReadOnlyList<Vintage> delivered, RuleContext context)
    {
        double cost = 0;
        foreach (var v in delivered) cost += v.CostUsdBn;
        var advance = context.Scenario.Finance.GpuLoanAdvanceRate * cost;
        return LendersWilling(cloud, advance, context) ? advance : 0;
    }

    private bool LendersWilling(Cloud cloud, double more, RuleContext context)
    {
        var o = context.Scenario.Borrowing;
        var limit = context.Scenario.Finance.Leverage * (Backlog(cloud, context) + o.BorrowingBaseRevenueYears * cloud.RevenueRunRate);
        return context.Market.Sentiment >= o.NeocloudMinSentiment && cloud.Debt + more <= limit;
    }

    // The backlog is asked for at each delivery; it changes only with the month or the contracts held.
    private (int Step, int Contracts, double UsdBn) _backlog = (-1, -1, 0);

    private double Backlog(Cloud cloud, RuleContext context)
    {
        var contracts = cloud.Contracts;
        if (_backlog.Step == context.Step && _backlog.Contracts == contracts.Count) return _backlog.UsdBn;
        double sum = 0;
        for (var i = 0; i < contracts.Count; i++)
        {
            var c = contracts[i];
            sum += c.VolumeH100e * c.PricePerH100eHour * Clock.HoursPerMonth * Math.Max(0, c.EndStep - context.Step);
        }
        _backlog = (context.Step, contracts.Count, sum / 1e9);
        return _backlog.UsdBn;
    }
}

/// <summary>
/// An investment-grade cloud with a rating to keep (the default for hyperscalers and captive builders): issues
/// bonds whenever cash falls below its working balance (<c>Borrowing:MinCashMonths</c> of inflows), at a spread
/// that rises with its leverage, and repays only as its bonds mature. Bondholders stop lending once net debt/EBITDA
/// reaches <c>Borrowing:DistressLeverageMultiple</c> times its limit; a cloud that then cannot pay defaults. Its
/// rating limit (<c>Clouds:&lt;name&gt;:MaxNetDebtToEbitda</c>) bounds new capex: net debt a year ahead (today's,
/// plus AI capex committed and due within the year, less a year of operating cash flow after non-AI capex) may not
/// exceed the limit times EBITDA; what is left is the capex room the capacity rule sees.
/// </summary>
public sealed class RatingLimitBorrowing : IBorrowingPolicy
{
    public BorrowingDecision Finance(Cloud cloud, RuleContext context)
    {
        var finance = context.Scenario.Borrowing;
        var sheet = cloud.Balance;
        var floor = finance.MinCashMonths * sheet.InflowsTtm / 12;
        if (cloud.Cash >= floor || sheet.NetDebtToEbitda >= finance.DistressLeverageMultiple * sheet.MaxNetDebtToEbitda)
            return BorrowingDecision.None;
        return new(floor - cloud.Cash, 0);
    }

    public double CapexRoomUsdBn(Cloud cloud, RuleContext context)
    {
        var sheet = cloud.Balance;
        return sheet.MaxNetDebtToEbitda * Math.Max(0, sheet.EbitdaTtm) - sheet.NetDebt - cloud.CommittedAiCapexUsdBn
            + sheet.OperatingCashFlowTtm;
    }
}
