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

    /// <summary>
    /// What one H100e-hour of this vintage costs to run, USD: the power it draws at its kW per H100e, set when it is
    /// delivered. The model has no other cost per hour of use (cloud operating costs are a share of revenue), so this is
    /// the lowest rent at which the vintage is worth offering.
    /// </summary>
    public required double CashCostPerH100eHour { get; init; }
}
