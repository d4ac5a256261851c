using MarketSim.Core.Agents;
using MarketSim.Core.Engine;
using MarketSim.Core.Rules;

namespace MarketSim.Core.Finance;

/// <summary>
/// What accelerators are worth to a lender who takes them: their rental margin over their cash cost (power and
/// operations) at today's market rent, at the owner's utilization, over the months left to their physical life
/// (<c>Hardware:MaxLifeYears</c>), discounted at a neocloud lender's rate. So collateral falls with the rent, with age,
/// and with a generation's power draw; a glut can wipe it out.
/// </summary>
public static class Collateral
{
    public static double ValueUsdBn(Vintage vintage, RuleContext context, double utilization)
    {
        var remainingMonths = context.Scenario.Hardware.MaxLifeYears * 12 - (context.Step - vintage.InstalledStep);
        if (remainingMonths <= 0) return 0;
        var rate = MonthlyRate(context);
        var margin = Math.Max(0, context.Market.GpuHourPrice - vintage.CashCostPerH100eHour);
        var monthly = vintage.H100e * margin * Clock.HoursPerMonth * Math.Clamp(utilization, 0, 1) / 1e9;
        // At a rate too small for a double to discount by (a valid extreme: no risk-free rate, no spread) the annuity is
        // its months, not 0 / 0.
        var undiscounted = 1 - context.Recent.Pow(1 + rate, -remainingMonths);
        return undiscounted <= 0 ? monthly * remainingMonths : monthly * undiscounted / rate;
    }

    internal static double MonthlyRate(RuleContext context) => (context.Market.RiskFreeRate + context.Market.NeocloudSpread) / 12;
}

/// <summary>
/// <see cref="Collateral.ValueUsdBn"/> for many vintages at once: the month's rent, power price, discount rate and the
/// discount factor for every whole number of months left are read once per batch instead of once per vintage (the
/// arithmetic, and so the numbers, are the same).
/// </summary>
internal sealed class CollateralValuer(World world)
{
    private double[] _undiscounted = [];
    private double _rate = double.NaN, _rent, _lifeMonths, _utilization;
    private int _step;

    /// <summary>Reads the month's market once; <see cref="ValueUsdBn"/> then values vintages at it.</summary>
    public void Begin(double utilization)
    {
        var context = world.Context;
        _step = context.Step;
        _rent = context.Market.GpuHourPrice;
        _lifeMonths = context.Scenario.Hardware.MaxLifeYears * 12;
        _utilization = Math.Clamp(utilization, 0, 1);
        var rate = Collateral.MonthlyRate(context);
        if (rate == _rate && _undiscounted.Length > _lifeMonths) return;
        _rate = rate;
        if (_undiscounted.Length <= _lifeMonths) _undiscounted = new double[(int)_lifeMonths + 2];
        // Worked out when first asked: the rate moves with sentiment, and the vintages valued at a rate ask for a few of
        // the whole numbers of months, not all of them.
        Array.Fill(_undiscounted, double.NaN);
    }

    /// <summary>1 - (1 + rate)^-n for a whole number of months n, remembered for the rate.</summary>
    private double Undiscounted(int whole)
    {
        var undiscounted = _undiscounted[whole];
        // A NaN is also what an unusable rate gives; it is then worked out again, to the same NaN.
        return double.IsNaN(undiscounted) ? _undiscounted[whole] = 1 - TableMath.Pow(1 + _rate, -whole) : undiscounted;
    }

    public double ValueUsdBn(Vintage vintage)
    {
        var remaining = _lifeMonths - (_step - vintage.InstalledStep);
        if (remaining <= 0) return 0;
        var whole = (int)remaining;
        var undiscounted = whole == remaining && whole < _undiscounted.Length ? Undiscounted(whole) : 1 - world.Recent.Pow(1 + _rate, -remaining);
        var margin = Math.Max(0, _rent - vintage.CashCostPerH100eHour);
        if (undiscounted <= 0) return vintage.H100e * margin * Clock.HoursPerMonth * _utilization / 1e9 * remaining;
        return vintage.H100e * margin * Clock.HoursPerMonth * _utilization / 1e9 * undiscounted / _rate;
    }
}
