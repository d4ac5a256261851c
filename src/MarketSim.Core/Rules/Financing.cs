using MarketSim.Core.Agents;

namespace MarketSim.Core.Rules;

/// <summary>How a lab raises equity when its cash runs low.</summary>
public interface IFinancingPolicy : IRule
{
    FundingDecision RaiseFunding(Lab lab, double monthlyBurnUsdBn, RuleContext context);
}

public readonly record struct FundingDecision(double AmountUsdBn);

/// <summary>
/// The baseline financing rule: when cash covers less than a year of burn, raise up to what investors would fund
/// (a share of a valuation set by revenue and sentiment), at most every six months; nothing below a sentiment floor.
/// </summary>
public sealed class SentimentFinancing : IFinancingPolicy
{
    public FundingDecision RaiseFunding(Lab lab, double monthlyBurnUsdBn, RuleContext context)
    {
        if (monthlyBurnUsdBn <= 0 || context.Step - lab.LastRoundStep < 6) return new(0);
        if (lab.Cash > 12 * monthlyBurnUsdBn) return new(0);
        var capacity = lab.FundingCapacityUsdBn;
        return new(Math.Min(capacity, Math.Max(24 * monthlyBurnUsdBn, 0.2 * capacity)));
    }
}
