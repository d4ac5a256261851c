using MarketSim.Core.Engine;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Market;

/// <summary>
/// The exogenous technology trends that have no table, as functions of the date: the cost of power per unit of
/// compute, algorithmic efficiency and the inference throughput it buys, and the efficiency-breakthrough shock.
/// Accelerators' performance, power and price come from the generation table (<see cref="ChipRoadmap"/>).
/// </summary>
public sealed class Trends
{
    private readonly Scenario _s;
    private readonly Clock _clock;
    private readonly RecentResults _recent;
    private double _breakthrough = 1;

    internal Trends(Scenario scenario, Clock clock, RecentResults recent)
    {
        _s = scenario;
        _clock = clock;
        _recent = recent;
        BaseTokensPerH100eHour = scenario.Trends.OpeningTokensPerH100eHour;
        LogMonthlyHardwareCostFactor = -scenario.Trends.HardwareOomPerYear / 12 * Ln10;
        MonthlyHardwareCostFactorMinusOne = SmallExponents.ExpM1(LogMonthlyHardwareCostFactor);
    }

    private const double Ln10 = 2.302585092994046;

    public double BaseTokensPerH100eHour { get; }

    /// <summary>
    /// The natural log of the factor by which hardware price-performance (<c>Trends:HardwareOomPerYear</c>) lowers the
    /// cost of compute each month, 10^(-HardwareOomPerYear / 12).
    /// </summary>
    public double LogMonthlyHardwareCostFactor { get; }

    /// <summary>That monthly factor less one (worked out once: owners value every vintage with it each quarter).</summary>
    public double MonthlyHardwareCostFactorMinusOne { get; }

    public double PowerCostPerH100eHour(double kwPerH100e) =>
        kwPerH100e * _s.Hardware.Pue * _s.Hardware.PowerPriceUsdPerMwh / 1000;

    /// <summary>Effective-compute multiplier from algorithms since 2023 (algorithmic_efficiency: halving time).</summary>
    public double AlgorithmicMultiplier => _recent.Pow(2, _clock.YearsSince2023 * 12 / _s.Trends.AlgorithmicHalvingMonths);

    /// <summary>Tokens one H100e serves per hour: the share of algorithmic progress that cuts inference cost, times any breakthrough.</summary>
    public double TokensPerH100eHour =>
        BaseTokensPerH100eHour * _breakthrough
        * _recent.Pow(2, _clock.Step * _s.Trends.InferenceEfficiencyShare / _s.Trends.AlgorithmicHalvingMonths);

    internal void ApplyBreakthrough(double factor) => _breakthrough *= factor;
}
