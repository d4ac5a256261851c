using System.Diagnostics;
using System.Text;
using MarketSim.Data.Sweeps;

namespace MarketSim.Experiments.Running;

/// <summary>
/// Runs a list of run ids in N worker processes (each a <see cref="SweepWorker"/>) and hands each finished run, in
/// list order, to one consumer on the calling thread. Separate processes scale where threads of one process do not:
/// two workers in one runtime share its collector and JIT, and lose a quarter of the second core to it
/// (docs/performance.md). Position i of the list goes to worker i mod N, so reading the workers' pipes in turn
/// yields the runs in order with no thread per worker; a worker runs ahead of the reader by at most what its pipe
/// holds, which keeps memory flat.
/// </summary>
internal static class ProcessRuns
{
    /// <summary>
    /// <paramref name="startInfo"/> says how to start one worker for this sweep; its stdin and stdout are redirected
    /// here, its stderr is left to the sweep's. Returns the runs consumed and how many failed. A worker that stops
    /// before its last run ends the sweep with a <see cref="SweepWorkerException"/> after the runs before it were
    /// consumed, so the directory holds whole runs only and a resume continues it.
    /// </summary>
    public static (long Ran, long Failed) Execute(long[] todo, int workers, Func<ProcessStartInfo> startInfo, string fingerprint,
        Func<RenderedRun, bool> consume, long skipped, Action<SweepProgress>? progress)
    {
        var count = (int)Math.Min(workers, todo.Length);
        var processes = new List<Process>(count);
        var readers = new List<BinaryReader>(count);
        var clock = Stopwatch.StartNew();
        long consumed = 0, failed = 0;
        try
        {
            for (var w = 0; w < count; w++)
            {
                var start = startInfo();
                LeaveOutProfileGuidedCompilation(start, todo.Length / count);
                start.RedirectStandardInput = true;
                start.RedirectStandardOutput = true;
                start.RedirectStandardError = false;
                start.UseShellExecute = false;
                var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start sweep worker {start.FileName}");
                processes.Add(process);
                readers.Add(new BinaryReader(new BufferedStream(process.StandardOutput.BaseStream, 1 << 16), Encoding.UTF8));
            }
            for (var w = 0; w < count; w++)
            {
                var mine = new List<long>(todo.Length / count + 1);
                for (var position = w; position < todo.Length; position += count) mine.Add(todo[position]);
                try { WorkerProtocol.WriteRequest(processes[w].StandardInput.BaseStream, fingerprint, mine); }
                catch (IOException) { throw Stopped(processes[w], w, count, todo[w]); }
                processes[w].StandardInput.Close(); // nothing more to say; a worker stops when its sweep stops reading
            }

            for (var position = 0; position < todo.Length; position++)
            {
                var w = position % count;
                RenderedRun run;
                try { run = WorkerProtocol.ReadRun(readers[w]); }
                catch (IOException) { throw Stopped(processes[w], w, count, todo[position]); } // EndOfStreamException included
                if (run.RunId != todo[position])
                    throw new InvalidDataException($"sweep worker {w + 1} sent run {run.RunId} where run {todo[position]} was due");
                if (!consume(run)) failed++;
                consumed++;
                progress?.Invoke(new SweepProgress(consumed, failed, todo.Length, skipped, clock.Elapsed));
            }
            foreach (var process in processes) process.WaitForExit();
        }
        finally
        {
            foreach (var process in processes)
            {
                if (!process.HasExited) process.Kill();
                process.WaitForExit();
                process.Dispose();
            }
        }
        return (consumed, failed);
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

    private static SweepWorkerException Stopped(Process process, int worker, int count, long runId)
    {
        var how = process.WaitForExit(TimeSpan.FromSeconds(10)) ? $"exit code {process.ExitCode}" : "still running, stopped";
        return new SweepWorkerException($"sweep worker {worker + 1} of {count} (pid {process.Id}) stopped before sending run {runId} " +
            $"({how}); the runs before it are kept, and --resume continues the sweep");
    }
}

/// <summary>A sweep's worker process stopped before its last run (killed, crashed or out of memory).</summary>
public sealed class SweepWorkerException(string message) : Exception(message);
