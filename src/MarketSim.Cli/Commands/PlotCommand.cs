using System.CommandLine;
using System.Diagnostics;
using MarketSim.Plots;

namespace MarketSim.Cli.Commands;

/// <summary><c>marketsim plot DIR [--heatmap K1,K2]</c>: (re)draws the figures of a run or sweep directory.</summary>
internal static class PlotCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dir = new Argument<string>("dir") { Description = "A run directory (marketsim run) or a sweep directory (marketsim sweep)" };
        var heatmap = HeatmapOption();
        var command = new Command("plot", "Draw the figures of a run or sweep directory into DIR/plots (PNG and SVG)")
        {
            dir,
            heatmap,
        };
        command.SetAction(parse => ExitCodes.Guard(stderr, () =>
        {
            var path = parse.GetValue(dir)!;
            var clock = Stopwatch.StartNew();
            var written = OutputDirectory.DrawAll(path, OutputDirectory.ParseHeatmapKeys(parse.GetValue(heatmap)), stderr);
            stdout.WriteLine($"wrote {written.Count} files to {Path.Combine(path, "plots")} in {clock.Elapsed.TotalSeconds:0.00} s");
            return ExitCodes.Ok;
        }));
        return command;
    }

    internal static Option<string?> HeatmapOption() => new("--heatmap")
    {
        Description = "Sweeps only: the two parameter keys of the justified-share heatmap, e.g. Demand:GrowthRate,Finance:CostOfCapital " +
            "(default: the two continuous parameters with the largest total Sobol index for the cohort NPV)",
    };
}
