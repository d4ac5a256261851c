using MarketSim.Core.Engine;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Market;

/// <summary>
/// The exogenous technology trends, as functions of the date: hardware price-performance, power per unit of
/// compute, algorithmic efficiency and the inference throughput it buys, and the efficiency-breakthrough shock.
/// </summary>
public sealed class Trends
{
    private readonly Scenario _s;
    private readonly Clock _clock;
    private double _breakthrough = 1;

    internal Trends(Scenario scenario, Clock clock)
    {
        _s = scenario;
        _clock = clock;
        BaseTokensPerH100eHour = scenario.Trends.OpeningTokensPerH100eHour;
    }

    public double BaseTokensPerH100eHour { get; }

    /// <summary>IT kW per H100e of the newest generation: falls at <c>Trends:PowerTrendShare</c> (0.8) x the hardware trend.</summary>
    public double KwPerH100e => KwPerH100eAt(0);

    public double KwPerH100eAt(int monthOffset) =>
        _s.Trends.H100KwIt * Math.Pow(10, -_s.Trends.PowerTrendShare * _s.Trends.HardwareOomPerYear * (YearsSince2023(monthOffset)));

    /// <summary>System price per H100e before the run starts (<c>Trends:H100SystemPriceUsd</c> at mid-2024), for the opening fleet's book values.</summary>
    public double OpeningPriceUsdPerH100e(int monthOffset) =>
        _s.Trends.H100SystemPriceUsd * Math.Pow(10, -_s.Trends.HardwareOomPerYear * (YearsSince2023(monthOffset) - 1.5));

    public double PowerCostPerH100eHour(double kwPerH100e) =>
        kwPerH100e * _s.Hardware.Pue * _s.Hardware.PowerPriceUsdPerMwh / 1000;

    /// <summary>Effective-compute multiplier from algorithms since 2023 (algorithmic_efficiency: halving time).</summary>
    public double AlgorithmicMultiplier => Math.Pow(2, YearsSince2023(0) * 12 / _s.Trends.AlgorithmicHalvingMonths);

    /// <summary>Tokens one H100e serves per hour: the share of algorithmic progress that cuts inference cost, times any breakthrough.</summary>
    public double TokensPerH100eHour =>
        BaseTokensPerH100eHour * _breakthrough
        * Math.Pow(2, _clock.Step * _s.Trends.InferenceEfficiencyShare / _s.Trends.AlgorithmicHalvingMonths);

    internal void ApplyBreakthrough(double factor) => _breakthrough *= factor;

    private double YearsSince2023(int monthOffset) => _clock.YearsSince2023 + monthOffset / 12.0;
}
