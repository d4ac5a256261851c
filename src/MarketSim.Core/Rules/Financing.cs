using MarketSim.Core.Agents;

namespace MarketSim.Core.Rules;

/// <summary>How a lab raises equity when its cash runs low.</summary>
public interface IFinancingPolicy : IRule
{
    FundingDecision RaiseFunding(Lab lab, double monthlyBurnUsdBn, RuleContext context);
}

public readonly record struct FundingDecision(double AmountUsdBn);

/// <summary>
/// The baseline financing rule: when cash covers less than <c>Funding:RaiseBelowRunwayMonths</c> of burn, raise
/// <c>RoundRunwayMonths</c> of burn (at least <c>MinRoundShareOfCapacity</c> of what investors would fund, at most all
/// of it), at most every <c>MinMonthsBetweenRounds</c>.
/// </summary>
public sealed class SentimentFinancing : IFinancingPolicy
{
    public FundingDecision RaiseFunding(Lab lab, double monthlyBurnUsdBn, RuleContext context)
    {
        var o = context.Scenario.Funding;
        if (monthlyBurnUsdBn <= 0 || context.Step - lab.LastRoundStep < o.MinMonthsBetweenRounds) return new(0);
        if (lab.Cash > o.RaiseBelowRunwayMonths * monthlyBurnUsdBn) return new(0);
        var capacity = lab.FundingCapacityUsdBn;
        return new(Math.Min(capacity, Math.Max(o.RoundRunwayMonths * monthlyBurnUsdBn, o.MinRoundShareOfCapacity * capacity)));
    }
}
