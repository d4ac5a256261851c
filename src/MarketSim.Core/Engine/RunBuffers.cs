using MarketSim.Core.Agents;
using MarketSim.Core.Market;

namespace MarketSim.Core.Engine;

/// <summary>
/// The large working arrays a run needs only while it steps: the fleets' merit order and the columns of the waiting
/// buyers (about 600 KB together in the baseline), and the fleet reviews' figures per cash cost. A run takes its
/// thread's set when it starts and hands it back when it finishes, so the next run on the thread (a sweep's worker, a
/// benchmark) reuses them instead of allocating and zeroing them again. A run that finds none free, because another
/// run on the thread is still open, makes its own. Every user overwrites what it reads, so what a previous run left
/// in them never shows.
/// </summary>
internal sealed class RunBuffers
{
    private readonly List<double[]> _columns = [];
    private FleetMeritOrder? _meritOrder;

    private RunBuffers()
    {
    }

    /// <summary>This thread's free set, or a new one.</summary>
    public static RunBuffers Take() => ThreadFree<RunBuffers>.Take(static () => new RunBuffers());

    /// <summary>Hands the set to the next run on the calling thread; its run must not step again.</summary>
    public void Return() => ThreadFree<RunBuffers>.Return(this);

    /// <summary>The merit order, emptied, for this many clouds.</summary>
    public FleetMeritOrder MeritOrder(int clouds)
    {
        _meritOrder ??= new FleetMeritOrder();
        _meritOrder.Reset(clouds);
        return _meritOrder;
    }

    /// <summary>The fleet reviews' figures per cash cost (each review begins its own).</summary>
    public MarginsByCashCost Margins { get; } = new();

    /// <summary>Column <paramref name="slot"/>, at least <paramref name="length"/> long.</summary>
    public double[] Column(int slot, int length)
    {
        while (_columns.Count <= slot) _columns.Add([]);
        // Room for an eighth more: the waiting buyers of a segment vary a little from seed to seed.
        if (_columns[slot].Length < length) _columns[slot] = new double[length + length / 8];
        return _columns[slot];
    }
}
