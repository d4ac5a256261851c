using System.CommandLine;
using MarketSim.Experiments;
using MarketSim.Experiments.Running;
using MarketSim.Experiments.Specs;

namespace MarketSim.Cli.Commands;

/// <summary><c>marketsim sweep SPEC</c>: runs a parameter sweep into a results directory (see experiments/README.md).</summary>
internal static class SweepCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var spec = new Argument<string>("spec") { Description = "Sweep specification (JSON), e.g. experiments/small.json" };
        var outDir = new Option<string?>("--out") { Description = "Results directory (default results/<name>)" };
        var workers = WholeNumberOption.Create("--workers", "Runs in parallel (above 1: in that many worker processes)", 1, 1, SweepLimits.MaxWorkers, SweepLimits.WorkersReason);
        var resume = new Option<bool>("--resume") { Description = "Skip runs already recorded in runs.csv; redo any cut off" };
        var shard = new Option<int?>("--shard") { Description = "This process's shard K (0..N-1), written to DIR/shards/K-of-N/" };
        var shards = new Option<int?>("--shards") { Description = "Number of shards N" };
        var designOnly = new Option<bool>("--design-only") { Description = "Write design.csv and manifest.json without running" };
        var format = new Option<string?>("--format") { Description = "Format of the finished tables: csv (default) or parquet" };
        var workerRuntime = new Option<string?>("--worker-runtime")
        {
            Description = "Program in each worker process: auto (the native worker when built, else managed), native or managed",
        };
        var command = new Command("sweep", "Run a parameter sweep (design, summary, timeseries, runs, manifest)")
        {
            spec, outDir, workers, resume, shard, shards, designOnly, format, workerRuntime,
        };
        command.SetAction(parse => ExitCodes.Guard(stderr, () =>
        {
            var k = parse.GetValue(shard);
            var n = parse.GetValue(shards);
            if (k is null != n is null) throw new SpecException("--shard and --shards go together (e.g. --shard 0 --shards 4)");
            if (n is < 1) throw new SpecException($"--shards: {n} is out of range; allowed 1 or more");
            var tableFormat = Data.TableFormats.Parse(parse.GetValue(format));
            var isDesignOnly = parse.GetValue(designOnly);
            var runtime = NativeWorker.ParseRuntime(parse.GetValue(workerRuntime));
            var parsed = SpecParser.Load(parse.GetValue(spec)!, requireScenario: !isDesignOnly);
            var workerCount = parse.GetValue(workers);
            // Worker processes are started only for two or more workers; one worker runs in this process.
            var startWorker = workerCount > 1 && !isDesignOnly
                ? NativeWorker.Choose(runtime, NativeWorker.DefaultPath, stderr) : SweepWorkerCommand.StartInfo;
            var options = new SweepOptions(parse.GetValue(outDir) ?? Path.Combine("results", parsed.Name),
                workerCount, parse.GetValue(resume), k ?? 0, n ?? 1, isDesignOnly, tableFormat,
                () => startWorker(parsed.SourceFile));
            return Execute(parsed, options, stdout, stderr);
        }));
        return command;
    }

    private static int Execute(SweepSpec spec, SweepOptions options, TextWriter stdout, TextWriter stderr)
    {
        if (options.DesignOnly)
        {
            var d = SweepRunner.Run(spec, options, _ => throw new InvalidOperationException("no model in --design-only"));
            stdout.WriteLine($"design of {d.Total} runs written to {d.Directory}");
            return ExitCodes.Ok;
        }
        var outcome = SweepProgressDisplay.Run(stderr, spec.Name, progress => SweepRunner.Run(spec, options, SweepModel.Load, progress));
        stdout.WriteLine($"sweep {spec.Name}: {outcome.Ran} runs done ({outcome.Failed} failed, {outcome.Skipped} already done) in {outcome.Directory}");
        if (outcome.Failed > 0) stderr.WriteLine($"warning: {outcome.Failed} runs failed; their errors are in {Path.Combine(outcome.Directory, Data.Sweeps.SweepFiles.Runs)}");
        return ExitCodes.Ok;
    }
}
