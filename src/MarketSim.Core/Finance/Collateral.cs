using MarketSim.Core.Agents;
using MarketSim.Core.Engine;
using MarketSim.Core.Rules;

namespace MarketSim.Core.Finance;

/// <summary>
/// What accelerators are worth to a lender who takes them: their rental margin over power at today's market rent, at
/// the owner's utilization, over the months left in their economic life, discounted at a neocloud lender's rate. So
/// collateral falls with the rent, with age, and with a generation's power draw; a glut can wipe it out.
/// </summary>
public static class Collateral
{
    public static double ValueUsdBn(Vintage vintage, RuleContext context, double utilization)
    {
        var remainingMonths = context.Scenario.Hardware.EconomicLifeYears * 12 - (context.Step - vintage.InstalledStep);
        if (remainingMonths <= 0) return 0;
        var market = context.Market;
        var margin = Math.Max(0, market.GpuHourPrice - context.Trends.PowerCostPerH100eHour(vintage.KwPerH100e));
        var monthly = vintage.H100e * margin * Clock.HoursPerMonth * Math.Clamp(utilization, 0, 1) / 1e9;
        var rate = (market.RiskFreeRate + market.NeocloudSpread) / 12;
        return monthly * (1 - Math.Pow(1 + rate, -remainingMonths)) / rate;
    }
}
