using MarketSim.Core.Agents;

namespace MarketSim.Core.Rules;

/// <summary>How a lab sets its token price, USD per million tokens.</summary>
public interface IPricingPolicy : IRule
{
    double SetTokenPrice(Lab lab, RuleContext context);
}

/// <summary>
/// The baseline pricing rule: compute cost per million tokens marked up to the lab's target gross margin (a negative
/// target prices below cost, as Anthropic did in 2024: anthropic_gross_margin), moving a fifth of the way each month.
/// </summary>
public sealed class CostPlusPricing : IPricingPolicy
{
    public double SetTokenPrice(Lab lab, RuleContext context)
    {
        var target = lab.UnitCostPerMtok / (1 - lab.GrossMarginTarget);
        return lab.TokenPrice <= 0 ? target : lab.TokenPrice + 0.2 * (target - lab.TokenPrice);
    }
}

/// <summary>
/// A lab in a price war: it undercuts the market's average price by a fifth, down to half of its unit cost,
/// trading margin for share.
/// </summary>
public sealed class PriceWarPricing : IPricingPolicy
{
    private readonly CostPlusPricing _costPlus = new();

    public double SetTokenPrice(Lab lab, RuleContext context)
    {
        var costPlus = _costPlus.SetTokenPrice(lab, context);
        var market = context.Market;
        if (market.TokenPrice <= 0) return costPlus;
        var floor = 0.5 * lab.UnitCostPerMtok;
        return Math.Max(floor, Math.Min(costPlus, 0.8 * market.TokenPrice));
    }
}
