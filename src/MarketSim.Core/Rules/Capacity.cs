using MarketSim.Core.Engine;
using MarketSim.Core.Agents;

namespace MarketSim.Core.Rules;

/// <summary>How a cloud decides how many MW to build and how many accelerators to order this month.</summary>
public interface ICapacityPolicy : IRule
{
    CapacityPlan PlanCapacity(Cloud cloud, RuleContext context);
}

/// <param name="ShellMw">MW of new data-center shells to start (the grid may connect less).</param>
/// <param name="ChipsH100e">Accelerators to order now, in H100-equivalents.</param>
/// <param name="FinancingCutUsdBn">Capex left out of the plan because the cloud could not finance it.</param>
public readonly record struct CapacityPlan(double ShellMw, double ChipsH100e, double FinancingCutUsdBn = 0);

/// <summary>
/// The baseline cloud rule: plan for contracted volume plus spot and direct demand grown at the rate investors
/// expect (scaled by sentiment), with a buffer (<c>Capacity:ForecastBuffer</c>); build shells for the build lead time
/// ahead and order chips for <c>Capacity:ChipHorizonMonths</c> ahead, never more than the powered MW can hold.
/// </summary>
public sealed class ForecastCapacity : ICapacityPolicy
{
    // Each cloud has its own rule instance, asked every month with the same cloud and context: the forecast's
    // delegate is made once for them, not once a month.
    private (Cloud Cloud, RuleContext Context, Func<int, double> Forecast)? _forecast;

    public CapacityPlan PlanCapacity(Cloud cloud, RuleContext context)
    {
        if (_forecast is not { } f || f.Cloud != cloud || f.Context != context)
            _forecast = f = (cloud, context, ForecastOf(cloud, context));
        return CapacityPlanning.Plan(cloud, context, f.Forecast);
    }

    private static Func<int, double> ForecastOf(Cloud cloud, RuleContext context) => h => Forecast(cloud, context, h);

    /// <summary>
    /// Demand n months ahead: what labs have signed for up to <c>Capacity:SignedHorizonMonths</c> out, grown at the
    /// forecast rate beyond that (or what is signed for that month, if more: long-dated deals), plus spot and direct
    /// demand grown at the forecast rate.
    /// </summary>
    private static double Forecast(Cloud cloud, RuleContext context, int monthsAhead)
    {
        var market = context.Market;
        var o = context.Scenario.Capacity;
        var signedMonths = Math.Min(monthsAhead, o.SignedHorizonMonths);
        var signed = Math.Max(cloud.ContractedH100eAt(context.Step + monthsAhead),
            cloud.ContractedH100eAt(context.Step + signedMonths) * context.Recent.Pow(1 + market.ForecastGrowth, (monthsAhead - signedMonths) / 12.0));
        var spot = cloud.IsCaptive ? 0 : cloud.SpotAndDirectH100eAverage * context.Recent.Pow(1 + market.ForecastGrowth, monthsAhead / 12.0);
        return (signed + spot) * o.ForecastBuffer * cloud.Options.BuildAmbition;
    }
}

/// <summary>
/// A cautious cloud: builds and orders only for volume already signed in contracts, never for forecast growth.
/// </summary>
public sealed class ContractBackedCapacity : ICapacityPolicy
{
    public CapacityPlan PlanCapacity(Cloud cloud, RuleContext context) =>
        CapacityPlanning.Plan(cloud, context, h => cloud.ContractedH100eAt(context.Step + h));
}

/// <summary>
/// Turns a demand forecast (H100e needed n months ahead) into shells to start and chips to order, at the kW per H100e
/// of the generations its vendors will ship by then. The fleet it counts on is what its retirement rule expects still
/// in service then (cash cost against the expected rent, or the maximum life), not a fixed economic life.
/// </summary>
public static class CapacityPlanning
{
    public static CapacityPlan Plan(Cloud cloud, RuleContext context, Func<int, double> forecastH100e)
    {
        var step = context.Step;
        var power = context.Scenario.Power;
        // Shells are planned for their expected lead: the build, plus the grid wait of the share that needs new grid.
        var shellLead = power.ShellBuildMonths + (int)Math.Round(power.NewGridShare * power.GridWaitMonths);

        var chipLead = context.Scenario.Capacity.ChipHorizonMonths;
        var ((aliveAtShell, kwAtShell), (aliveAtChips, kwAtChips)) = cloud.SurvivingFleet(shellLead, chipLead);
        var wantAtShell = forecastH100e(shellLead);
        var neededMw = (kwAtShell + Math.Max(0, wantAtShell - aliveAtShell) * cloud.NewChipsKwPerH100e(shellLead)) / 1000;
        var shellMw = Math.Max(0, neededMw - cloud.PoweredMw - cloud.PipelineMw);

        var kwNew = cloud.NewChipsKwPerH100e(chipLead);
        var wantChips = Math.Max(0, forecastH100e(chipLead) - aliveAtChips - cloud.OnOrderH100e);
        var roomKw = (cloud.PoweredMw + cloud.PipelineMwReadyBy(step + chipLead)) * 1000 - kwAtChips - cloud.OnOrderH100e * kwNew;
        var chips = Math.Min(wantChips, Math.Max(0, roomKw / kwNew));
        return WithinFinancing(cloud, context, new CapacityPlan(shellMw, chips));
    }

    /// <summary>
    /// Scales a plan down to the capex the cloud can still finance (<see cref="Cloud.CapexRoomUsdBn"/>), counting what
    /// the plan costs within the financing horizon: the chips, and the shell instalments due in it.
    /// </summary>
    public static CapacityPlan WithinFinancing(Cloud cloud, RuleContext context, CapacityPlan plan)
    {
        var room = cloud.CapexRoomUsdBn;
        if (double.IsPositiveInfinity(room)) return plan;
        var power = context.Scenario.Power;
        var buildMonths = Math.Max(1, power.ShellBuildMonths + power.GridWaitMonths);
        var cost = plan.ChipsH100e * context.CapacityCost.ChipPriceUsdPerH100e() / 1e9
            + plan.ShellMw * power.ShellCostUsdMPerMw / 1000 * Math.Min(1.0, (double)Cloud.FinancingHorizonMonths / buildMonths);
        if (cost <= Math.Max(0, room)) return plan;
        var scale = Math.Max(0, room) / cost;
        return new CapacityPlan(plan.ShellMw * scale, plan.ChipsH100e * scale, cost * (1 - scale));
    }
}
