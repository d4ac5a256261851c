using System.Diagnostics;
using MarketSim.Experiments.Running;

namespace MarketSim.Cli.Commands;

/// <summary>Which program a sweep of two or more workers starts in each worker process.</summary>
internal enum WorkerRuntime
{
    /// <summary>The native worker when it sits next to this program and was built from the same code, else this program.</summary>
    Auto,
    /// <summary>The native worker, or a one-line error saying why it cannot serve.</summary>
    Native,
    /// <summary>This program (<c>marketsim sweep-worker</c>), compiled by the runtime as it runs.</summary>
    Managed,
}

/// <summary>
/// The native sweep worker, <c>marketsim-worker</c> (src/MarketSim.Worker): the worker compiled ahead of time to this
/// machine's instructions. A worker of this program spends its first seconds compiling the model (about 0.8 s of CPU
/// each) and runs it without a profile; with one worker that compiling has the other core to itself, with two it
/// takes from the runs. The native worker starts with nothing to compile. It serves the same protocol with the same
/// code, so its runs are the same bits; it is used only when its <see cref="WorkerCode"/> identity is this program's,
/// so an edited rule is never run by a worker built before the edit.
/// </summary>
internal static class NativeWorker
{
    public const string BuildCommand = "dotnet build src/MarketSim.Cli -c Release -p:NativeWorker=true";

    private static readonly TimeSpan IdentityTimeout = TimeSpan.FromSeconds(10);

    public static string FileName => "marketsim-worker" + (OperatingSystem.IsWindows() ? ".exe" : "");

    /// <summary>Where this program looks for it: beside itself, where the build puts it.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, FileName);

    public static WorkerRuntime ParseRuntime(string? value) => value?.ToLowerInvariant() switch
    {
        null or "auto" => WorkerRuntime.Auto,
        "native" => WorkerRuntime.Native,
        "managed" => WorkerRuntime.Managed,
        _ => throw new UsageException($"--worker-runtime: '{value}' is not allowed; allowed auto, native or managed"),
    };

    /// <summary>
    /// How each worker is started: the native worker at <paramref name="path"/> when <paramref name="runtime"/> allows
    /// it and it can serve; otherwise this program. Asking for the native worker when it cannot serve is a
    /// <see cref="UsageException"/>; with <see cref="WorkerRuntime.Auto"/> a native worker that cannot serve is noted
    /// on <paramref name="stderr"/> and left unused.
    /// </summary>
    public static Func<string, ProcessStartInfo> Choose(WorkerRuntime runtime, string path, TextWriter stderr)
    {
        if (runtime == WorkerRuntime.Managed) return SweepWorkerCommand.StartInfo;
        if (runtime == WorkerRuntime.Auto && !File.Exists(path)) return SweepWorkerCommand.StartInfo;
        var unfit = Unfit(path);
        if (unfit is null) return spec => SweepWorkerCommand.WithWorkerArguments(new ProcessStartInfo(path), spec);
        if (runtime == WorkerRuntime.Native) throw new UsageException($"--worker-runtime native: {unfit}; build it with: {BuildCommand}");
        stderr.WriteLine($"note: {unfit}; the sweep uses managed workers (rebuild it with: {BuildCommand})");
        return SweepWorkerCommand.StartInfo;
    }

    /// <summary>Why the native worker at <paramref name="path"/> cannot serve this program's sweeps, or null if it can.</summary>
    public static string? Unfit(string path)
    {
        if (!File.Exists(path)) return $"there is no native worker at {path}";
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(SweepWorkerProcess.IdentityCommand);
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("it did not start");
            process.StandardInput.Close();
            var answer = process.StandardOutput.ReadToEndAsync();
            var complaint = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(IdentityTimeout))
            {
                process.Kill();
                return $"the native worker at {path} did not say which build it is within {IdentityTimeout.TotalSeconds:0} s";
            }
            // A native worker built for a processor with instructions this one lacks stops at start with an error.
            // Its own message becomes part of the sweep's one line.
            if (process.ExitCode != 0)
            {
                var why = complaint.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
                return $"the native worker at {path} failed when asked which build it is (exit {process.ExitCode}{(why is null ? "" : $": {why}")})";
            }
            return answer.Result.Trim() == WorkerCode.Identity ? null : $"the native worker at {path} was built from other code than this program";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return $"the native worker at {path} could not be started ({e.Message})";
        }
    }
}
