using MarketSim.Core.Agents;

namespace MarketSim.Core.Market;

/// <summary>
/// A month in which a cloud retired vintages: last month's order less the groups that left whole, with this month's
/// deliveries merged in, without reading the fleet again.
/// </summary>
internal sealed partial class FleetMeritOrder
{
    // The install orders of the vintages a cloud retired since the last build, ascending.
    private int[] _retiredOrders = new int[64];
    // Which of last month's groups of the cloud being built left, by their place in its order.
    private bool[] _leaving = new bool[256];

    /// <summary>
    /// What a fresh read of the fleet would give when the vintages a cloud retired since the last build made up whole
    /// groups of last month's order: the same groups less those, the deliveries merged in as
    /// <see cref="AppendDeliveries"/> merges them. A group's members run together in install order, so a vintage
    /// retired from it has an install order from its oldest member's to its newest's. False, and nothing written, when
    /// a group lost only some of its members, when the vintages on either side of a group that left would now be read
    /// as one group, when the cloud defaulted, or when the vintages after those kept are not all this month's
    /// deliveries.
    /// </summary>
    private bool RemoveRetiredAndAppendDeliveries(int cloud, Cloud owner, int step, ref int next)
    {
        var fleet = AsSpan(owner.Fleet);
        var removed = owner.VintagesRemoved - _removedSeen[cloud];
        var kept = _fleetSeen[cloud] - removed;
        if (owner.IsDefaulted || removed <= 0 || kept < 0 || fleet.Length < kept) return false;
        if (!ReadRetiredOrders(owner.RetiredVintages, removed)) return false;
        int from = _previousStart[cloud], end = from + _previousCount[cloud];
        if (_leaving.Length < end - from) _leaving = new bool[Math.Max(end - from, 2 * _leaving.Length)];
        // First the groups that left, each whole, read from the dearest down (retirement takes the dearest to run)
        // until every vintage retired is accounted for: a vintage is in one group only, so the rest all stay.
        int accounted = 0, firstRead = end;
        while (accounted < removed && firstRead > from)
        {
            ref readonly var e = ref _previous[--firstRead];
            var inGroup = RetiredWithin(e.Oldest, e.Newest, removed);
            _leaving[firstRead - from] = inGroup > 0;
            if (inGroup == 0) continue;
            if (inGroup != e.Members || RunTogetherWithout(fleet[..kept], e.Newest)) return false;
            accounted += inGroup;
        }
        if (accounted != removed) return false;
        var (delivered, ofThisMonth) = Group(fleet, step, kept);
        if (ofThisMonth != delivered) return false;
        for (var k = 1; k < delivered; k++) Insert(0, k, _groups[k], _groups);
        // Deliveries go ahead of the groups kept that cost as much; the dearest groups, where those that left were,
        // are read one by one, and the run of groups kept before them is copied in one block.
        var (entries, groups, previous, leaving) = (_entries, _groups, _previous, _leaving);
        int b = from, n = next;
        for (var a = 0; a < delivered; a++)
        {
            for (; b < end && !(groups[a].Cost <= previous[b].Cost); b++)
                if (b < firstRead || !leaving[b - from]) entries[n++] = previous[b];
            entries[n++] = groups[a];
        }
        if (b < firstRead)
        {
            previous.AsSpan(b, firstRead - b).CopyTo(entries.AsSpan(n));
            n += firstRead - b;
            b = firstRead;
        }
        for (; b < end; b++)
            if (!leaving[b - from]) entries[n++] = previous[b];
        next = n;
        return true;
    }

    /// <summary>
    /// Whether, with the group whose newest vintage has install order <paramref name="newest"/> gone, the vintages on
    /// either side of where it was (in the fleet as it is now) would be read as one group.
    /// </summary>
    internal static bool RunTogetherWithout(ReadOnlySpan<Vintage> fleet, int newest)
    {
        int lo = 0, hi = fleet.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (fleet[mid].InstallOrder <= newest) lo = mid + 1; else hi = mid;
        }
        if (lo == 0 || lo == fleet.Length) return false;
        var (before, after) = (fleet[lo - 1], fleet[lo]);
        return before.InstalledStep == after.InstalledStep && before.KwPerH100e == after.KwPerH100e && before.InCohort == after.InCohort;
    }

    /// <summary>The install orders of the last <paramref name="count"/> vintages retired, ascending; false if they are not.</summary>
    private bool ReadRetiredOrders(IReadOnlyList<Vintage> retired, int count)
    {
        if (retired.Count < count) return false;
        if (_retiredOrders.Length < count) _retiredOrders = new int[Math.Max(count, 2 * _retiredOrders.Length)];
        for (var k = 0; k < count; k++)
        {
            _retiredOrders[k] = retired[retired.Count - count + k].InstallOrder;
            if (k > 0 && _retiredOrders[k] <= _retiredOrders[k - 1]) return false;
        }
        return true;
    }

    /// <summary>How many of the vintages retired have an install order from <paramref name="oldest"/> to <paramref name="newest"/>.</summary>
    private int RetiredWithin(int oldest, int newest, int count)
    {
        // Most groups are newer than every vintage retired (retirement takes the oldest and dearest to run), or older.
        if (newest < _retiredOrders[0] || oldest > _retiredOrders[count - 1]) return 0;
        var orders = _retiredOrders.AsSpan(0, count);
        var first = orders.BinarySearch(oldest);
        if (first < 0) first = ~first;
        var last = orders.BinarySearch(newest);
        last = last < 0 ? ~last : last + 1;
        return last - first;
    }
}
