using System.CommandLine;
using System.Globalization;
using MarketSim.Analysis;
using MarketSim.Analysis.Sweeps;

namespace MarketSim.Cli.Commands;

/// <summary>`marketsim analyze DIR`: sensitivity indices, the verdict and PRIM boxes of a sweep, into DIR/analysis.</summary>
internal static class AnalyzeCommand
{
    private const int MaxBootstrap = 100_000;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var directory = new Argument<string>("DIR") { Description = "Sweep directory (manifest.json, design.csv, summary.csv)" };
        // Numbers are taken as text and checked here, so a bad value is bad input (exit 2) like everywhere else.
        var bootstrap = new Option<string>("--bootstrap")
        {
            Description = $"Bootstrap resamples for the 95% intervals (2 to {MaxBootstrap})",
            DefaultValueFactory = _ => "1000",
        };
        var seed = new Option<string>("--seed")
        {
            Description = "Seed of the bootstrap resampling (a whole number)",
            DefaultValueFactory = _ => "0",
        };
        var extras = AnalyzeOptions.Create();
        var command = new Command("analyze", "Sobol or Morris indices, the verdict and scenario discovery of a sweep")
        {
            directory, bootstrap, seed,
        };
        extras.AddTo(command);
        command.SetAction(parse => ExitCodes.Guard(stderr, () =>
        {
            var settings = extras.Apply(parse, new AnalysisSettings(
                WholeNumber("--bootstrap", parse.GetValue(bootstrap)!, 2, MaxBootstrap),
                WholeNumber("--seed", parse.GetValue(seed)!, int.MinValue, int.MaxValue)));
            var dir = parse.GetValue(directory)!;
            var (result, files) = SweepAnalysis.Run(dir, settings);
            foreach (var note in result.Notes) stderr.WriteLine($"note: {note}");
            foreach (var line in result.SummaryLines()) stdout.WriteLine(line);
            stdout.WriteLine($"wrote {Path.Combine(dir, AnalysisWriter.DirectoryName)}: {string.Join(", ", files)}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    internal static int WholeNumber(string option, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw new AnalysisInputException(
                $"{option}: {text} is not allowed; allowed a whole number from {min} to {max}");
}
