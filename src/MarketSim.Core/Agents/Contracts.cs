using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using MarketSim.Core.Engine;

namespace MarketSim.Core.Agents;

/// <summary>
/// A multi-year take-or-pay compute contract: the lab pays for the contracted H100e-hours each month whether it uses
/// them or not, at a price fixed at signing. Volume ramps up linearly over the first months (<c>Procurement:RampMonths</c>).
/// </summary>
public sealed class ComputeContract
{
    // Fields rather than init-only properties, so that a run's storage can hand a contract to the next run as new.
    private Lab _lab = null!;
    private Cloud _cloud = null!;
    private double _volumeH100e, _pricePerH100eHour;
    // A full month's bill, worked out when first asked for (NaN until then).
    private double _fullMonthBillUsdBn = double.NaN;
    private int _startStep, _endStep, _rampMonths;
    private string _rule = null!;

    public ComputeContract()
    {
    }

    /// <summary>An empty contract for a run's storage, which resets it before handing it out.</summary>
    // Its references stay null until Reset, which the storage calls before anything reads them.
#pragma warning disable CS8618
    [SetsRequiredMembers]
    internal ComputeContract(bool forStorage)
    {
    }
#pragma warning restore CS8618

    public required Lab Lab { get => _lab; init => _lab = value; }
    public required Cloud Cloud { get => _cloud; init => _cloud = value; }
    public required double VolumeH100e { get => _volumeH100e; init => (_volumeH100e, _fullMonthBillUsdBn) = (value, double.NaN); }
    public required double PricePerH100eHour { get => _pricePerH100eHour; init => (_pricePerH100eHour, _fullMonthBillUsdBn) = (value, double.NaN); }
    public required int StartStep { get => _startStep; init => _startStep = value; }
    public required int EndStep { get => _endStep; init => _endStep = value; }
    public required string Rule { get => _rule; init => _rule = value; }
    public required int RampMonths { get => _rampMonths; init => _rampMonths = value; }
    public bool Broken { get; private set; }

    /// <summary>Every field as <c>new ComputeContract { ... }</c> with these values would have it.</summary>
    internal void Reset(Lab lab, Cloud cloud, double volumeH100e, double pricePerH100eHour, int startStep, int endStep,
        string rule, int rampMonths)
    {
        _lab = lab;
        _cloud = cloud;
        _volumeH100e = volumeH100e;
        _pricePerH100eHour = pricePerH100eHour;
        _fullMonthBillUsdBn = double.NaN;
        _startStep = startStep;
        _endStep = endStep;
        _rule = rule;
        _rampMonths = rampMonths;
        Broken = false;
    }

    /// <summary>Contracted H100e in a given step (0 before start, after end, or once broken).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double VolumeAt(int step)
    {
        if (Broken || step < StartStep || step >= EndStep) return 0;
        // Past the ramp the share is exactly 1, so the volume is the full volume without a division.
        var month = step - StartStep + 1;
        return month >= RampMonths ? VolumeH100e : VolumeH100e * Math.Min(1.0, month / (double)RampMonths);
    }

    /// <summary>
    /// What a month of <paramref name="volumeH100e"/> H100e under the contract bills, USD bn: volume x price x the
    /// month's hours / 1e9. Most months bill the full volume, whose bill is worked out once (the same operations, so
    /// the same bits) rather than with a division every month.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double MonthBillUsdBn(double volumeH100e)
    {
        if (volumeH100e != _volumeH100e) return Bill(volumeH100e);
        if (double.IsNaN(_fullMonthBillUsdBn)) _fullMonthBillUsdBn = Bill(_volumeH100e);
        return _fullMonthBillUsdBn;
    }

    private double Bill(double volumeH100e) => volumeH100e * _pricePerH100eHour * Clock.HoursPerMonth / 1e9;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsOver(int step) => Broken || step >= EndStep;

    /// <summary>Total value at signing over the whole term with its ramp, USD bn.</summary>
    public double ValueUsdBn => VolumeH100e * PricePerH100eHour * Clock.HoursPerMonth * FullVolumeMonths(EndStep - StartStep, RampMonths) / 1e9;

    /// <summary>Months of full volume a term with a linear ramp is worth: the sum of <see cref="VolumeAt"/> over the term.</summary>
    public static double FullVolumeMonths(int months, int rampMonths) => months >= rampMonths
        ? months - (rampMonths - 1) / 2.0
        : months * (months + 1) / (2.0 * rampMonths);

    internal void Break()
    {
        Broken = true;
        Lab.ContractBroken();
        Cloud.ContractBroken();
    }

    /// <summary>Drops the contracts that have ended or been broken, keeping the others in order.</summary>
    /// <returns>The earliest end among the contracts kept (<see cref="int.MaxValue"/> when none is).</returns>
    public static int RemoveEnded(List<ComputeContract> contracts, int step)
    {
        // Through a span: a store into the list goes through the array-covariance check, a store into a span does not.
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(contracts);
        var kept = 0;
        var earliestEnd = int.MaxValue;
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i].IsOver(step)) continue;
            earliestEnd = Math.Min(earliestEnd, span[i].EndStep);
            span[kept++] = span[i];
        }
        contracts.RemoveRange(kept, span.Length - kept);
        return earliestEnd;
    }
}

/// <summary>
/// An accelerator purchase order from one product line, priced when placed (the markup over list its margin then
/// implied) and paid on delivery for the generations delivered.
/// </summary>
internal struct ChipOrder
{
    public required Cloud? Buyer { get; init; }
    public required Market.ProductLine Line { get; init; }
    /// <summary>Price over list price: (1 - base gross margin) / (1 - gross margin when ordered).</summary>
    public required double ListPriceMarkup { get; init; }
    public double RemainingH100e { get; set; }
}
