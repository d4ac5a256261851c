using System.Diagnostics;
using System.Runtime.ExceptionServices;
using MarketSim.Data.Sweeps;

namespace MarketSim.Experiments.Running;

/// <summary>
/// Runs a list of run ids in N worker processes (each a <see cref="SweepWorker"/>) and hands each finished run, in
/// list order, to one consumer on the calling thread. Separate processes scale where threads of one process do not:
/// two workers in one runtime share its collector and JIT, and lose a quarter of the second core to it
/// (docs/performance.md). Runs are handed out in blocks as the workers get through them (<see cref="BlockSchedule"/>),
/// so a worker on a faster core takes more. One thread per worker reads its pipe into a reorder buffer keyed by
/// position, and the consumer takes the runs from it strictly in order; blocks are handed out only within a window of
/// positions (and of buffered bytes) past the consumer, which keeps memory flat.
/// </summary>
internal sealed class ProcessRuns
{
    /// <summary>
    /// Positions a block may end past the first run not yet consumed. A worker gets ahead of a slower one by what it runs
    /// while the other finishes its two blocks (64 runs at most), more while a core is taken away for a few seconds.
    /// </summary>
    internal static int WindowFor(int workers) => Math.Max(512, 2 * workers * BlockSchedule.BlocksAhead * BlockSchedule.LargestBlock);

    /// <summary>
    /// Bytes of finished runs the sweep may hold, buffered or still to come (at the average size of those that came):
    /// with large timeseries (a run of monthly series is about 3 MB of text) the byte budget, not the window, limits
    /// the runs handed out. Before any run has come, blocks are at most <see cref="RunsBeforeSizeKnown"/>.
    /// </summary>
    internal const long DefaultBufferBytes = 64L << 20;

    internal const int RunsBeforeSizeKnown = 1;

    private readonly long[] _todo;
    private readonly BlockSchedule _schedule;
    private readonly List<WorkerPipe> _pipes = [];
    private readonly Dictionary<int, RenderedRun> _arrived = [];
    private readonly object _gate = new(); // guards all below, the schedule and the pipes' blocks
    private readonly long _bufferBytes;
    private long _arrivedBytes, _peakArrivedBytes, _receivedRuns, _receivedBytes;
    private int _outstandingRuns; // handed out, not yet arrived
    private int _consumed;
    private Fault? _fault;

    /// <summary>The first position that can no longer arrive, the worker that owed it, and why (null: it stopped).</summary>
    private sealed record Fault(int Position, WorkerPipe Worker, Exception? Cause);

    private ProcessRuns(long[] todo, int workers, long bufferBytes)
    {
        _todo = todo;
        _bufferBytes = bufferBytes;
        _schedule = new BlockSchedule(todo.Length, workers, WindowFor(workers));
    }

    /// <summary>
    /// <paramref name="startInfo"/> says how to start one worker for this sweep; its stdin and stdout are redirected
    /// here, its stderr is left to the sweep's. Returns the runs consumed, how many failed, and how many each worker
    /// ran. A worker that stops before its last run ends the sweep with a <see cref="SweepWorkerException"/> after the
    /// runs before the first it still owed were consumed, so the directory holds whole runs only and a resume continues it.
    /// </summary>
    public static ProcessRunsOutcome Execute(long[] todo, int workers, Func<ProcessStartInfo> startInfo, string fingerprint,
        Func<RenderedRun, bool> consume, long skipped, Action<SweepProgress>? progress, long bufferBytes = DefaultBufferBytes)
    {
        var count = (int)Math.Min(workers, todo.Length);
        if (count == 0) return new ProcessRunsOutcome(0, 0, [], 0);
        using var started = StartedWorkers.Start(count, startInfo, todo.Length / count);
        return Execute(todo, started, fingerprint, consume, skipped, progress, bufferBytes);
    }

