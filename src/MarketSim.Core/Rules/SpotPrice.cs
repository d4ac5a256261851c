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
/// The baseline spot price: moves a sixth of the way each month towards the full cost of new capacity times a
/// scarcity factor, 0.8 + 1.2 x clamp(tightness - 0.6, 0, 1.5): below cost when capacity is idle, up to 2.6x cost
/// when requests far exceed free capacity; never below twice the power cost of the newest accelerators.
/// </summary>
public sealed class ScarcitySpotPrice : ISpotPricePolicy
{
    public double NextPrice(SpotMarketState state, RuleContext context)
    {
        var finance = context.Scenario.Finance;
        var price = state.PriceUsdPerH100eHour;
        var target = context.CapacityCost.PerH100eHour(finance.RiskFreeRate + 0.02 + finance.InvestmentGradeSpread)
            * (0.8 + 1.2 * Math.Clamp(state.Tightness - 0.6, 0, 1.5));
        var floor = 2 * context.Trends.PowerCostPerH100eHour(context.Trends.KwPerH100e);
        return Math.Max(floor, price + (target - price) / 6);
    }
}
