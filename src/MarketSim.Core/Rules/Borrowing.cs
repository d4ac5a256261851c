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
/// An investment-grade cloud (hyperscaler or captive builder): borrows whatever keeps a cash buffer of 2 bn plus 5%
/// of revenue, and repays debt down to twice the buffer once cash exceeds three buffers. Lenders never refuse it.
/// </summary>
public sealed class CashBuffer : IBorrowingPolicy
{
    public BorrowingDecision Finance(Cloud cloud, RuleContext context)
    {
        var buffer = 2 + 0.05 * cloud.RevenueRunRate;
        if (cloud.Cash < buffer) return new(buffer - cloud.Cash, 0);
        return cloud.Debt > 0 && cloud.Cash > 3 * buffer ? new(0, cloud.Cash - 2 * buffer) : BorrowingDecision.None;
    }
}

/// <summary>
/// A neocloud: keeps a cash buffer of 0.5 bn plus 5% of revenue by borrowing only while lenders are willing
/// (sentiment at least 0.45) and its debt stays within <c>Finance:Leverage</c> x (contract backlog + 3 x revenue).
/// Refused while its cash is negative, it is insolvent.
/// </summary>
public sealed class LeveragedBorrowing : IBorrowingPolicy
{
    public BorrowingDecision Finance(Cloud cloud, RuleContext context)
    {
        var buffer = 0.5 + 0.05 * cloud.RevenueRunRate;
        if (cloud.Cash < buffer)
        {
            var need = buffer - cloud.Cash;
            var backlog = cloud.Contracts.Sum(c => c.VolumeH100e * c.PricePerH100eHour * Clock.HoursPerMonth * Math.Max(0, c.EndStep - context.Step)) / 1e9;
            var limit = context.Scenario.Finance.Leverage * (backlog + 3 * cloud.RevenueRunRate);
            return context.Market.Sentiment >= 0.45 && cloud.Debt + need <= limit ? new(need, 0) : BorrowingDecision.None;
        }
        return cloud.Debt > 0 && cloud.Cash > 3 * buffer ? new(0, cloud.Cash - 2 * buffer) : BorrowingDecision.None;
    }
}
