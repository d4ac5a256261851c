using MarketSim.Core.Market;

namespace MarketSim.Core.Rules;

/// <summary>The market rent per H100e-hour this month, set once contracts are served and before spot hours are sold.</summary>
public interface ISpotPricePolicy : IRule
{
    /// <param name="book">What the open clouds offer and buyers ask for at any rent; last month's rent.</param>
    double Rent(SpotBook book, RuleContext context);
}

/// <summary>
/// The baseline rent: the price at which free capacity meets demand, found by bisection, approached by
/// <c>Market:RentAdjustmentShare</c> of the way from last month's rent (1 clears at once). In a glut the rent falls
/// towards the cash cost of the marginal accelerator on offer; when demand exceeds supply it rises, at most to the
/// ceiling: what an hour earns the best-paid lab in tokens.
/// </summary>
public sealed partial class ClearingRent : ISpotPricePolicy
{
    // The bracket is halved until it is a billionth of the rent wide: far finer than any price anyone quotes.
    private const double Tolerance = 1e-9;

    public double Rent(SpotBook book, RuleContext context)
    {
        var lowest = context.Scenario.Market.LowestRentUsdPerH100eHour;
        var target = ClearingPrice(book, lowest);
        var last = book.LastRent;
        return Math.Max(lowest, last + context.Scenario.Market.RentAdjustmentShare * (target - last));
    }

    /// <summary>The rent at which demand no longer exceeds supply, within [cheapest cash cost, ceiling].</summary>
    public static double ClearingPrice(SpotBook book, double lowestRent)
    {
        var ceiling = book.Ceiling > 0 ? book.Ceiling : book.LastRent;
        if (book.FreeH100e <= 0) return book.Demand(ceiling) > 0 ? ceiling : book.LastRent;
        var lo = Math.Max(lowestRent, book.LowestCashCost);
        var excess = new ExcessDemand(book);
        var atLo = excess.At(lo);
        if (atLo <= 0) return lo;
        var hi = Math.Max(lo, ceiling);
        var atHi = excess.At(hi);
        if (atHi > 0) return hi;
        var halvings = new Halvings(book, lo, atLo, hi, atHi);
        halvings.Narrow(ref excess, Tolerance / 4 * lo);
        while (hi - lo > Tolerance * hi)
        {
            var mid = 0.5 * (lo + hi);
            if (halvings.Positive(ref excess, mid)) lo = mid; else hi = mid;
        }
        return hi;
    }
}

/// <summary>
/// The alternative rent, cost-plus: moves 1/<c>SpotMarket:AdjustmentMonths</c> of the way each month towards the full
/// cost of new capacity (at an investment-grade cost of capital) times a scarcity factor, floor + slope x
/// clamp(last month's tightness - knee, 0, span) (0.8 + 1.2 x clamp(T - 0.6, 0, 1.5) by default: below cost when
/// capacity is idle, up to 2.6x cost when requests far exceed free capacity); never below
/// <c>PowerCostFloorMultiple</c> x the power cost of the newest accelerators. The book is not consulted: the rent
/// follows cost, whatever buyers would pay.
/// </summary>
public sealed class CostPlusRent : ISpotPricePolicy
{
    public double Rent(SpotBook book, RuleContext context)
    {
        var o = context.Scenario.SpotMarket;
        var price = book.LastRent;
        var target = context.CapacityCost.PerH100eHour(CapitalCharge(context))
            * (o.ScarcityFloor + o.ScarcitySlope * Math.Clamp(context.Market.Tightness - o.TightnessKnee, 0, o.TightnessSpan));
        var floor = o.PowerCostFloorMultiple * context.Trends.PowerCostPerH100eHour(context.CapacityCost.KwPerH100e);
        return Math.Max(floor, price + (target - price) / o.AdjustmentMonths);
    }

    /// <summary>
    /// The cost of capital new capacity is priced at: an investment-grade owner's, at today's rates, so a rate rise
    /// reaches the spot price as it reaches the clouds.
    /// </summary>
    public static double CapitalCharge(RuleContext context) => context.Market.CostOfCapital(neocloud: false);
}
