using MarketSim.Core.Engine;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Market;

/// <summary>
/// The exogenous technology trends, as functions of the date: hardware price-performance, power per unit of
/// compute, algorithmic efficiency and the inference throughput it buys, and the efficiency-breakthrough shock.
/// </summary>
public sealed class Trends
{
    // power_per_gpu_it/Nvidia H100: 1,453.5 W IT power per GPU (DGX H100 10.2 kW x 1.14 / 8).
    private const double H100KwIt = 1.4535;
    // server_price_per_gpu/Nvidia DGX H100 2023-05 33,750 and HGX H100 2025-01 31,905 USD per GPU: ~33k at mid-2024.
    private const double H100SystemPriceMid2024 = 33_000;

    private readonly Scenario _s;
    private readonly Clock _clock;
    private double _breakthrough = 1;

    public Trends(Scenario scenario, Clock clock, double tokensPerH100eHour)
    {
        _s = scenario;
        _clock = clock;
        BaseTokensPerH100eHour = tokensPerH100eHour;
    }

    public double BaseTokensPerH100eHour { get; }

    /// <summary>IT kW per H100e of the newest generation: falls at 0.8x the hardware trend (GB200 0.84, GB300 0.65 kW/H100e).</summary>
    public double KwPerH100e => KwPerH100eAt(0);

    public double KwPerH100eAt(int monthOffset) =>
        H100KwIt * Math.Pow(10, -0.8 * _s.Trends.HardwareOomPerYear * (YearsSince2023(monthOffset)));

    /// <summary>System price per H100e before the run starts, for the opening fleet's book values.</summary>
    public double OpeningPriceUsdPerH100e(int monthOffset) =>
        H100SystemPriceMid2024 * Math.Pow(10, -_s.Trends.HardwareOomPerYear * (YearsSince2023(monthOffset) - 1.5));

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
