using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MarketSim.Core.Agents;

namespace MarketSim.Core.Market;

/// <summary>
/// Each cloud's fleet this month in merit order, cheapest cash cost per H100e-hour first. A cloud serves its contracts
/// and whatever else it sells with its cheapest accelerators, so its free capacity is its most expensive to run, and
/// what it offers at a rent is the free capacity whose cash cost that rent covers.
/// </summary>
internal sealed partial class FleetMeritOrder
{
    // This month's order per cloud (a segment of _entries from _start) and last month's (of _previous), which is
    // kept because a month's order is last month's, less what retired, with this month's deliveries merged in.
    private int[] _start, _count, _previousStart, _previousCount;
    private double[] _cohort;
    // Sized for a baseline fleet's groups (about 750 across clouds, 130 in the largest) so that a run does not grow them.
    private Entry[] _entries = new Entry[1024], _previous = new Entry[1024], _groups = new Entry[256];
    private int[] _carried = new int[256];
    // The group of this month's fleet whose newest vintage has an install order, valid where _groupStamp is _stamp.
    private int[] _groupByNewest = new int[256], _groupStamp = new int[256];
    private int _stamp;
    private double[] _cumulative = new double[1024];
    private bool _hasPrevious;
    // Per cloud, as of the last build: vintages it had removed from its fleet, and its fleet's size.
    private int[] _removedSeen, _fleetSeen;

    public FleetMeritOrder()
    {
        _start = _count = _previousStart = _previousCount = _removedSeen = _fleetSeen = [];
        _cohort = [];
    }

    /// <summary>An empty order for this many clouds.</summary>
    public FleetMeritOrder(int clouds) : this() => Reset(clouds);

    /// <summary>An empty order for this many clouds; the arrays sized for fleets are kept (see RunBuffers).</summary>
    public void Reset(int clouds)
    {
        if (_start.Length != clouds)
        {
            _removedSeen = new int[clouds];
            _fleetSeen = new int[clouds];
            _start = new int[clouds];
            _count = new int[clouds];
            _previousStart = new int[clouds];
            _previousCount = new int[clouds];
            _cohort = new double[clouds];
        }
        else
        {
            // As a new order reads before its first month: nothing in any cloud's fleet.
            Array.Clear(_removedSeen);
            Array.Clear(_fleetSeen);
            Array.Clear(_start);
            Array.Clear(_count);
            Array.Clear(_cohort);
        }
        Array.Clear(_groupStamp);
        _stamp = 0;
        _hasPrevious = false;
    }

    /// <summary>
    /// Accelerators delivered in one month with one power draw, which cost the same to run: the vintages from
    /// <see cref="Oldest"/> to <see cref="Newest"/> in install order, <see cref="Members"/> of them.
    /// </summary>
    private struct Entry
    {
        public double Cost, H100e, Kw;
        public int Step, Newest, Oldest, Members;
        public bool Cohort;
    }

    /// <summary>
    /// Sorts every cloud's fleet by cash cost, equal costs newest first. Last month's order still holds for the
    /// vintages that did not retire, so only this month's deliveries are sorted and merged into it; a cloud whose
    /// groups of vintages changed otherwise (a retirement between two that now run together) is sorted afresh.
    /// </summary>
    public void Build(IReadOnlyList<Cloud> clouds, int step)
    {
        int total = 0, largest = 0;
        for (var i = 0; i < clouds.Count; i++)
        {
            total += clouds[i].Fleet.Count;
            largest = Math.Max(largest, clouds[i].Fleet.Count);
        }
        Reserve(total, largest);
        (_entries, _previous) = (_previous, _entries);
        (_start, _previousStart) = (_previousStart, _start);
        (_count, _previousCount) = (_previousCount, _count);
        var next = 0;
        for (var i = 0; i < clouds.Count; i++)
        {
            var fleet = clouds[i].Fleet;
            _start[i] = next;
            if (!(_hasPrevious && (AppendDeliveries(i, clouds[i], step, ref next) || RemoveRetiredAndAppendDeliveries(i, clouds[i], step, ref next))))
            {
                var (groups, delivered) = Group(fleet, step, 0);
                if (!(_hasPrevious && MergeDeliveries(i, groups, delivered, ref next)))
                    for (var k = 0; k < groups; k++) Insert(_start[i], next++, _groups[k], _entries);
            }
            _removedSeen[i] = clouds[i].VintagesRemoved;
            _fleetSeen[i] = fleet.Count;
            _count[i] = next - _start[i];
            _cohort[i] = Accumulate(_entries.AsSpan(_start[i], _count[i]), _cumulative.AsSpan(_start[i], _count[i]));
        }
        _hasPrevious = true;
    }

    /// <summary>The running totals of a cloud's order into <paramref name="cumulative"/>; returns the cohort's H100e.</summary>
    private static double Accumulate(ReadOnlySpan<Entry> entries, Span<double> cumulative)
    {
        double sum = 0, cohort = 0;
        for (var k = 0; k < entries.Length; k++)
        {
            var h100e = entries[k].H100e;
            cumulative[k] = sum += h100e;
            cohort += CohortPart(h100e, entries[k].Cohort);
        }
        return cohort;
    }

    private void Reserve(int total, int largest)
    {
        if (_groups.Length < largest)
        {
            _groups = new Entry[Math.Max(largest, 2 * _groups.Length)];
            _carried = new int[_groups.Length];
        }
        if (_entries.Length >= total) return;
        var size = Math.Max(total, 2 * _entries.Length);
        Array.Resize(ref _entries, size);
        Array.Resize(ref _previous, size);
        _cumulative = new double[size];
    }

