namespace MarketSim.Experiments.Running;

/// <summary>
/// Which positions of a sweep's run list each worker process runs: contiguous blocks handed out on demand, so a
/// faster worker takes more runs. The cores of a shared machine run at different speeds from minute to minute, so a
/// fixed share per worker leaves one core idle at the end while the other finishes. Blocks are guided: about a
/// quarter of each worker's share of what remains, at most <see cref="LargestBlock"/>, shrinking to one run at the
/// end, so the workers finish within a few runs of each other. Not thread-safe: its owner holds a lock.
/// </summary>
/// <remarks>
/// All performance tunables, not behaviour: a run's result depends on its id and seed only, never on which worker ran
/// it, so any schedule writes the same files.
/// </remarks>
internal sealed class BlockSchedule
{
    /// <summary>About 0.4 s of runs on a loaded core; a block costs the sweep one write of a few dozen bytes.</summary>
    internal const int LargestBlock = 32;

    /// <summary>Blocks a worker holds: the one it runs and the next, waiting in its pipe, so it never waits for the sweep.</summary>
    internal const int BlocksAhead = 2;

    /// <summary>A block is the remaining runs over this many times the workers (guided scheduling).</summary>
    internal const int BlocksPerWorkerShare = 4;

    private readonly int _length;
    private readonly int _workers;
    private readonly int _window;
    private int _next;

    /// <param name="length">Runs in the list.</param>
    /// <param name="workers">Worker processes.</param>
    /// <param name="window">
    /// How far past the first run not yet consumed a block may end: runs finished ahead of a slower worker wait in
    /// memory, so this bounds the memory of the sweep.
    /// </param>
    public BlockSchedule(int length, int workers, int window)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, LargestBlock);
        (_length, _workers, _window) = (length, workers, window);
    }

    /// <summary>The first position not yet handed out.</summary>
    public int Next => _next;

    /// <summary>Every position has been handed out.</summary>
    public bool Done => _next >= _length;

    /// <summary>The size the next block would have.</summary>
    public int NextSize
    {
        get
        {
            var remaining = _length - _next;
            return Math.Min(remaining, Math.Clamp(remaining / (BlocksPerWorkerShare * _workers), 1, LargestBlock));
        }
    }

    /// <summary>
    /// The next block for a worker that holds <paramref name="blocksHeld"/> blocks not yet finished, or null: it holds
    /// enough, every position is handed out, or the block would end more than the window past <paramref name="consumed"/>
    /// (the first position not yet consumed). It has at most <paramref name="most"/> runs (when runs are large, fewer
    /// may be held in memory).
    /// </summary>
    public (int Start, int Count)? Take(int blocksHeld, int consumed, int most = int.MaxValue)
    {
        if (blocksHeld >= BlocksAhead || Done || most < 1) return null;
        var count = Math.Min(NextSize, most);
        if (_next + count > (long)consumed + _window) return null;
        var start = _next;
        _next += count;
        return (start, count);
    }
}
