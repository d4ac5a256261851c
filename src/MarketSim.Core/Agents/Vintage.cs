using System.Diagnostics.CodeAnalysis;
using MarketSim.Core.Market;

namespace MarketSim.Core.Agents;

/// <summary>
/// Accelerators of one generation delivered together: their power per H100e, their cash cost per H100e-hour, what they
/// cost and their book value, which depreciates straight-line over the accounting life. Their economic life ends when
/// the market rent no longer covers their cash cost (newer generations push it down) or at the physical maximum.
/// </summary>
public sealed class Vintage
{
    // Fields rather than init-only properties, so that a run's storage can hand a vintage to the next run as new.
    private Generation _generation = null!;
    private double _h100e, _costUsdBn, _cashCostPerH100eHour;
    // What the fleet walk reads for every vintage every month, worked out when the vintage changes rather than then:
    // the same operations on the same values, so the same bits.
    private double _kwTotal, _mw, _straightLineMonths = double.NaN, _straightLineUsdBn;
    private int _installedStep;
    private bool _inCohort;

    public Vintage()
    {
    }

    /// <summary>An empty vintage for a run's storage, which resets it before handing it out.</summary>
    // Its references stay null until Reset, which the storage calls before anything reads them.
#pragma warning disable CS8618
    [SetsRequiredMembers]
    internal Vintage(bool forStorage)
    {
    }
#pragma warning restore CS8618

    public required Generation Generation
    {
        get => _generation;
        init
        {
            _generation = value;
            KwPerH100e = value.KwPerH100e;
            SizeChanged();
        }
    }

    public required int InstalledStep { get => _installedStep; init => _installedStep = value; }
    /// <summary>Its place in its owner's install order: later vintages have higher numbers.</summary>
    internal int InstallOrder { get; set; }

    public required double H100e
    {
        get => _h100e;
        init
        {
            _h100e = value;
            SizeChanged();
        }
    }

    public required double CostUsdBn
    {
        get => _costUsdBn;
        init
        {
            _costUsdBn = value;
            _straightLineMonths = double.NaN;
        }
    }

    public required bool InCohort { get => _inCohort; init => _inCohort = value; }
    /// <summary>What running one of its H100e for an hour costs in cash: power at its kW x PUE x power price, plus operations.</summary>
    public required double CashCostPerH100eHour { get => _cashCostPerH100eHour; init => _cashCostPerH100eHour = value; }
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
    public double KwPerH100e { get; private set; }
    public double KwTotal => _kwTotal;
    /// <summary>Its IT power in MW (<see cref="KwTotal"/> / 1000).</summary>
    internal double Mw => _mw;

    /// <summary>A month's straight-line depreciation over an accounting life of this many months: cost / months.</summary>
    internal double StraightLineUsdBn(double accountingMonths)
    {
        if (accountingMonths != _straightLineMonths)
        {
            _straightLineUsdBn = _costUsdBn / accountingMonths;
            _straightLineMonths = accountingMonths;
        }
        return _straightLineUsdBn;
    }

    private void SizeChanged()
    {
        _kwTotal = _h100e * KwPerH100e;
        _mw = _kwTotal / 1000;
    }

    /// <summary>More of the same generation delivered the same month joins this vintage.</summary>
    internal void Add(double h100e, double costUsdBn)
    {
        _h100e += h100e;
        _costUsdBn += costUsdBn;
        BookValueUsdBn += costUsdBn;
        SizeChanged();
        _straightLineMonths = double.NaN;
    }

    /// <summary>Every field as <c>new Vintage { ... }</c> with these values would have it.</summary>
    internal void Reset(Generation generation, int installedStep, double h100e, double costUsdBn, bool inCohort,
        double cashCostPerH100eHour, double bookValueUsdBn)
    {
        _generation = generation;
        KwPerH100e = generation.KwPerH100e;
        _installedStep = installedStep;
        InstallOrder = 0;
        _h100e = h100e;
        _costUsdBn = costUsdBn;
        _inCohort = inCohort;
        _cashCostPerH100eHour = cashCostPerH100eHour;
        BookValueUsdBn = bookValueUsdBn;
        MonthsBelowCashCost = 0;
        ShellChargeUsdBnPerMonth = 0;
        RetiredStep = null;
        SizeChanged();
        _straightLineMonths = double.NaN;
    }
}
