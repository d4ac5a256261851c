using MarketSim.Cli;

namespace MarketSim.Tests.Cli;

/// <summary>Runs <c>marketsim</c> in-process and captures what it printed.</summary>
internal sealed record CliOutcome(int ExitCode, string Stdout, string Stderr)
{
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static CliOutcome Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = Program.Invoke(args, stdout, stderr);
        return new CliOutcome(code, stdout.ToString(), stderr.ToString());
    }
}
