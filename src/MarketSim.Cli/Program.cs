using System.CommandLine;
using MarketSim.Cli.Commands;
using Microsoft.Extensions.Logging;

namespace MarketSim.Cli;

public static class Program
{
    private static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Log diagnostics (to stderr; stdout carries only the command's output)",
        Recursive = true,
    };

    public static int Main(string[] args) =>
        Experiments.Running.SweepWorkerProcess.IsWorker(args, out var spec) ? Experiments.Running.SweepWorkerProcess.Serve(spec) : Invoke(args, Console.Out, Console.Error);

    /// <summary>Runs the CLI with the given writers; tests call this in-process.</summary>
    public static int Invoke(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var minimumLevel = LogLevel.Warning;
        using var logger = new DeferredLogger(level => level >= minimumLevel);

        var root = new RootCommand("MarketSim: an agent-based simulation of the AI infrastructure market") { Verbose };
        foreach (var command in Commands(stdout, stderr, logger)) root.Subcommands.Add(command);
        var parse = root.Parse(args);
        if (parse.GetValue(Verbose)) minimumLevel = LogLevel.Debug;
        if (parse.Errors.Count > 0)
        {
            // One line, exit 2, like every other bad input (System.CommandLine would add the help text).
            stderr.WriteLine($"error: {(parse.CommandResult.Command == root ? NoCommand(root, args) : parse.Errors[0].Message)}");
            return ExitCodes.BadInput;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (!ExitCodes.IsInputError(e))
        {
            logger.LogDebug(e, "command failed");
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>What to say when no command was recognised: the word given, if any, and the commands there are.</summary>
    private static string NoCommand(RootCommand root, string[] args)
    {
        var commands = string.Join(", ", root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
        var word = args.FirstOrDefault(a => !a.StartsWith('-'));
        return word is null
            ? $"no command given; commands: {commands} (marketsim COMMAND --help for each)"
            : $"'{word}' is not a command; commands: {commands} (marketsim COMMAND --help for each)";
    }

    private static IEnumerable<Command> Commands(TextWriter stdout, TextWriter stderr, ILogger logger) =>
    [
        RunCommand.Create(stdout, stderr, logger),
        SweepCommand.Create(stdout, stderr),
        SweepWorkerCommand.Create(),
        CalibrateCommand.Create(stdout, stderr),
        MergeCommand.Create(stdout, stderr),
        AnalyzeCommand.Create(stdout, stderr),
        PlotCommand.Create(stdout, stderr),
        ReportCommand.Create(stdout, stderr),
        BenchCommand.Create(stdout, stderr, logger),
        DealsCommand.Create(stdout, stderr),
        ParamsCommand.Create(stdout, stderr),
    ];
}
