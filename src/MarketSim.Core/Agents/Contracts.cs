using MarketSim.Core.Engine;

namespace MarketSim.Core.Agents;

/// <summary>
/// A multi-year take-or-pay compute contract: the lab pays for the contracted H100e-hours each month whether it uses
/// them or not, at a price fixed at signing. Volume ramps up linearly over the first months (<c>Procurement:RampMonths</c>).
/// </summary>
public sealed class ComputeContract
{
    public required Lab Lab { get; init; }
    public required Cloud Cloud { get; init; }
    public required double VolumeH100e { get; init; }
    public required double PricePerH100eHour { get; init; }
    public required int StartStep { get; init; }
    public required int EndStep { get; init; }
    public required string Rule { get; init; }
    public required int RampMonths { get; init; }
    public bool Broken { get; private set; }

    /// <summary>Contracted H100e in a given step (0 before start, after end, or once broken).</summary>
    public double VolumeAt(int step)
    {
        if (Broken || step < StartStep || step >= EndStep) return 0;
        // Past the ramp the share is exactly 1, so the volume is the full volume without a division.
        var month = step - StartStep + 1;
        return month >= RampMonths ? VolumeH100e : VolumeH100e * Math.Min(1.0, month / (double)RampMonths);
    }

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
    public static void RemoveEnded(List<ComputeContract> contracts, int step)
    {
        var kept = 0;
        for (var i = 0; i < contracts.Count; i++)
            if (!contracts[i].IsOver(step)) contracts[kept++] = contracts[i];
        contracts.RemoveRange(kept, contracts.Count - kept);
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
