namespace MarketSim.Analysis.Sweeps;

/// <summary>
/// Where each run id sits in design.csv. Ids are usually the positions themselves (0, 1, 2, ...), which need no
/// table; a dictionary is made at the first id that is not (at 80,000 runs it was a megabyte and a half on the large
/// object heap, which counts towards a full collection).
/// </summary>
internal sealed class RunIndex
{
    private Dictionary<int, int>? _byId;

    public int Count { get; private set; }

    /// <summary>Adds the next run in design.csv; false when its id is taken.</summary>
    public bool Add(int id)
    {
        if (_byId is null)
        {
            if (id == Count)
            {
                Count++;
                return true;
            }
            _byId = [];
            for (var run = 0; run < Count; run++) _byId[run] = run;
        }
        if (!_byId.TryAdd(id, Count)) return false;
        Count++;
        return true;
    }

    public bool TryGetValue(int id, out int run)
    {
        if (_byId is not null) return _byId.TryGetValue(id, out run);
        run = id;
        return (uint)id < (uint)Count;
    }
}
