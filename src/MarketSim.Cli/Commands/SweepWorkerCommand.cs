using System.CommandLine;
using System.Diagnostics;
using MarketSim.Experiments.Running;

namespace MarketSim.Cli.Commands;

/// <summary>
/// <c>marketsim sweep-worker SPEC</c> (hidden): one worker process of <c>sweep --workers N</c>. It takes blocks of run
/// ids on stdin, as the sweep hands them out, and sends the finished runs back on stdout in the sweep's binary
/// protocol (<see cref="WorkerProtocol"/>); only the runtime's own messages can reach stderr. Not meant to be started
/// by hand. <c>Main</c> serves the arguments a sweep starts its workers with before any parsing
/// (<see cref="SweepWorkerProcess.IsWorker"/>); a native worker (<see cref="NativeWorker"/>) serves them the same way.
/// </summary>
internal static class SweepWorkerCommand
{
    public const string Name = SweepWorkerProcess.Command;

    public static Command Create()
    {
        var spec = new Argument<string>("spec");
        var command = new Command(Name, "Serve one worker of a sweep over stdin and stdout") { spec };
        command.Hidden = true;
        command.SetAction(parse => SweepWorkerProcess.Serve(parse.GetValue(spec)!));
        return command;
    }

    /// <summary>
    /// How a sweep starts one worker: this same program, through the apphost when the sweep was started by it, else as
    /// <c>dotnet exec marketsim.dll</c> (also when the sweep runs inside another host, such as a test runner).
    /// </summary>
    public static ProcessStartInfo StartInfo(string specFile)
    {
        var assembly = typeof(SweepWorkerCommand).Assembly.Location;
        var process = Environment.ProcessPath;
        ProcessStartInfo start;
        if (assembly.Length == 0 || (process is not null && Path.GetFileNameWithoutExtension(process) == Path.GetFileNameWithoutExtension(assembly)))
        {
            start = new ProcessStartInfo(process ?? throw new InvalidOperationException("the path of this program is unknown; use --workers 1"));
        }
        else
        {
            var host = process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process
                : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } given ? given : "dotnet";
            start = new ProcessStartInfo(host);
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(assembly);
        }
        return WithWorkerArguments(start, specFile);
    }

    /// <summary>Adds the arguments every worker, managed or native, is started with.</summary>
    public static ProcessStartInfo WithWorkerArguments(ProcessStartInfo start, string specFile)
    {
        start.ArgumentList.Add(Name);
        start.ArgumentList.Add(Path.GetFullPath(specFile));
        return start;
    }
}
