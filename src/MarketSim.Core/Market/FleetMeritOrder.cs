using MarketSim.Core.Agents;

namespace MarketSim.Core.Market;

/// <summary>
/// Each cloud's fleet this month in merit order, cheapest cash cost per H100e-hour first. A cloud serves its contracts
/// and whatever else it sells with its cheapest accelerators, so its free capacity is its most expensive to run, and
/// what it offers at a rent is the free capacity whose cash cost that rent covers.
/// </summary>
internal sealed class FleetMeritOrder
{
    private readonly int[] _start, _count;
    private readonly double[] _cohort;
    private Entry[] _entries = new Entry[256];
    private double[] _cumulative = new double[256];

    public FleetMeritOrder(int clouds)
    {
        _start = new int[clouds];
        _count = new int[clouds];
        _cohort = new double[clouds];
    }

    private struct Entry
    {
        public double Cost, H100e, Kw;
        public int Step;
        public bool Cohort;
    }

    /// <summary>Sorts every cloud's fleet by cash cost. Fleets are kept in delivery order and newer accelerators cost
    /// less to run, so reading a fleet backwards is nearly sorted and an insertion sort finishes it in about one pass.</summary>
    public void Build(IReadOnlyList<Cloud> clouds)
    {
        var total = 0;
        foreach (var c in clouds) total += c.Fleet.Count;
        if (_entries.Length < total)
        {
            _entries = new Entry[Math.Max(total, 2 * _entries.Length)];
            _cumulative = new double[_entries.Length];
        }
        var next = 0;
        for (var i = 0; i < clouds.Count; i++)
        {
            var fleet = clouds[i].Fleet;
            _start[i] = next;
            var last = -1;
            for (var k = fleet.Count - 1; k >= 0; k--)
            {
                var v = fleet[k];
                // Accelerators delivered in one month with one power draw cost the same to run: one entry.
                if (last >= 0 && _entries[last].Step == v.InstalledStep && _entries[last].Kw == v.KwPerH100e && _entries[last].Cohort == v.InCohort)
                {
                    _entries[last].H100e += v.H100e;
                    continue;
                }
                last = Insert(_start[i], next++, new Entry
                {
                    Cost = v.CashCostPerH100eHour, H100e = v.H100e, Kw = v.KwPerH100e, Step = v.InstalledStep, Cohort = v.InCohort,
                });
            }
            _count[i] = next - _start[i];
            double sum = 0, cohort = 0;
            for (var k = _start[i]; k < next; k++)
            {
                _cumulative[k] = sum += _entries[k].H100e;
                if (_entries[k].Cohort) cohort += _entries[k].H100e;
            }
            _cohort[i] = cohort;
        }
    }

    /// <returns>Where the entry went.</returns>
    private int Insert(int first, int at, Entry entry)
    {
        var k = at;
        while (k > first && _entries[k - 1].Cost > entry.Cost)
        {
            _entries[k] = _entries[k - 1];
            k--;
        }
        _entries[k] = entry;
        return k;
    }

    /// <summary>H100e of the 2026-2027 cohort in a cloud's fleet this month.</summary>
    public double CohortH100e(int cloud) => _cohort[cloud];

    /// <summary>H100e of a cloud's fleet whose cash cost is at most the rent.</summary>
    public double CoveredBy(int cloud, double rent)
    {
        int lo = _start[cloud], hi = lo + _count[cloud];
        // First entry costing more than the rent.
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (_entries[mid].Cost <= rent) lo = mid + 1; else hi = mid;
        }
        return lo > _start[cloud] ? _cumulative[lo - 1] : 0;
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

    /// <summary>The 2026-2027 cohort's H100e among a cloud's cheapest <paramref name="inUseH100e"/>, and their kW.</summary>
    public (double H100e, double Kw) CohortInUse(int cloud, double inUseH100e)
    {
        double h = 0, kw = 0, before = 0;
        int first = _start[cloud], end = first + _count[cloud];
        for (var k = first; k < end && before < inUseH100e; k++)
        {
            var e = _entries[k];
            var used = Math.Min(e.H100e, inUseH100e - before);
            before += e.H100e;
            if (!e.Cohort) continue;
            h += used;
            kw += used * e.Kw;
        }
        return (h, kw);
    }
}
