using System.CommandLine;
using System.Diagnostics;
using MarketSim.Data.Calibration;
using MarketSim.Experiments.Calibration;
using MarketSim.Plots;
using MarketSim.Plots.Report;

namespace MarketSim.Cli.Commands;

/// <summary><c>marketsim report DIR</c>: redraws the figures and writes the self-contained DIR/report.html.</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dir = new Argument<string>("dir") { Description = "A run directory (marketsim run), a sweep directory (marketsim sweep) or a calibration directory (marketsim calibrate)" };
        var heatmap = PlotCommand.HeatmapOption();
        var command = new Command("report", "Write DIR/report.html: the answer, key numbers, figures and parameters in one offline file")
        {
            dir,
            heatmap,
        };
        command.SetAction(parse => ExitCodes.Guard(stderr, () =>
        {
            var clock = Stopwatch.StartNew();
            var path = parse.GetValue(dir)!;
            var report = CalibrationManifest.Holds(path)
                ? CalibrationReport.Write(path, CalibrateCommand.PlotInput(CalibrationSpecParser.Parse(
                    CalibrationManifest.SpecKeyOf(path)!, Path.Combine(path, CalibrationFiles.Manifest))))
                : ReportWriter.Write(path, OutputDirectory.ParseHeatmapKeys(parse.GetValue(heatmap)), stderr);
            stdout.WriteLine($"wrote {report} in {clock.Elapsed.TotalSeconds:0.00} s");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
