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
/// A neocloud: keeps a cash buffer (<c>Borrowing:NeocloudBufferUsdBn</c> plus <c>BufferRevenueShare</c> of revenue)
/// by borrowing only while lenders are willing (sentiment at least <c>NeocloudMinSentiment</c>) and its debt stays
/// within <c>Finance:Leverage</c> x (contract backlog + <c>BorrowingBaseRevenueYears</c> x revenue). Refused while
/// its cash is negative, it is insolvent. It repays like <see cref="CashBuffer"/>.
/// </summary>
public sealed class LeveragedBorrowing : IBorrowingPolicy
{
    public BorrowingDecision Finance(Cloud cloud, RuleContext context)
    {
        var o = context.Scenario.Borrowing;
        var buffer = o.NeocloudBufferUsdBn + o.BufferRevenueShare * cloud.RevenueRunRate;
        if (cloud.Cash >= buffer) return CashBuffer.Repayment(cloud, buffer, o);
        var need = buffer - cloud.Cash;
        var backlog = cloud.Contracts.Sum(c => c.VolumeH100e * c.PricePerH100eHour * Clock.HoursPerMonth * Math.Max(0, c.EndStep - context.Step)) / 1e9;
        var limit = context.Scenario.Finance.Leverage * (backlog + o.BorrowingBaseRevenueYears * cloud.RevenueRunRate);
        return context.Market.Sentiment >= o.NeocloudMinSentiment && cloud.Debt + need <= limit ? new(need, 0) : BorrowingDecision.None;
    }
}
