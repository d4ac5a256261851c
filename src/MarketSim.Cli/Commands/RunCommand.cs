using System.CommandLine;

namespace MarketSim.Cli.Commands;

// PLACEHOLDER: replaced by the command's real implementation.
internal static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("run", "(not implemented yet)");
        command.SetAction(_ => { stderr.WriteLine("error: 'run' is not implemented yet"); return 1; });
        return command;
    }
}
