using MarketSim.Core.Engine;
using MarketSim.Core.Market;
using MarketSim.Core.Results;

namespace MarketSim.Core.Agents;

/// <summary>
/// A chipmaker's shipments as metrics: <c>h100e_shipped</c> (performance), <c>units_shipped</c> (physical
/// accelerators, H100e / H100e per unit) and <c>units_shipped_&lt;generation id&gt;</c> for every generation its lines
/// ship during the run.
/// </summary>
internal sealed class ShipmentRecord
{
    private readonly MetricsRecorder _metrics;
    private readonly int _units, _h100e;
    private readonly Dictionary<Generation, int> _slots = [];
    private readonly int[] _handles;
    private readonly double[] _unitsByGeneration;

    public ShipmentRecord(World world, string agent, string kind, IReadOnlyList<ProductLine> lines)
    {
        _metrics = world.Metrics;
        _units = _metrics.Register(agent, kind, "units_shipped", Aggregation.Flow);
        _h100e = _metrics.Register(agent, kind, "h100e_shipped", Aggregation.Flow);
        var handles = new List<int>();
        foreach (var generation in ShippedDuring(world.Clock, lines))
        {
            _slots[generation] = handles.Count;
            handles.Add(_metrics.Register(agent, kind, "units_shipped_" + generation.Id, Aggregation.Flow));
        }
        _handles = [.. handles];
        _unitsByGeneration = new double[_handles.Length];
    }

    public double UnitsThisStep { get; private set; }
    public double H100eThisStep { get; private set; }

    public void BeginStep()
    {
        UnitsThisStep = H100eThisStep = 0;
        Array.Clear(_unitsByGeneration);
    }

    public void Add(Generation generation, double h100e)
    {
        var units = h100e / generation.H100ePerUnit;
        UnitsThisStep += units;
        H100eThisStep += h100e;
        // Only months past the clock's end (never recorded) ship generations without a series.
        if (_slots.TryGetValue(generation, out var slot)) _unitsByGeneration[slot] += units;
    }

    public void Record()
    {
        _metrics.Set(_units, UnitsThisStep);
        _metrics.Set(_h100e, H100eThisStep);
        for (var i = 0; i < _handles.Length; i++) _metrics.Set(_handles[i], _unitsByGeneration[i]);
    }

    /// <summary>The generations with a share of some line's mix in some month of the run, oldest first.</summary>
    private static IEnumerable<Generation> ShippedDuring(Clock clock, IReadOnlyList<ProductLine> lines)
    {
        var seen = new HashSet<Generation>();
        // A line ships the same generations month after month, so only a month that ships others than the month
        // before adds to the set: the same set, without hashing every generation of every month.
        var lastMonth = new List<Generation>();
        for (var l = 0; l < lines.Count; l++)
        {
            lastMonth.Clear();
            for (var step = 0; step < clock.Steps; step++)
            {
                var mix = lines[l].MixAt(clock.Start.AddMonths(step));
                if (ShipsTheSame(mix, lastMonth)) continue;
                lastMonth.Clear();
                foreach (var (generation, share) in mix)
                    if (share > 0) lastMonth.Add(generation);
                foreach (var generation in lastMonth) seen.Add(generation);
            }
        }
        var oldestFirst = new Generation[seen.Count];
        seen.CopyTo(oldestFirst);
        Array.Sort(oldestFirst, Generation.OldestFirst);
        return oldestFirst;
    }

    /// <summary>Whether a month's mix ships exactly <paramref name="generations"/> (those with a share above zero), in that order.</summary>
    private static bool ShipsTheSame(ReadOnlySpan<GenerationShare> mix, List<Generation> generations)
    {
        var n = 0;
        foreach (var (generation, share) in mix)
        {
            if (!(share > 0)) continue;
            if (n == generations.Count || generations[n] != generation) return false;
            n++;
        }
        return n == generations.Count && n > 0;
    }
}