    /// <summary>
    /// A cloud that removed no vintage since the last build has last month's fleet with this month's deliveries
    /// after it: last month's order holds as it was (the same vintages, the same sums), so only the deliveries are
    /// read, sorted and merged into it. False, and nothing written, when the cloud removed any vintage or the vintages
    /// after last month's are not all this month's.
    /// </summary>
    private bool AppendDeliveries(int cloud, Cloud owner, int step, ref int next)
    {
        var fleet = owner.Fleet;
        var seen = _fleetSeen[cloud];
        if (owner.VintagesRemoved != _removedSeen[cloud] || fleet.Count < seen) return false;
        var (delivered, ofThisMonth) = Group(fleet, step, seen);
        if (ofThisMonth != delivered) return false;
        for (var k = 1; k < delivered; k++) Insert(0, k, _groups[k], _groups);
        // The arrays and the position in locals: stores into the arrays would otherwise make the compiler read the
        // fields and the position again for every entry.
        var (entries, groups, previous) = (_entries, _groups, _previous);
        int a = 0, b = _previousStart[cloud], end = b + _previousCount[cloud], n = next;
        while (a < delivered && b < end)
            entries[n++] = groups[a].Cost <= previous[b].Cost ? groups[a++] : previous[b++];
        while (a < delivered) entries[n++] = groups[a++];
        // Deliveries are mostly the cheapest to run, so most of last month's order follows the last of them unchanged:
        // one block copy, where the entries one by one went through the stack.
        previous.AsSpan(b, end - b).CopyTo(entries.AsSpan(n));
        next = n + end - b;
        return true;
    }

    /// <summary>
    /// A fleet read backwards (newest first, down to <paramref name="from"/>) as groups of vintages that cost the same
    /// to run; returns how many, and how many of them (the first) were delivered this month.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (int Groups, int Delivered) Group(IReadOnlyList<Vintage> fleet, int step, int from) => Group(AsSpan(fleet), step, from);

    /// <summary>A fleet's vintages without an interface call each: the list itself where it is one.</summary>
    private static ReadOnlySpan<Vintage> AsSpan(IReadOnlyList<Vintage> fleet) =>
        fleet is List<Vintage> list ? CollectionsMarshal.AsSpan(list) : fleet.ToArray();

    private (int Groups, int Delivered) Group(ReadOnlySpan<Vintage> fleet, int step, int from)
    {
        int groups = 0, delivered = 0;
        _stamp++;
        if (fleet.Length > 0 && fleet[^1].InstallOrder >= _groupByNewest.Length)
        {
            var size = Math.Max(fleet[^1].InstallOrder + 1, 2 * _groupByNewest.Length);
            Array.Resize(ref _groupByNewest, size);
            Array.Resize(ref _groupStamp, size);
        }
        for (var k = fleet.Length - 1; k >= from; k--)
        {
            var v = fleet[k];
            ref var last = ref _groups[Math.Max(0, groups - 1)];
            if (groups > 0 && last.Step == v.InstalledStep && last.Kw == v.KwPerH100e && last.Cohort == v.InCohort)
            {
                last.H100e += v.H100e;
                last.Oldest = v.InstallOrder;
                last.Members++;
                continue;
            }
            _groupByNewest[v.InstallOrder] = groups;
            _groupStamp[v.InstallOrder] = _stamp;
            _groups[groups++] = new Entry
            {
                Cost = v.CashCostPerH100eHour, H100e = v.H100e, Kw = v.KwPerH100e, Step = v.InstalledStep, Cohort = v.InCohort,
                Newest = v.InstallOrder, Oldest = v.InstallOrder, Members = 1,
            };
            if (v.InstalledStep == step) delivered++;
        }
        return (groups, delivered);
    }

    /// <summary>
    /// Last month's order of a cloud's groups, less those that left, merged with this month's deliveries (sorted
    /// among themselves; ahead of older groups of equal cost, as a newest-first sort puts them). False, and nothing
    /// written, when a group is not one of last month's.
    /// </summary>
    private bool MergeDeliveries(int cloud, int groups, int delivered, ref int next)
    {
        var carried = 0;
        int from = _previousStart[cloud], end = from + _previousCount[cloud];
        for (var p = from; p < end; p++)
        {
            var newest = _previous[p].Newest;
            if (newest >= _groupStamp.Length || _groupStamp[newest] != _stamp) continue;
            var k = _groupByNewest[newest];
            if (_groups[k].Oldest != _previous[p].Oldest || _groups[k].Members != _previous[p].Members) return false;
            _carried[carried++] = k;
        }
        if (carried != groups - delivered) return false;
        for (var k = 1; k < delivered; k++) Insert(0, k, _groups[k], _groups);
        var (entries, sorted, order) = (_entries, _groups, _carried);
        int a = 0, b = 0, n = next;
        while (a < delivered || b < carried)
        {
            if (b == carried || (a < delivered && sorted[a].Cost <= sorted[order[b]].Cost)) entries[n++] = sorted[a++];
            else entries[n++] = sorted[order[b++]];
        }
        next = n;
        return true;
    }

    /// <summary>
    /// An entry's H100e if it is of the cohort, else +0, without a branch: cohort and other groups alternate along the
    /// order with no pattern a predictor learns. A sum that starts at +0 and adds +0 is unchanged to the bit, so the
    /// cohort's total is what adding only the cohort's entries gives.
    /// </summary>
    internal static double CohortPart(double h100e, bool cohort) =>
        BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(h100e) & -(long)(cohort ? 1 : 0));

    /// <summary>Insertion sort's step: an entry into the sorted run from <paramref name="first"/>, after equal costs.</summary>
    private static void Insert(int first, int at, Entry entry, Entry[] entries)
    {
        var k = at;
        while (k > first && entries[k - 1].Cost > entry.Cost)
        {
            entries[k] = entries[k - 1];
            k--;
        }
        entries[k] = entry;
    }
}
