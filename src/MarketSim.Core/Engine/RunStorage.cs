using MarketSim.Core.Agents;
using MarketSim.Core.Market;
using MarketSim.Core.Results;

namespace MarketSim.Core.Engine;

/// <summary>
/// What a run keeps until its result is thrown away: its series' values, its event log's blocks, its vintages and its
/// contracts (about 0.9 MB of the baseline's 1.36 MB). A run takes its thread's storage when it starts; the storage
/// goes back to the thread only when the caller recycles the run's result (<see cref="RunResult.Recycle"/>), and the
/// next run on the thread then reuses every piece instead of allocating it. A result that is never recycled keeps its
/// storage, which the collector takes with it, so a result a caller keeps is never touched again.
/// <para>
/// The storage hands its pieces out in the order the run asks for them, as an arena: the n-th vintage of a run is the
/// n-th vintage of the run before, reset as if it were new. Every piece is reset (series values cleared, vintages and
/// contracts given every field afresh) or only read where it was written (event blocks), so a run on reused storage
/// records the same bits as a run on fresh storage.
/// </para>
/// </summary>
internal sealed class RunStorage
{
    private readonly List<double[]> _doubles = [];
    // One arena of lists per element type (a handful of types, each asked for a few times a run).
    private readonly Dictionary<Type, ListArena> _lists = [];
    private readonly List<EventLog.Record[]> _recordBlocks = [];
    private readonly List<EventDetailPart[]> _partBlocks = [];
    // Vintages by owning cloud and contracts by lab, each store grown a block at a time: the fleet walk reads a cloud's
    // vintages every month and the market a lab's contracts, and objects made one after another lie together in memory
    // (the collector keeps their order when it moves them). One store for all interleaves every owner's.
    private readonly List<Arena<Vintage>> _vintages = [];
    private readonly List<Arena<ComputeContract>> _contracts = [];
    private int _doublesUsed, _recordBlocksUsed, _partBlocksUsed;

    private RunStorage()
    {
    }

    /// <summary>True from <see cref="Take"/> until <see cref="Return"/>.</summary>
    public bool InUse { get; private set; }

    /// <summary>This thread's free storage, or a new one, for one run.</summary>
    public static RunStorage Take()
    {
        var storage = ThreadFree<RunStorage>.Take(static () => new RunStorage());
        storage.InUse = true;
        storage._doublesUsed = storage._recordBlocksUsed = storage._partBlocksUsed = 0;
        foreach (var arena in storage._vintages) arena.Used = 0;
        foreach (var arena in storage._contracts) arena.Used = 0;
        foreach (var lists in storage._lists.Values) lists.Used = 0;
        return storage;
    }

    /// <summary>
    /// Hands the storage to the next run on the calling thread. The run that held it, its world and its result must not
    /// be used again: their series, events, vintages and contracts will be the next run's.
    /// </summary>
    public void Return()
    {
        InUse = false;
        ThreadFree<RunStorage>.Return(this);
    }

    /// <summary>An array of <paramref name="length"/> zeros: a series' values, a book's or an account's months.</summary>
    public double[] Doubles(int length)
    {
        if (_doublesUsed < _doubles.Count && _doubles[_doublesUsed].Length == length)
        {
            var reused = _doubles[_doublesUsed++];
            Array.Clear(reused);
            return reused;
        }
        var fresh = new double[length];
        if (_doublesUsed < _doubles.Count) _doubles[_doublesUsed++] = fresh;
        else
        {
            _doubles.Add(fresh);
            _doublesUsed++;
        }
        return fresh;
    }

    /// <summary>An empty list, with the room the same list had in the run before (a fleet, a backlog, a book).</summary>
    public List<T> List<T>()
    {
        if (!_lists.TryGetValue(typeof(T), out var arena)) _lists.Add(typeof(T), arena = new ListArena<T>());
        return ((ListArena<T>)arena).Next();
    }

    /// <summary>An event log's block of records; the log reads only the slots it wrote.</summary>
    public EventLog.Record[] RecordBlock(int length) => Next(_recordBlocks, ref _recordBlocksUsed, length);

    /// <summary>An event log's block of detail parts; the log reads only the slots it wrote.</summary>
    public EventDetailPart[] PartBlock(int length) => Next(_partBlocks, ref _partBlocksUsed, length);

    private static T[] Next<T>(List<T[]> blocks, ref int used, int length)
    {
        if (used == blocks.Count) blocks.Add(new T[length]);
        else if (blocks[used].Length != length) blocks[used] = new T[length];
        return blocks[used++];
    }

    /// <summary>A vintage for the cloud at <paramref name="owner"/> (its index), with every field as a new one would have it.</summary>
    public Vintage Vintage(int owner, Generation generation, int installedStep, double h100e, double costUsdBn, bool inCohort,
        double cashCostPerH100eHour, double bookValueUsdBn)
    {
        var vintage = Arena<Vintage>.Of(_vintages, owner, static () => new Vintage(forStorage: true)).Next();
        vintage.Reset(generation, installedStep, h100e, costUsdBn, inCohort, cashCostPerH100eHour, bookValueUsdBn);
        return vintage;
    }

    /// <summary>A contract, from its lab's store, with every field as a new one would have it.</summary>
    public ComputeContract Contract(Lab lab, Cloud cloud, double volumeH100e, double pricePerH100eHour, int startStep,
        int endStep, string rule, int rampMonths)
    {
        var contract = Arena<ComputeContract>.Of(_contracts, lab.Index, static () => new ComputeContract(forStorage: true)).Next();
        contract.Reset(lab, cloud, volumeH100e, pricePerH100eHour, startStep, endStep, rule, rampMonths);
        return contract;
    }

    /// <summary>Objects of one owner handed out in order, made a block at a time so that they lie together.</summary>
    private sealed class Arena<T>(Func<T> create)
    {
        private const int Block = 64;
        private readonly List<T> _items = [];
        public int Used;

        /// <summary>The arena of owner <paramref name="owner"/> in <paramref name="arenas"/>, made for it if it has none yet.</summary>
        public static Arena<T> Of(List<Arena<T>> arenas, int owner, Func<T> create)
        {
            while (arenas.Count <= owner) arenas.Add(new Arena<T>(create));
            return arenas[owner];
        }

        public T Next()
        {
            if (Used == _items.Count)
                for (var k = 0; k < Block; k++) _items.Add(create());
            return _items[Used++];
        }
    }

    private abstract class ListArena
    {
        public int Used;
    }

    private sealed class ListArena<T> : ListArena
    {
        private readonly List<List<T>> _lists = [];

        public List<T> Next()
        {
            if (Used == _lists.Count) _lists.Add([]);
            var list = _lists[Used++];
            list.Clear();
            return list;
        }
    }
}
