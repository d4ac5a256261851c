using MarketSim.Core.Agents;

namespace MarketSim.Core.Rules;

/// <summary>Where a lab's target gross margin goes this month, before its pricing rule prices to it.</summary>
public interface IMarginDriftPolicy : IRule
{
    double MarginTarget(Lab lab, RuleContext context);
}

/// <summary>
/// The baseline margin drift: as labs mature, target gross margins move 1/<c>MarginDriftMonths</c> of the way to
/// <c>MatureGrossMargin</c> each month (the lab's own parameters).
/// </summary>
public sealed class MaturingMargin : IMarginDriftPolicy
{
    public double MarginTarget(Lab lab, RuleContext context) =>
        lab.GrossMarginTarget + (lab.Options.MatureGrossMargin - lab.GrossMarginTarget) / lab.Options.MarginDriftMonths;
}
