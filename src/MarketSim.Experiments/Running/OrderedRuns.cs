using System.Collections.Concurrent;
using System.Diagnostics;

namespace MarketSim.Experiments.Running;

/// <summary>
/// Runs a list of run ids on N worker threads and hands each result, in list order, to one consumer on the calling
/// thread. A small reorder window keeps memory flat (at most a few results per worker wait to be consumed) and makes
/// what is consumed, and in which order, independent of the worker count.
/// </summary>
internal static class OrderedRuns
{
    /// <summary>
    /// <paramref name="work"/> runs on a worker (with its own scratch state); <paramref name="consume"/> receives the
    /// results in order and says whether the run succeeded. Returns the runs consumed and how many failed.
    /// </summary>
    public static (long Ran, long Failed) Execute<TScratch, T>(long[] todo, int workers, Func<TScratch> scratch,
        Func<long, TScratch, T> work, Func<T, bool> consume, long skipped, Action<SweepProgress>? progress)
    {
        var window = new SemaphoreSlim(Math.Max(4, workers * 4));
        using var finished = new BlockingCollection<(int Position, T Result)>();
        using var stop = new CancellationTokenSource();
        var next = -1;
        var running = workers;

        void Work()
        {
            var state = scratch();
            try
            {
                while (true)
                {
                    window.Wait(stop.Token);
                    var position = Interlocked.Increment(ref next);
                    if (position >= todo.Length) return;
                    finished.Add((position, work(todo[position], state)));
                }
            }
            catch (OperationCanceledException) { }
            finally { if (Interlocked.Decrement(ref running) == 0) finished.CompleteAdding(); }
        }

        var threads = Enumerable.Range(0, workers).Select(i => new Thread(Work) { IsBackground = true, Name = $"sweep-worker-{i}" }).ToList();
        threads.ForEach(t => t.Start());
        var clock = Stopwatch.StartNew();
        long consumed = 0, failed = 0;
        try
        {
            var waiting = new Dictionary<int, T>();
            foreach (var (position, result) in finished.GetConsumingEnumerable())
            {
                waiting[position] = result;
                while (waiting.Remove((int)consumed, out var ready))
                {
                    if (!consume(ready)) failed++;
                    consumed++;
                    window.Release();
                    progress?.Invoke(new SweepProgress(consumed, failed, todo.Length, skipped, clock.Elapsed));
                }
            }
        }
        finally
        {
            stop.Cancel();
            threads.ForEach(t => t.Join());
        }
        return (consumed, failed);
    }
}