    /// <summary>Runs <paramref name="todo"/> in workers started beforehand, as many as are started or runs remain.</summary>
    public static ProcessRunsOutcome Execute(long[] todo, StartedWorkers started, string fingerprint,
        Func<RenderedRun, bool> consume, long skipped, Action<SweepProgress>? progress, long bufferBytes = DefaultBufferBytes)
    {
        var count = (int)Math.Min(started.Count, todo.Length);
        if (count == 0) return new ProcessRunsOutcome(0, 0, [], 0);
        return new ProcessRuns(todo, count, bufferBytes).Run(count, started, fingerprint, consume, skipped, progress);
    }

    private ProcessRunsOutcome Run(int count, StartedWorkers started, string fingerprint,
        Func<RenderedRun, bool> consume, long skipped, Action<SweepProgress>? progress)
    {
        var readers = new List<Thread>(count);
        var clock = Stopwatch.StartNew();
        long consumed = 0, failed = 0;
        try
        {
            for (var w = 0; w < count; w++)
            {
                var process = started.Take();
                lock (_gate) _pipes.Add(new WorkerPipe(w, process, fingerprint));
            }
            lock (_gate) HandOut();
            foreach (var pipe in _pipes)
            {
                var reader = new Thread(() => Read(pipe)) { IsBackground = true, Name = $"sweep-worker-{pipe.Index + 1}-reader" };
                reader.Start();
                readers.Add(reader);
            }

            for (var position = 0; position < _todo.Length; position++)
            {
                if (!consume(Next(position))) failed++;
                consumed++;
                progress?.Invoke(new SweepProgress(consumed, failed, _todo.Length, skipped, clock.Elapsed));
            }
            readers.ForEach(reader => reader.Join()); // each ends when its worker has stopped after its last block
            foreach (var pipe in _pipes) pipe.Process.WaitForExit();
        }
        finally
        {
            lock (_gate) _pipes.ForEach(pipe => pipe.CloseInput());
            foreach (var pipe in _pipes)
            {
                if (!pipe.Process.HasExited) pipe.Process.Kill();
                pipe.Process.WaitForExit();
            }
            readers.ForEach(reader => reader.Join()); // a stopped worker's pipe has ended
            _pipes.ForEach(pipe => pipe.Dispose());
        }
        return new ProcessRunsOutcome(consumed, failed, [.. _pipes.Select(pipe => pipe.Runs)], _peakArrivedBytes);
    }

    /// <summary>The run at <paramref name="position"/>, once it has arrived; throws when it no longer can.</summary>
    private RenderedRun Next(int position)
    {
        Fault fault;
        lock (_gate)
        {
            while (true)
            {
                if (_arrived.Remove(position, out var run))
                {
                    _arrivedBytes -= Bytes(run);
                    _consumed = position + 1;
                    HandOut(); // the window has moved on
                    return run;
                }
                if (_fault is { } found && found.Position <= position)
                {
                    fault = found;
                    break;
                }
                Monitor.Wait(_gate);
            }
        }
        if (fault.Cause is not null) ExceptionDispatchInfo.Throw(fault.Cause);
        throw Stopped(fault.Worker, _todo[fault.Position]);
    }

