using System.CommandLine;

namespace MarketSim.Cli.Commands;

// PLACEHOLDER: replaced by the command's real implementation.
internal static class MergeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("merge", "(not implemented yet)");
        command.SetAction(_ => { stderr.WriteLine("error: 'merge' is not implemented yet"); return 1; });
        return command;
    }
}
