using MarketSim.Core.Market;

namespace MarketSim.Core.Agents;

/// <summary>
/// Accelerators of one generation delivered together: their power per H100e, their cash cost per H100e-hour, what they
/// cost and their book value, which depreciates straight-line over the accounting life. Their economic life ends when
/// the market rent no longer covers their cash cost (newer generations push it down) or at the physical maximum.
/// </summary>
public sealed class Vintage
{
    private readonly Generation _generation = null!;
    private double _h100e, _costUsdBn;

    public required Generation Generation
    {
        get => _generation;
        init
        {
            _generation = value;
            KwPerH100e = value.KwPerH100e;
        }
    }

    public required int InstalledStep { get; init; }
    /// <summary>Its place in its owner's install order: later vintages have higher numbers.</summary>
    internal int InstallOrder { get; set; }

    public required double H100e { get => _h100e; init => _h100e = value; }
    public required double CostUsdBn { get => _costUsdBn; init => _costUsdBn = value; }
    public required bool InCohort { get; init; }
    /// <summary>What running one of its H100e for an hour costs in cash: power at its kW x PUE x power price, plus operations.</summary>
    public required double CashCostPerH100eHour { get; init; }
    public double BookValueUsdBn { get; internal set; }
    /// <summary>Consecutive months, up to last month, in which the market rent was below its cash cost.</summary>
    public int MonthsBelowCashCost { get; internal set; }
    /// <summary>
    /// The shell capital it carried this month: its kW x its owner's shell depreciation per MW (<c>Power:ShellLifeYears</c>).
    /// </summary>
    public double ShellChargeUsdBnPerMonth { get; internal set; }
    /// <summary>The step it left service, or null while it serves (or if its owner defaulted).</summary>
    public int? RetiredStep { get; internal set; }
    /// <summary>IT kW per H100e, from its generation (read for every vintage every month, so kept here).</summary>
    public double KwPerH100e { get; private init; }
    public double KwTotal => H100e * KwPerH100e;

    /// <summary>More of the same generation delivered the same month joins this vintage.</summary>
    internal void Add(double h100e, double costUsdBn)
    {
        _h100e += h100e;
        _costUsdBn += costUsdBn;
        BookValueUsdBn += costUsdBn;
    }
}
