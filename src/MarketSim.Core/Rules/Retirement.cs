using MarketSim.Core.Engine;
using MarketSim.Core.Agents;

namespace MarketSim.Core.Rules;

/// <summary>
/// Whether a cloud takes a vintage of accelerators out of service this month, and what the rule expects of the fleet
/// later: capacity planning counts the vintages it expects still in service, write-downs value a vintage over the
/// months it expects it to serve.
/// </summary>
public interface IRetirementPolicy : IRule
{
    bool Retires(Cloud cloud, Vintage vintage, RuleContext context);

    /// <summary>Which of today's vintages the rule expects still in service some months from now.</summary>
    ServiceOutlook Outlook(int monthsAhead, RuleContext context) =>
        new(context.Scenario.Hardware.MaxLifeYears * 12, double.PositiveInfinity);

    /// <summary>Months the rule expects the vintage to stay in service from now.</summary>
    double ExpectedServiceMonths(Vintage vintage, RuleContext context) =>
        Math.Max(0, context.Scenario.Hardware.MaxLifeYears * 12 - (context.Step - vintage.InstalledStep));
}

/// <summary>
/// A vintage expected in service at a future step: younger than <paramref name="MaxAgeMonths"/> then, and with a
/// cash cost per H100e-hour of at most <paramref name="MaxCashCostPerH100eHour"/>.
/// </summary>
public readonly record struct ServiceOutlook(double MaxAgeMonths, double MaxCashCostPerH100eHour)
{
    public bool Serves(Vintage vintage, int atStep) => YoungEnough(vintage, atStep) && CheapEnough(vintage);

    /// <summary>Under the age limit at <paramref name="atStep"/>: along a fleet in install order, false and then true.</summary>
    public bool YoungEnough(Vintage vintage, int atStep) => atStep - vintage.InstalledStep < MaxAgeMonths;

    public bool CheapEnough(Vintage vintage) => vintage.CashCostPerH100eHour <= MaxCashCostPerH100eHour;
}

/// <summary>
/// The baseline retirement, economic life as an outcome: a vintage runs while the market rent per H100e-hour covers
/// its cash cost (power at its kW per H100e x PUE x power price, plus operations) and retires after
/// <c>Hardware:UneconomicMonthsToRetire</c> consecutive months below it, or at <c>Hardware:MaxLifeYears</c>.
/// Newer generations' lower cost per H100e-hour push the rent down, so they retire the power-hungry ones.
/// </summary>
public sealed class CashCostRetirement : IRetirementPolicy
{
    public bool Retires(Cloud cloud, Vintage vintage, RuleContext context) =>
        vintage.MonthsBelowCashCost >= context.Scenario.Hardware.UneconomicMonthsToRetire
        || context.Step - vintage.InstalledStep >= context.Scenario.Hardware.MaxLifeYears * 12;

    /// <summary>Vintages whose cash cost the rent is expected to cover until the last months that could retire them.</summary>
    public ServiceOutlook Outlook(int monthsAhead, RuleContext context)
    {
        var patience = context.Scenario.Hardware.UneconomicMonthsToRetire;
        return new(context.Scenario.Hardware.MaxLifeYears * 12, RentOutlook.ExpectedRent(context, Math.Max(0, monthsAhead - patience)));
    }

    public double ExpectedServiceMonths(Vintage vintage, RuleContext context)
    {
        var hardware = context.Scenario.Hardware;
        var toMaxLife = hardware.MaxLifeYears * 12 - (context.Step - vintage.InstalledStep);
        var toUneconomic = RentOutlook.MonthsCovering(context, vintage.CashCostPerH100eHour)
            + hardware.UneconomicMonthsToRetire - vintage.MonthsBelowCashCost;
        return Math.Max(0, Math.Min(toMaxLife, toUneconomic));
    }
}

/// <summary>
/// The fixed-life alternative: a vintage leaves service at <c>Hardware:FixedLifeRetirement:EconomicLifeYears</c>,
/// whatever it earns.
/// </summary>
public sealed class FixedLifeRetirement : IRetirementPolicy
{
    public bool Retires(Cloud cloud, Vintage vintage, RuleContext context) =>
        context.Step - vintage.InstalledStep >= LifeMonths(context);

    public ServiceOutlook Outlook(int monthsAhead, RuleContext context) => new(LifeMonths(context), double.PositiveInfinity);

    public double ExpectedServiceMonths(Vintage vintage, RuleContext context) =>
        Math.Max(0, LifeMonths(context) - (context.Step - vintage.InstalledStep));

    private static double LifeMonths(RuleContext context) => context.Scenario.Hardware.FixedLifeRetirement.EconomicLifeYears * 12;
}

/// <summary>
/// What owners expect of the market rent per H100e-hour: today's, falling at the pace of hardware price-performance
/// (<c>Trends:HardwareOomPerYear</c>), since newer generations' lower cost per H100e-hour is what pushes it down.
/// </summary>
public static class RentOutlook
{
    /// <summary>The rent a vintage earns per H100e-hour this month: the market's GPU-hour price.</summary>
    public static double CurrentRent(RuleContext context) => context.Market.GpuHourPrice;

    public static double ExpectedRent(RuleContext context, double monthsAhead) =>
        CurrentRent(context) * context.Recent.Exp(LogMonthlyFactor(context) * monthsAhead);

    /// <summary>Months from now during which the expected rent stays at or above a cash cost (infinite if it never falls).</summary>
    public static double MonthsCovering(RuleContext context, double cashCostPerH100eHour)
    {
        var rent = CurrentRent(context);
        if (rent < cashCostPerH100eHour) return 0;
        var logFactor = LogMonthlyFactor(context);
        return logFactor >= 0 || cashCostPerH100eHour <= 0
            ? double.PositiveInfinity
            : TableMath.Log(cashCostPerH100eHour / rent) / logFactor;
    }

    /// <summary>
    /// The sum of the expected rent less a cash cost over the next months, per H100e-hour of each month, counting only
    /// the months the expected rent covers the cash cost.
    /// </summary>
    public static double MarginOver(RuleContext context, double cashCostPerH100eHour, double months)
    {
        var rent = CurrentRent(context);
        if (months <= 0 || rent < cashCostPerH100eHour) return 0;
        var logFactor = LogMonthlyFactor(context);
        if (logFactor >= 0) return rent * months - cashCostPerH100eHour * months;
        // Valued every quarter for every vintage: the rent at the end of the months tells, without a logarithm,
        // whether it still covers the cash cost there; only when it does not are the months cut to those it covers.
        var growth = SmallExponents.ExpM1(logFactor * months);
        if (cashCostPerH100eHour > rent * (1 + growth))
        {
            months = TableMath.Log(cashCostPerH100eHour / rent) / logFactor;
            if (months <= 0) return 0;
            growth = SmallExponents.ExpM1(logFactor * months);
        }
        return rent * (growth / context.Trends.MonthlyHardwareCostFactorMinusOne) - cashCostPerH100eHour * months;
    }

    // The rent falls by a factor 10^(-HardwareOomPerYear / 12) a month.
    private static double LogMonthlyFactor(RuleContext context) => context.Trends.LogMonthlyHardwareCostFactor;
}
