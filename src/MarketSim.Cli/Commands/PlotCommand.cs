using System.CommandLine;

namespace MarketSim.Cli.Commands;

// PLACEHOLDER: replaced by the command's real implementation.
internal static class PlotCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("plot", "(not implemented yet)");
        command.SetAction(_ => { stderr.WriteLine("error: 'plot' is not implemented yet"); return 1; });
        return command;
    }
}
