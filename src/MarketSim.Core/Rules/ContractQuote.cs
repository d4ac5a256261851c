using MarketSim.Core.Agents;

namespace MarketSim.Core.Rules;

/// <summary>The price per H100e-hour a cloud quotes a lab for a new contract.</summary>
public interface IContractQuotePolicy : IRule
{
    double QuotePerH100eHour(Cloud cloud, RuleContext context);
}

/// <summary>
/// The baseline contract quote: the full cost of new capacity at the cloud's cost of capital, marked up 15% plus
/// up to 50% more as capacity tightens, never below 80% of that cost nor above 1.6x the spot price less the term
/// discount.
/// </summary>
public sealed class FullCostQuote : IContractQuotePolicy
{
    public double QuotePerH100eHour(Cloud cloud, RuleContext context)
    {
        var market = context.Market;
        var atCost = context.CapacityCost.PerH100eHour(cloud.CostOfCapital) * (1 + 0.15 + 0.5 * Math.Clamp(market.Tightness - 0.85, 0, 1));
        return Math.Max(0.8 * atCost, Math.Min(atCost, market.GpuHourPrice * (1 - context.Scenario.Procurement.ContractDiscount) * 1.6));
    }
}