    /// <summary>A worker's reader thread: puts each run it sends into the reorder buffer until its output ends.</summary>
    private void Read(WorkerPipe pipe)
    {
        while (true)
        {
            RenderedRun run;
            try { run = WorkerProtocol.ReadRun(pipe.Output); }
            catch (Exception e) when (e is IOException or InvalidDataException or WorkerRefusedException)
            {
                lock (_gate)
                {
                    // The end of the output is the normal end after the last block; anywhere else the worker stopped
                    // (EndOfStreamException is an IOException), refused, or sent what is not a run.
                    if (!(e is EndOfStreamException && pipe.Finished)) Fail(pipe, e is IOException ? null : e);
                }
                return;
            }
            lock (_gate)
            {
                var position = pipe.ExpectedPosition;
                if (position < 0 || run.RunId != _todo[position])
                {
                    Fail(pipe, new InvalidDataException($"sweep worker {pipe.Index + 1} sent run {run.RunId} where " +
                        (position < 0 ? "no run was due" : $"run {_todo[position]} was due")));
                    return;
                }
                pipe.Received();
                _arrived.Add(position, run);
                var bytes = Bytes(run);
                _arrivedBytes += bytes;
                _peakArrivedBytes = Math.Max(_peakArrivedBytes, _arrivedBytes);
                (_receivedRuns, _receivedBytes, _outstandingRuns) = (_receivedRuns + 1, _receivedBytes + bytes, _outstandingRuns - 1);
                HandOut();
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>
    /// Sends blocks to the workers that hold fewer than <see cref="BlockSchedule.BlocksAhead"/>, those holding fewest
    /// first, and closes every worker's input once all are handed out. Under the lock: a block is a few dozen bytes,
    /// which a pipe takes without waiting.
    /// </summary>
    private void HandOut()
    {
        if (_fault is not null) return; // the sweep ends at the fault; every position before it is handed out already
        for (var held = 0; held < BlockSchedule.BlocksAhead; held++)
        {
            foreach (var pipe in _pipes)
            {
                if (pipe.BlocksHeld != held || !pipe.CanTakeBlocks) continue;
                if (_schedule.Take(held, _consumed, RunsWithinBudget()) is not { } block) goto handedOut;
                pipe.SendBlock(_todo, block);
                _outstandingRuns += block.Count;
            }
        }
    handedOut:
        if (_schedule.Done) _pipes.ForEach(pipe => pipe.CloseInput());
    }

    /// <summary>How many more runs may be handed out: those buffered and those to come stay within the byte budget.</summary>
    private int RunsWithinBudget()
    {
        if (_receivedRuns == 0) return RunsBeforeSizeKnown; // two blocks of one run a worker, until the first run tells the size
        var average = Math.Max(1, _receivedBytes / _receivedRuns);
        var room = (_bufferBytes - _arrivedBytes) / average - _outstandingRuns;
        return (int)Math.Clamp(room, _outstandingRuns == 0 ? 1 : 0, int.MaxValue); // one at a time if a run alone is over budget
    }

    /// <summary>Notes that the runs <paramref name="pipe"/> still owed can no longer arrive; the earliest such run ends the sweep.</summary>
    private void Fail(WorkerPipe pipe, Exception? cause)
    {
        var position = pipe.ExpectedPosition >= 0 ? pipe.ExpectedPosition : _schedule.Next; // holding none: the next it would have got
        if (_fault is null || position < _fault.Position) _fault = new Fault(position, pipe, cause);
        Monitor.PulseAll(_gate);
    }

    private static long Bytes(RenderedRun run) => 2L * (run.SummaryText.Length + run.TimeseriesText.Length + run.Status.Error.Length);

    private SweepWorkerException Stopped(WorkerPipe pipe, long runId)
    {
        var process = pipe.Process;
        var how = process.WaitForExit(TimeSpan.FromSeconds(10)) ? $"exit code {process.ExitCode}" : "still running, stopped";
        return new SweepWorkerException($"sweep worker {pipe.Index + 1} of {_pipes.Count} (pid {process.Id}) stopped before sending run {runId} " +
            $"({how}); the runs before it are kept, and --resume continues the sweep");
    }
}

/// <summary>
/// What <see cref="ProcessRuns.Execute"/> did: runs consumed, how many failed, how many each worker ran, and the most
/// bytes of finished runs that waited in the reorder buffer at once.
/// </summary>
internal readonly record struct ProcessRunsOutcome(long Ran, long Failed, long[] RunsPerWorker, long PeakBufferedBytes);

/// <summary>A sweep's worker process stopped before its last run (killed, crashed or out of memory).</summary>
public sealed class SweepWorkerException(string message) : Exception(message);
