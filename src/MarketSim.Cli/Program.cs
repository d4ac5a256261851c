using System.CommandLine;
using MarketSim.Cli.Commands;

namespace MarketSim.Cli;

public static class Program
{
    public static int Main(string[] args) => Invoke(args, Console.Out, Console.Error);

    /// <summary>Runs the CLI with the given writers; tests call this in-process.</summary>
    public static int Invoke(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("MarketSim: an agent-based simulation of the AI infrastructure market")
        {
            RunCommand.Create(stdout, stderr),
            SweepCommand.Create(stdout, stderr),
            MergeCommand.Create(stdout, stderr),
            AnalyzeCommand.Create(stdout, stderr),
            PlotCommand.Create(stdout, stderr),
            ReportCommand.Create(stdout, stderr),
            BenchCommand.Create(stdout, stderr),
        };
        var parse = root.Parse(args);
        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
