namespace MarketSim.Core.Agents;

/// <summary>
/// Accelerators bought together: their generation's power per H100e, what they cost, and their book value, which
/// depreciates straight-line over the accounting life while the economic life ends them when newer ones are cheaper.
/// </summary>
public sealed class Vintage
{
    public required int InstalledStep { get; init; }
    public required double H100e { get; init; }
    public required double KwPerH100e { get; init; }
    public required double CostUsdBn { get; init; }
    public required bool InCohort { get; init; }
    public double BookValueUsdBn { get; internal set; }
    public double KwTotal => H100e * KwPerH100e;
}
