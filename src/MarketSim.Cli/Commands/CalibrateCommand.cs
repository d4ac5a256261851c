using System.CommandLine;
using System.Diagnostics;
using MarketSim.Experiments;
using MarketSim.Experiments.Calibration;
using MarketSim.Plots.Calibration;

namespace MarketSim.Cli.Commands;

/// <summary><c>marketsim calibrate SPEC</c>: fits uncertain scenario keys to observed history by ABC-SMC.</summary>
internal static class CalibrateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var spec = new Argument<string>("spec") { Description = "Calibration specification (JSON), e.g. experiments/calibration.json" };
        var outDir = new Option<string?>("--out") { Description = "Results directory (default results/<name>)" };
        var workers = new Option<int>("--workers") { Description = "Simulations in parallel", DefaultValueFactory = _ => 1 };
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoints in --out; reaches the same posterior" };
        var budget = new Option<long?>("--budget") { Description = "Most simulations to spend; the posterior is the last complete generation" };
        var shard = new Option<int?>("--shard") { Description = "Simulate shard K's share (0..N-1) of the next batch, then stop" };
        var shards = new Option<int?>("--shards") { Description = "Number of shards N" };
        var noPlots = new Option<bool>("--no-plots") { Description = "Do not draw the figures" };
        var command = new Command("calibrate", "Calibrate scenario keys to 2022-2024 history by ABC-SMC (posterior, generations, fit, figures)")
        {
            spec, outDir, workers, resume, budget, shard, shards, noPlots,
        };
        command.SetAction(parse => ExitCodes.Guard(stderr, () =>
        {
            var k = parse.GetValue(shard);
            var n = parse.GetValue(shards);
            if (k is null != n is null) throw new SpecException("--shard and --shards go together (e.g. --shard 0 --shards 4)");
            if (n is < 1) throw new SpecException($"--shards: {n} is out of range; allowed 1 or more");
            var parsed = CalibrationSpecParser.Load(parse.GetValue(spec)!);
            var model = ScenarioCalibrationModel.Load(parsed.ScenarioToLoad);
            var problem = CalibrationProblem.Build(parsed, model);
            var options = new CalibrationOptions(parse.GetValue(outDir) ?? Path.Combine("results", parsed.Name),
                parse.GetValue(workers), parse.GetValue(resume), parse.GetValue(budget), k ?? 0, n ?? 1);
            var outcome = CalibrationRunner.Run(problem, model, options, Progress(stderr, parsed.Name), g => stderr.WriteLine(
                $"calibrate {parsed.Name}: generation {g.Generation} done: tolerance {g.Tolerance:G4}, acceptance {g.AcceptanceRate:P0}, "
                + $"ESS {g.Ess:F1}, median distance {g.MedianDistance:G4}, {g.TotalSimulations} simulations so far"),
                parse.GetValue(noPlots) ? null : _ => CalibrationFigures.Write(options.OutDir, PlotInput(problem.Spec)));
            if (options.Sharded)
            {
                stdout.WriteLine($"calibrate {parsed.Name}: shard {options.Shard} of {options.Shards} ran {outcome.SimulatedHere} simulations"
                    + (outcome.Stopped == "shard" ? "" : "; the calibration is complete, finish it with --resume") + $" in {options.OutDir}");
                return ExitCodes.Ok;
            }
            var last = outcome.Generations[^1];
            stdout.WriteLine($"calibrate {parsed.Name}: {outcome.Generations.Count} generations, {outcome.Simulations} simulations "
                + $"({outcome.SimulatedHere} run now), final tolerance {last.Tolerance:G4}, ESS {last.Ess:F1}, stopped by {outcome.Stopped}, in {options.OutDir}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>What the calibration figures and report need of a spec: its name, seed and priors.</summary>
    internal static CalibrationPlotInput PlotInput(CalibrationSpec spec) => new(spec.Name, spec.Seed,
        [.. spec.Parameters.Select(p =>
        {
            var (min, max) = p.Prior.PlotRange();
            return new PlottedPrior(p.Key, p.Prior.PdfOfValue, min, max, p.Prior.Kind == PriorKind.LogUniform);
        })]);

    // A plain line on stderr every 5 s: generation, tolerance, acceptance so far and an ETA.
    private static Action<CalibrationProgress> Progress(TextWriter stderr, string name)
    {
        var last = Stopwatch.GetTimestamp();
        return p =>
        {
            if (Stopwatch.GetElapsedTime(last).TotalSeconds < 5) return;
            last = Stopwatch.GetTimestamp();
            var perSimulation = p.SimulatedHere > 0 ? p.Elapsed.TotalSeconds / p.SimulatedHere : 0;
            var rate = p.GenerationSimulations > 0 ? (double)p.Accepted / p.GenerationSimulations : 0;
            var generationLeft = rate > 0 ? (p.Particles - p.Accepted) / rate : 0;
            var left = p.Budget is { } b ? Math.Min(b - p.Simulations, generationLeft) : generationLeft;
            var eta = TimeSpan.FromSeconds(Math.Max(0, left) * perSimulation);
            stderr.WriteLine($"calibrate {name}: generation {p.Generation}, tolerance {p.Tolerance:G4}, {p.Accepted}/{p.Particles} accepted "
                + $"of {p.GenerationSimulations} (acceptance {rate:P0}), {p.Simulations}{(p.Budget is { } budget ? $"/{budget}" : "")} simulations, "
                + $"generation ETA {eta:hh\\:mm\\:ss}");
        };
    }
}
