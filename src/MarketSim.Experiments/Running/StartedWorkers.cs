using System.Diagnostics;

namespace MarketSim.Experiments.Running;

/// <summary>
/// The worker processes of a sweep, started as the sweep begins rather than once it is ready to hand out runs. Each
/// worker loads the spec, the scenario and the design itself (<see cref="SweepWorker"/>) before it reads the sweep's
/// fingerprint, so that start, about a third of a second of CPU, overlaps the sweep's own (its model, checks and
/// first files) instead of following it. <see cref="ProcessRuns"/> takes the workers it needs; any left over, and all
/// of them when the sweep stops at a check first, are stopped when this is disposed.
/// </summary>
internal sealed class StartedWorkers : IDisposable
{
    private readonly Queue<Process> _waiting = new();

    private StartedWorkers(int count) => Count = count;

    /// <summary>Workers started; <see cref="Take"/> hands out at most this many.</summary>
    public int Count { get; }

    /// <summary>Starts <paramref name="count"/> workers, each to run about <paramref name="runsPerWorker"/> runs.</summary>
    public static StartedWorkers Start(int count, Func<ProcessStartInfo> startInfo, long runsPerWorker)
    {
        var workers = new StartedWorkers(count);
        try
        {
            for (var w = 0; w < count; w++)
            {
                var start = startInfo();
                LeaveOutProfileGuidedCompilation(start, runsPerWorker);
                start.RedirectStandardInput = true;
                start.RedirectStandardOutput = true;
                start.RedirectStandardError = false;
                start.UseShellExecute = false;
                workers._waiting.Enqueue(Process.Start(start) ?? throw new InvalidOperationException($"could not start sweep worker {start.FileName}"));
            }
            return workers;
        }
        catch
        {
            workers.Dispose();
            throw;
        }
    }

    // Profile-guided compilation costs each process about 2 s of CPU on the runtime's compiling thread in its first
    // seconds, for code about 1 ms a run faster after (so about 2,000 runs to pay back). With one worker that thread has the other core to itself; with
    // two worker processes it takes time from the other worker, and a 2,048-run sweep ran 10-15% slower for it
    // (docs/performance.md, "Sweep workers as processes"). Below this many runs a worker, it does not pay back.
    // A performance setting, not model behaviour: outputs are the same bits either way (the JIT does not reassociate
    // floating point); a DOTNET_TieredPGO set by the user is left alone.
    internal const int RunsPerWorkerForProfileGuidedCompilation = 2_000;

    internal static void LeaveOutProfileGuidedCompilation(ProcessStartInfo start, long runsPerWorker)
    {
        if (runsPerWorker < RunsPerWorkerForProfileGuidedCompilation && !start.Environment.ContainsKey("DOTNET_TieredPGO"))
            start.Environment["DOTNET_TieredPGO"] = "0";
    }

    /// <summary>The next started worker; its new owner stops it.</summary>
    public Process Take() => _waiting.Dequeue();

    /// <summary>Stops the workers not taken: they were never sent a fingerprint, so they have nothing to finish.</summary>
    public void Dispose()
    {
        while (_waiting.TryDequeue(out var process))
        {
            try
            {
                if (!process.HasExited) process.Kill();
                process.WaitForExit();
            }
            catch (InvalidOperationException) { } // it had already gone
            process.Dispose();
        }
    }
}
