using MarketSim.Core.Agents;
using MarketSim.Core.Engine;

namespace MarketSim.Core.Rules;

/// <summary>Whether a cloud writes a vintage down after this month's depreciation, and to what book value.</summary>
public interface IWriteDownPolicy : IRule
{
    /// <returns>The vintage's new book value in USD bn, or null to keep its book value.</returns>
    double? WriteDownTo(Cloud cloud, Vintage vintage, RuleContext context);

    /// <summary>
    /// Whether the rule may write anything down this month; when it may not, owners need not ask vintage by vintage.
    /// </summary>
    bool ReviewsThisMonth(RuleContext context) => true;
}

/// <summary>
/// The baseline impairment test, every <c>WriteDown:ReviewEveryMonths</c> (a quarter): a vintage is written down to
/// its value in use when that is below <c>ImpairmentShare</c> (80%) of its book value. Value in use is
/// <c>MarginShare</c> (60%) of the margin of the expected market rent over the vintage's cash cost, over the months its
/// owner's retirement rule expects it to serve, at last month's utilization (at least <c>UtilizationFloor</c>, 30%).
/// </summary>
public sealed class ValueInUse : IWriteDownPolicy
{
    public double? WriteDownTo(Cloud cloud, Vintage vintage, RuleContext context)
    {
        var o = context.Scenario.WriteDown;
        if (!ReviewsThisMonth(context) || vintage.BookValueUsdBn <= 0) return null;
        var months = cloud.Rules.Retirement.ExpectedServiceMonths(vintage, context);
        var marginHours = RentOutlook.MarginOver(context, vintage.CashCostPerH100eHour, months) * Clock.HoursPerMonth;
        var utilization = Math.Max(o.UtilizationFloor, cloud.LastUtilization);
        var valueInUse = o.MarginShare * marginHours * vintage.H100e * utilization / 1e9;
        return valueInUse < o.ImpairmentShare * vintage.BookValueUsdBn ? valueInUse : null;
    }

    public bool ReviewsThisMonth(RuleContext context) => context.Step % context.Scenario.WriteDown.ReviewEveryMonths == 0;
}
