using Microsoft.Win32.SafeHandles;
using MarketSim.Experiments.Specs;

namespace MarketSim.Experiments.Running;

/// <summary>
/// A sweep worker as a process: the arguments it is started with, and serving the sweep on its stdin and stdout. The
/// same code serves in <c>marketsim sweep-worker</c> and in the native worker, <c>marketsim-worker</c>, compiled ahead
/// of time.
/// </summary>
public static class SweepWorkerProcess
{
    /// <summary>The first argument of a worker process; the second is the spec's full path.</summary>
    public const string Command = "sweep-worker";

    /// <summary>The argument that asks a native worker which build of the model it holds (<see cref="WorkerCode"/>).</summary>
    public const string IdentityCommand = "code-identity";

    public const int Ok = 0, Failure = 1, BadInput = 2;

    /// <summary>
    /// Whether <paramref name="args"/> are those a sweep starts a worker with (the command and the spec's path); if so,
    /// the spec's path. The CLI serves such a process at once, without building its other commands or parsing: each
    /// worker of a sweep pays its own start, and the parser's code was about two fifths of the methods a worker
    /// compiled before it was ready.
    /// </summary>
    public static bool IsWorker(string[] args, out string specFile)
    {
        specFile = args is [Command, var spec] && !spec.StartsWith('-') ? spec : "";
        return specFile.Length > 0;
    }

    /// <summary>Serves the sweep on this process's stdin and stdout; the exit code.</summary>
    public static int Serve(string specFile)
    {
        try
        {
            // File streams on the descriptors, not the console's streams: those drop a write to a closed pipe
            // silently, and the failed write is how a worker learns that its sweep has gone.
            using var input = OperatingSystem.IsWindows() ? Console.OpenStandardInput()
                : new FileStream(new SafeFileHandle(0, ownsHandle: false), FileAccess.Read, 1);
            using var output = OperatingSystem.IsWindows() ? Console.OpenStandardOutput()
                : new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, 1);
            return SweepWorker.Serve(input, output, () => SpecParser.Load(specFile), SweepModel.Load) ? Ok : BadInput;
        }
        catch (IOException)
        {
            return Failure; // the sweep has gone (its end of the pipes is closed): nothing to say to anyone
        }
        catch (Exception e)
        {
            // One line on the sweep's stderr, as the CLI reports a failure, not the runtime's stack trace.
            Console.Error.WriteLine($"error: sweep worker: {e.Message}");
            return Failure;
        }
    }
}
