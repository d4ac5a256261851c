using MarketSim.Core.Agents;
using MarketSim.Core.Engine;

namespace MarketSim.Core.Rules;

/// <summary>How end users' spending on labs splits between them: one weight per lab (any scale).</summary>
public interface IDemandSplitPolicy : IRule
{
    void Weigh(IReadOnlyList<Lab> labs, double frontierCapability, double averageTokenPrice, Span<double> weights, RuleContext context);
}

/// <summary>
/// The baseline split: logit weights brand x monetization x exp(w (capability - frontier)) x (price / average
/// price)^e, with w = <c>Demand:LabChoiceCapabilityWeight</c> and e = <c>Demand:LabChoicePriceExponent</c>.
/// </summary>
public sealed class LogitDemandSplit : IDemandSplitPolicy
{
    public void Weigh(IReadOnlyList<Lab> labs, double frontierCapability, double averageTokenPrice, Span<double> weights, RuleContext context)
    {
        var o = context.Scenario.Demand;
        for (var i = 0; i < labs.Count; i++)
        {
            var l = labs[i];
            weights[i] = l.Options.Brand * l.Options.Monetization * TableMath.Exp(o.LabChoiceCapabilityWeight * (l.Capability - frontierCapability))
                * TableMath.Pow(Math.Max(l.TokenPrice, 1e-9) / averageTokenPrice, o.LabChoicePriceExponent);
        }
    }
}
