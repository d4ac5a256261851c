using MarketSim.Core.Agents;

namespace MarketSim.Core.Rules;

/// <summary>How a lab sets its token price, USD per million tokens.</summary>
public interface IPricingPolicy : IRule
{
    double SetTokenPrice(Lab lab, RuleContext context);
}

/// <summary>
/// The baseline pricing rule: compute cost per million tokens marked up to the lab's target gross margin (a negative
/// target prices below cost, as Anthropic did in 2024: anthropic_gross_margin), moving
/// <c>TokenPricing:Adjustment</c> (a fifth) of the way each month.
/// </summary>
public sealed class CostPlusPricing : IPricingPolicy
{
    public double SetTokenPrice(Lab lab, RuleContext context)
    {
        var target = lab.UnitCostPerMtok / (1 - lab.GrossMarginTarget);
        return lab.TokenPrice <= 0 ? target : lab.TokenPrice + context.Scenario.TokenPricing.Adjustment * (target - lab.TokenPrice);
    }
}

/// <summary>
/// A lab in a price war: it prices at <c>TokenPricing:PriceWarShareOfMarket</c> of the market's average price (a fifth
/// under it) when that is below its cost-plus price, down to <c>PriceWarCostFloor</c> of its unit cost (half),
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
        var o = context.Scenario.TokenPricing;
        var floor = o.PriceWarCostFloor * lab.UnitCostPerMtok;
        return Math.Max(floor, Math.Min(costPlus, o.PriceWarShareOfMarket * market.TokenPrice));
    }
}
