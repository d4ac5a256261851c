using MarketSim.Core.Agents;

namespace MarketSim.Core.Rules;

/// <summary>Where a lab's target gross margin goes this month, before its pricing rule prices to it.</summary>
public interface IMarginDriftPolicy : IRule
{
    double MarginTarget(Lab lab, RuleContext context);
}

/// <summary>The baseline margin drift: target gross margins move a 36th of the way to 45% each month as labs mature.</summary>
public sealed class MaturingMargin : IMarginDriftPolicy
{
    public double MarginTarget(Lab lab, RuleContext context) => lab.GrossMarginTarget + (0.45 - lab.GrossMarginTarget) / 36;
}
