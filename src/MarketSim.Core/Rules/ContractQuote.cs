using MarketSim.Core.Agents;

namespace MarketSim.Core.Rules;

/// <summary>The price per H100e-hour a cloud quotes a lab for a new contract.</summary>
public interface IContractQuotePolicy : IRule
{
    double QuotePerH100eHour(Cloud cloud, RuleContext context);
}

/// <summary>
/// The baseline contract quote follows the market: the rent expected over the term (the market rent, which already
/// moves only part of the way towards clearing each month) less the term discount (<c>Procurement:ContractDiscount</c>),
/// never below the cash cost of running new capacity (its power and operations).
/// </summary>
public sealed class ExpectedRentQuote : IContractQuotePolicy
{
    public double QuotePerH100eHour(Cloud cloud, RuleContext context)
    {
        var cashCost = context.Trends.PowerCostPerH100eHour(context.CapacityCost.KwPerH100e)
            + context.Scenario.Hardware.OperationsUsdPerH100eHour;
        return Math.Max(cashCost, context.Market.GpuHourPrice * (1 - context.Scenario.Procurement.ContractDiscount));
    }
}

/// <summary>
/// The alternative contract quote, at cost: the full cost of new capacity at the cloud's cost of capital, marked up
/// (<c>ContractPricing:Markup</c>) plus up to <c>ScarcityMarkup</c> more as tightness rises past <c>TightnessKnee</c>,
/// never below <c>CostFloorShare</c> of that cost nor above <c>SpotCeilingMultiple</c> x the spot price less the
/// term discount (<c>Procurement:ContractDiscount</c>).
/// </summary>
public sealed class FullCostQuote : IContractQuotePolicy
{
    public double QuotePerH100eHour(Cloud cloud, RuleContext context)
    {
        var market = context.Market;
        var o = context.Scenario.ContractPricing;
        var atCost = context.CapacityCost.PerH100eHour(cloud.CostOfCapital) * (1 + o.Markup + o.ScarcityMarkup * Math.Clamp(market.Tightness - o.TightnessKnee, 0, 1));
        return Math.Max(o.CostFloorShare * atCost, Math.Min(atCost, market.GpuHourPrice * (1 - context.Scenario.Procurement.ContractDiscount) * o.SpotCeilingMultiple));
    }
}
