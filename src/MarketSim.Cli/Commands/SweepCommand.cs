using System.CommandLine;

namespace MarketSim.Cli.Commands;

// PLACEHOLDER: replaced by the command's real implementation.
internal static class SweepCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("sweep", "(not implemented yet)");
        command.SetAction(_ => { stderr.WriteLine("error: 'sweep' is not implemented yet"); return 1; });
        return command;
    }
}
