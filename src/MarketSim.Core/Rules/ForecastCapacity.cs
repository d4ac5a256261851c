using MarketSim.Core.Agents;
using MarketSim.Core.Market;

namespace MarketSim.Core.Rules;

/// <summary>
/// The baseline cloud rule: plan for contracted volume plus spot and direct demand grown at the rate investors
/// expect (scaled by sentiment), with a 10% buffer; build shells for the build lead time ahead and order chips for
/// the next six months, never more than the powered MW can hold.
/// </summary>
public sealed class ForecastCapacity : ICapacityPolicy
{
    public const int ChipHorizonMonths = 6;

    public CapacityPlan PlanCapacity(Cloud cloud, CapitalMarket market) =>
        CapacityPlanning.Plan(cloud, h => Forecast(cloud, market, h));

    /// <summary>
    /// Demand n months ahead: what labs have signed for up to a year out (they contract a year ahead), grown at the
    /// forecast rate beyond that year, plus spot and direct demand grown at the forecast rate.
    /// </summary>
    private static double Forecast(Cloud cloud, CapitalMarket market, int monthsAhead)
    {
        var step = cloud.World.Clock.Step;
        var signedMonths = Math.Min(monthsAhead, MultiCloudProcurement.HorizonMonths);
        var signed = cloud.ContractedH100eAt(step + signedMonths) * Math.Pow(1 + market.ForecastGrowth, (monthsAhead - signedMonths) / 12.0);
        var spot = cloud.IsCaptive ? 0 : cloud.SpotAndDirectH100eAverage * Math.Pow(1 + market.ForecastGrowth, monthsAhead / 12.0);
        return (signed + spot) * 1.1 * cloud.Options.BuildAmbition;
    }
}

/// <summary>
/// A cautious cloud: builds and orders only for volume already signed in contracts, never for forecast growth.
/// </summary>
public sealed class ContractBackedCapacity : ICapacityPolicy
{
    public CapacityPlan PlanCapacity(Cloud cloud, CapitalMarket market) =>
        CapacityPlanning.Plan(cloud, h => cloud.ContractedH100eAt(cloud.World.Clock.Step + h));
}

/// <summary>Turns a demand forecast (H100e needed n months ahead) into shells to start and chips to order.</summary>
public static class CapacityPlanning
{
    public static CapacityPlan Plan(Cloud cloud, Func<int, double> forecastH100e)
    {
        var w = cloud.World;
        var step = w.Clock.Step;
        var kwNew = w.Trends.KwPerH100e;
        var shellLead = w.Scenario.Power.ShellBuildMonths + w.Scenario.Power.GridWaitMonths;

        var (aliveAtShell, kwAtShell) = cloud.SurvivingFleet(step + shellLead);
        var wantAtShell = forecastH100e(shellLead);
        var neededMw = (kwAtShell + Math.Max(0, wantAtShell - aliveAtShell) * kwNew) / 1000;
        var shellMw = Math.Max(0, neededMw - cloud.PoweredMw - cloud.PipelineMw);

        var chipLead = ForecastCapacity.ChipHorizonMonths;
        var (aliveAtChips, kwAtChips) = cloud.SurvivingFleet(step + chipLead);
        var wantChips = Math.Max(0, forecastH100e(chipLead) - aliveAtChips - cloud.OnOrderH100e);
        var roomKw = (cloud.PoweredMw + cloud.PipelineMwReadyBy(step + chipLead)) * 1000 - kwAtChips - cloud.OnOrderH100e * kwNew;
        var chips = Math.Min(wantChips, Math.Max(0, roomKw / kwNew));
        return new CapacityPlan(shellMw, chips);
    }
}
