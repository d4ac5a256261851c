using System.Runtime.CompilerServices;
using MarketSim.Core.Engine;
using MarketSim.Core.Rules;

namespace MarketSim.Core.Agents;

/// <summary>
/// The two questions a cloud's month asks of every vintage it holds: does the retirement rule take it out of service,
/// and does the write-down rule write it down (asked only in months the rule reviews). Implemented as structs so the
/// fleet walk is compiled once per kind of answer and the built-in rules' arithmetic is inlined into it.
/// </summary>
internal interface IFleetReview
{
    bool Retires(Vintage vintage);

    /// <returns>The vintage's new book value in USD bn, or null to keep it.</returns>
    double? WriteDownTo(Vintage vintage);
}

/// <summary>Any pair of rules, asked through their interfaces: a rule of one's own is asked exactly as written.</summary>
internal readonly struct RuleFleetReview(Cloud cloud, RuleContext context) : IFleetReview
{
    private readonly IRetirementPolicy _retirement = cloud.Rules.Retirement;
    private readonly IWriteDownPolicy _writeDown = cloud.Rules.WriteDown;

    public bool Retires(Vintage vintage) => _retirement.Retires(cloud, vintage, context);

    public double? WriteDownTo(Vintage vintage) => _writeDown.WriteDownTo(cloud, vintage, context);
}

/// <summary>
/// The baseline pair, <see cref="CashCostRetirement"/> with <see cref="ValueInUse"/>, with what is the same for every
/// vintage this month read once: the same operations in the same order as the rules', so the same bits. The one
/// logarithm a vintage's value in use can need twice (the months the rent covers its cash cost, and the months its
/// margin is summed over when cut to those) is taken once, and logarithms and exponentials already taken for the same
/// argument are remembered (<see cref="RecentResults"/>). What depends only on a cash cost, and on the months valued
/// over, is worked out once a review for all the vintages that share them (<see cref="MarginsByCashCost"/>).
/// </summary>
internal readonly struct BuiltInFleetReview : IFleetReview
{
    private readonly int _step, _patience;
    private readonly double _maxLifeMonths, _rent, _logFactor, _factorMinusOne;
    private readonly double _marginShare, _utilization, _impairmentShare;
    private readonly RecentResults _recent;
    private readonly MarginsByCashCost _margins;

    public BuiltInFleetReview(Cloud cloud, RuleContext context)
    {
        var hardware = context.Scenario.Hardware;
        var writeDown = context.Scenario.WriteDown;
        _step = context.Step;
        _patience = hardware.UneconomicMonthsToRetire;
        _maxLifeMonths = hardware.MaxLifeYears * 12;
        _rent = RentOutlook.CurrentRent(context);
        _logFactor = context.Trends.LogMonthlyHardwareCostFactor;
        _factorMinusOne = context.Trends.MonthlyHardwareCostFactorMinusOne;
        _marginShare = writeDown.MarginShare;
        _utilization = Math.Max(writeDown.UtilizationFloor, cloud.LastUtilization);
        _impairmentShare = writeDown.ImpairmentShare;
        _recent = context.Recent;
        _margins = cloud.World.Buffers.Margins.Begin();
    }

    /// <summary>Whether a cloud's rules are the baseline pair this review stands for.</summary>
    public static bool Applies(CloudRuleSet rules) => rules.Retirement is CashCostRetirement && rules.WriteDown is ValueInUse;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Retires(Vintage vintage) =>
        vintage.MonthsBelowCashCost >= _patience || _step - vintage.InstalledStep >= _maxLifeMonths;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double? WriteDownTo(Vintage vintage)
    {
        if (vintage.BookValueUsdBn <= 0) return null;
        var cash = vintage.CashCostPerH100eHour;
        ref var margins = ref _margins.For(cash, out var known);
        if (!known) (margins.Covering, margins.LogMonths) = MonthsCovering(cash);
        // CashCostRetirement.ExpectedServiceMonths.
        var toMaxLife = _maxLifeMonths - (_step - vintage.InstalledStep);
        var toUneconomic = margins.Covering + _patience - vintage.MonthsBelowCashCost;
        var months = Math.Max(0, Math.Min(toMaxLife, toUneconomic));
        if (BitConverter.DoubleToInt64Bits(months) != margins.MonthsBits)
        {
            margins.MarginHours = MarginOver(cash, months, margins.LogMonths) * Clock.HoursPerMonth;
            margins.MonthsBits = BitConverter.DoubleToInt64Bits(months);
        }
        return ValueInUseBelow(_marginShare * margins.MarginHours * vintage.H100e * _utilization, _impairmentShare * vintage.BookValueUsdBn);
    }

    /// <summary>
    /// The value in use, <paramref name="usdPerHour"/> / 1e9, if it is below <paramref name="threshold"/>, else null:
    /// <see cref="ValueInUse"/>'s test. Most vintages in a review are above the threshold, which a multiplication tells
    /// without waiting on the division: a number above the threshold times 1e9 as rounded is above the exact product
    /// (the rounded product is the double nearest it), so its quotient by 1e9 is above the threshold, and so is that
    /// quotient rounded, the threshold being a double itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double? ValueInUseBelow(double usdPerHour, double threshold)
    {
        if (usdPerHour > threshold * 1e9) return null;
        var valueInUse = usdPerHour / 1e9;
        return valueInUse < threshold ? valueInUse : null;
    }

    /// <summary>
    /// <see cref="RentOutlook.MonthsCovering"/>, and the same months when they came from a logarithm (else NaN), which
    /// <see cref="MarginOver"/> would otherwise take again.
    /// </summary>
    private (double Covering, double LogMonths) MonthsCovering(double cash)
    {
        if (_rent < cash) return (0, double.NaN);
        if (_logFactor >= 0 || cash <= 0) return (double.PositiveInfinity, double.NaN);
        var months = _recent.Log(cash / _rent) / _logFactor;
        return (months, months);
    }

    /// <summary><see cref="RentOutlook.MarginOver"/>, given the logarithm's months when they are already known.</summary>
    private double MarginOver(double cash, double months, double logMonths)
    {
        if (months <= 0 || _rent < cash) return 0;
        if (_logFactor >= 0) return _rent * months - cash * months;
        var growth = _recent.ExpM1(_logFactor * months);
        if (cash > _rent * (1 + growth))
        {
            months = double.IsNaN(logMonths) ? _recent.Log(cash / _rent) / _logFactor : logMonths;
            if (months <= 0) return 0;
            growth = _recent.ExpM1(_logFactor * months);
        }
        return _rent * (growth / _factorMinusOne) - cash * months;
    }
}
