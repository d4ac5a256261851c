using MarketSim.Core.Market;

namespace MarketSim.Core.Agents;

/// <summary>
/// Accelerators of one generation delivered together: their power per H100e, what they cost, and their book value,
/// which depreciates straight-line over the accounting life while the economic life ends them when newer ones are cheaper.
/// </summary>
public sealed class Vintage
{
    public required Generation Generation { get; init; }
    public required int InstalledStep { get; init; }
    public required double H100e { get; init; }
    public required double CostUsdBn { get; init; }
    public required bool InCohort { get; init; }
    public double BookValueUsdBn { get; internal set; }
    /// <summary>IT kW per H100e, from its generation.</summary>
    public double KwPerH100e => Generation.KwPerH100e;
    public double KwTotal => H100e * KwPerH100e;
}
