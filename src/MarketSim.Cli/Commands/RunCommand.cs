using System.CommandLine;
using MarketSim.Core;
using MarketSim.Core.Scenarios;
using MarketSim.Data;
using MarketSim.Data.Runs;
using MarketSim.Experiments.Output;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketSim.Cli.Commands;

/// <summary><c>marketsim run</c>: one simulation, written as the output contract's directory.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr) => Create(stdout, stderr, NullLogger.Instance);

    public static Command Create(TextWriter stdout, TextWriter stderr, ILogger logger)
    {
        var scenarioOption = ScenarioArguments.Scenario();
        var seedOption = ScenarioArguments.Seed();
        var setOption = ScenarioArguments.Set();
        var outOption = new Option<string?>("--out") { Description = "Output directory; default results/<scenario>-<seed>" };
        var noPlotsOption = new Option<bool>("--no-plots") { Description = "Do not draw the run's figures" };
        var formatOption = new Option<string?>("--format") { Description = "Table format: csv (default) or parquet" };
        var command = new Command("run", "Simulate one scenario and write timeseries, summary, events and manifest")
        {
            scenarioOption, seedOption, setOption, outOption, noPlotsOption, formatOption,
        };
        command.SetAction(parse => ExitCodes.Guard(stderr, () =>
        {
            var format = TableFormats.Parse(parse.GetValue(formatOption));
            var scenario = ScenarioLoader.Load(parse.GetValue(scenarioOption), parse.GetValue(setOption) ?? []);
            var seed = parse.GetValue(seedOption);
            var outDir = parse.GetValue(outOption) ?? DefaultOutDir(scenario, seed);
            RunFiles.EnsureWritable(outDir);

            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = Simulation.Create(scenario, seed).Run();
            logger.LogDebug("simulated {Scenario} seed {Seed}: {Steps} steps in {Ms} ms",
                scenario.Name, seed, result.Dates.Count, clock.ElapsedMilliseconds);
            RunOutput.Write(outDir, scenario, result, format);
            logger.LogDebug("wrote {Directory}", Path.GetFullPath(outDir));
            if (!parse.GetValue(noPlotsOption))
            {
                var report = Plots.Report.ReportWriter.Write(outDir, Plots.Input.RunData.FromResult(result, scenario));
                logger.LogDebug("drew figures and {Report}", report);
            }

            RunSummaryText.Write(stdout, result, outDir);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Where a run goes without --out, relative to the working directory.</summary>
    public static string DefaultOutDir(Scenario scenario, int seed) => Path.Combine("results", $"{scenario.Name}-{seed}");
}
