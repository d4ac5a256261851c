namespace MarketSim.Core.Rules;

/// <summary>Where the spot (GPU-hour) price goes after this month's market has cleared.</summary>
public interface ISpotPricePolicy : IRule
{
    double NextPrice(SpotMarketState state, RuleContext context);
}

/// <summary>
/// The open clouds' spot market this month. <paramref name="Tightness"/> is used over installed capacity plus the
/// share of requests left unserved.
/// </summary>
public readonly record struct SpotMarketState(
    double PriceUsdPerH100eHour, double Tightness, double UsedH100e, double InstalledH100e,
    double RequestedH100e, double FreeH100e, double Fill);

/// <summary>
/// The baseline spot price: moves 1/<c>SpotMarket:AdjustmentMonths</c> of the way each month towards the full cost of
/// new capacity (at an investment-grade cost of capital) times a scarcity factor, floor + slope x clamp(tightness -
/// knee, 0, span) (0.8 + 1.2 x clamp(T - 0.6, 0, 1.5) in the baseline: below cost when capacity is idle, up to 2.6x
/// cost when requests far exceed free capacity); never below <c>PowerCostFloorMultiple</c> x the power cost of the
/// newest accelerators.
/// </summary>
public sealed class ScarcitySpotPrice : ISpotPricePolicy
{
    public double NextPrice(SpotMarketState state, RuleContext context)
    {
        var o = context.Scenario.SpotMarket;
        var price = state.PriceUsdPerH100eHour;
        var target = context.CapacityCost.PerH100eHour(CapitalCharge(context))
            * (o.ScarcityFloor + o.ScarcitySlope * Math.Clamp(state.Tightness - o.TightnessKnee, 0, o.TightnessSpan));
        var floor = o.PowerCostFloorMultiple * context.Trends.PowerCostPerH100eHour(context.CapacityCost.KwPerH100e);
        return Math.Max(floor, price + (target - price) / o.AdjustmentMonths);
    }

    /// <summary>
    /// The cost of capital new capacity is priced at: an investment-grade owner's, at today's rates, so a rate rise
    /// reaches the spot price as it reaches the clouds.
    /// </summary>
    public static double CapitalCharge(RuleContext context) => context.Market.CostOfCapital(neocloud: false);
}
