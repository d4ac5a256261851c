using MarketSim.Core.Agents;

namespace MarketSim.Core.Rules;

/// <summary>How a lab raises equity when its cash runs low.</summary>
public interface IFinancingPolicy : IRule
{
    FundingDecision RaiseFunding(Lab lab, double monthlyBurnUsdBn, RuleContext context);
}

/// <param name="AmountUsdBn">The equity round to raise now (0 for none).</param>
/// <param name="CutTraining">The lab cannot fund a year of burn: it stops contracting compute for training.</param>
/// <param name="BorrowUsdBn">A loan from <c>Lenders</c> to draw now (0 for none).</param>
public readonly record struct FundingDecision(double AmountUsdBn, bool CutTraining = false, double BorrowUsdBn = 0);

/// <summary>
/// The baseline financing rule: when cash covers less than <c>Funding:RaiseBelowRunwayMonths</c> of burn, raise
/// <c>RoundRunwayMonths</c> of burn, at most every <c>MinMonthsBetweenRounds</c> and no more than investors would fund
/// (a share of a valuation set by revenue and sentiment, within what is left of the year's investor pool; nothing
/// below a sentiment floor). What equity does not cover of <c>RaiseBelowRunwayMonths</c> of burn the lab borrows,
/// while lenders lend (sentiment at least <c>Funding:MinSentimentForLending</c>) and its debt stays within
/// <c>Finance:Leverage</c> x its revenue. A lab that still cannot cover that much burn cuts training.
/// </summary>
public sealed class SentimentFinancing : IFinancingPolicy
{
    public FundingDecision RaiseFunding(Lab lab, double monthlyBurnUsdBn, RuleContext context)
    {
        var o = context.Scenario.Funding;
        var runway = o.RaiseBelowRunwayMonths * monthlyBurnUsdBn;
        if (monthlyBurnUsdBn <= 0 || lab.Cash > runway) return new(0);
        var equity = context.Step - lab.LastRoundStep < o.MinMonthsBetweenRounds
            ? 0 : Math.Min(lab.FundingCapacityUsdBn, o.RoundRunwayMonths * monthlyBurnUsdBn);
        var debtRoom = context.Market.Sentiment >= o.MinSentimentForLending
            ? Math.Max(0, context.Scenario.Finance.Leverage * lab.RevenueRunRate - lab.Debt) : 0;
        var borrow = Math.Min(debtRoom, Math.Max(0, runway - lab.Cash - equity));
        return new(equity, lab.Cash + equity + borrow < runway, borrow);
    }
}
