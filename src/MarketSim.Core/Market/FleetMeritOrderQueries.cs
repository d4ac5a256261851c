using System.Runtime.CompilerServices;

namespace MarketSim.Core.Market;

/// <summary>What the market reads from each cloud's merit order: what a rent covers, and the cohort's part.</summary>
internal sealed partial class FleetMeritOrder
{
    /// <summary>H100e of the 2026-2027 cohort in a cloud's fleet this month.</summary>
    public double CohortH100e(int cloud) => _cohort[cloud];

    /// <summary>H100e of a cloud's fleet whose cash cost is at most the rent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double CoveredBy(int cloud, double rent)
    {
        var lo = FirstCostingMore(cloud, rent);
        return lo > _start[cloud] ? _cumulative[lo - 1] : 0;
    }

    /// <summary>
    /// <see cref="CoveredBy(int, double)"/>, narrowing [<paramref name="from"/>, <paramref name="to"/>) to rents that
    /// cover the same accelerators of this cloud: from the cost of the dearest one covered to that of the cheapest not.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double CoveredBy(int cloud, double rent, ref double from, ref double to)
    {
        int first = _start[cloud], end = first + _count[cloud], lo = FirstCostingMore(cloud, rent);
        if (lo > first) from = Math.Max(from, _entries[lo - 1].Cost);
        if (lo < end) to = Math.Min(to, _entries[lo].Cost);
        return lo > first ? _cumulative[lo - 1] : 0;
    }

    /// <summary>
    /// The index of a cloud's first entry costing more than <paramref name="rent"/> (its end if none does). Each
    /// halving moves the start by a conditional move rather than a branch: the clearing rent's search asks at rents
    /// whose place among the costs no predictor can guess, and a branch mispredicted at every other halving cost more
    /// than the comparisons. Along costs that never fall, the first one above the rent is the same whichever way it is
    /// found.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FirstCostingMore(int cloud, double rent)
    {
        int first = _start[cloud], n = _count[cloud];
        if (n == 0) return first;
        var entries = _entries;
        for (; n > 1; n -= n >> 1)
            first = entries[first + (n >> 1)].Cost <= rent ? first + (n >> 1) : first;
        return entries[first].Cost <= rent ? first + 1 : first;
    }

    /// <summary>Cash cost of the cheapest accelerator left once the cheapest <paramref name="h100e"/> are taken;
    /// +infinity when nothing is left.</summary>
    public double CostBeyond(int cloud, double h100e)
    {
        int lo = _start[cloud], hi = lo + _count[cloud], end = hi;
        var taken = h100e * (1 + 1e-12) + 1e-9;
        // First entry whose cumulative H100e goes beyond what is taken.
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (_cumulative[mid] > taken) hi = mid; else lo = mid + 1;
        }
        return lo < end ? _entries[lo].Cost : double.PositiveInfinity;
    }

    /// <summary>
    /// The 2026-2027 cohort's H100e among a cloud's cheapest <paramref name="inUseH100e"/>, and their kW. The H100e
    /// before an entry are the running total the build left at the entry before it (the same additions from zero, so
    /// the same bits): read, not added up again, so only the cohort's entries make a chain of additions.
    /// </summary>
    public (double H100e, double Kw) CohortInUse(int cloud, double inUseH100e)
    {
        double h = 0, kw = 0, before = 0;
        var entries = _entries.AsSpan(_start[cloud], _count[cloud]);
        var cumulative = _cumulative.AsSpan(_start[cloud], _count[cloud]);
        for (var k = 0; k < entries.Length && before < inUseH100e; before = cumulative[k++])
        {
            ref readonly var e = ref entries[k];
            if (!e.Cohort) continue;
            var used = Math.Min(e.H100e, inUseH100e - before);
            h += used;
            kw += used * e.Kw;
        }
        return (h, kw);
    }

    /// <summary>A cloud's groups in merit order: their cash cost per H100e-hour, H100e, kW per H100e and whether they are the cohort's.</summary>
    internal IEnumerable<(double Cost, double H100e, double Kw, bool Cohort)> EntriesOf(int cloud)
    {
        for (var k = _start[cloud]; k < _start[cloud] + _count[cloud]; k++)
            yield return (_entries[k].Cost, _entries[k].H100e, _entries[k].Kw, _entries[k].Cohort);
    }
}
