using System.Runtime.InteropServices;

namespace MarketSim.Core.Agents;

/// <summary>
/// What a cloud's monthly walks read and write of a vintage in its fleet, kept by value in fleet order so that the
/// walks (retirement, depreciation, write-down, the fleet expected to survive) read one contiguous array instead of
/// one object per vintage. While a vintage is in a fleet, its months below cash cost, book value and shell charge live
/// here and <see cref="Vintage"/> reads them through its slot; when it leaves, they are copied back into it.
/// <para>
/// A vintage keeps its slot while it serves: one that leaves leaves a hole (<see cref="Left"/>), and the states are
/// closed up only once holes are as many as vintages serving. Retirements come nearly every month; moving every later
/// state and telling every later vintage its new slot each time would touch every object the array is there to spare.
/// </para>
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct VintageState
{
    public int InstalledStep;
    public int MonthsBelowCashCost;
    public double H100e;
    public double KwPerH100e;
    public double CashCostPerH100eHour;
    public double CostUsdBn;
    public double BookValueUsdBn;
    public double ShellChargeUsdBnPerMonth;
    public bool InCohort;
    /// <summary>The vintage has left the fleet: its slot is a hole until the states are closed up.</summary>
    public bool Left;

    /// <summary>The same product as <see cref="Vintage.KwTotal"/>, so the same bits.</summary>
    public readonly double KwTotal => H100e * KwPerH100e;
}
