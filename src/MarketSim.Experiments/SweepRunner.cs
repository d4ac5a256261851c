using System.Diagnostics;
using System.Text;
using MarketSim.Core.Results;
using MarketSim.Core.Scenarios;
using MarketSim.Data;
using MarketSim.Data.Csv;
using MarketSim.Data.Sweeps;
using MarketSim.Experiments.Design;
using MarketSim.Experiments.Output;
using MarketSim.Experiments.Running;
using MarketSim.Experiments.Specs;

namespace MarketSim.Experiments;

/// <param name="Format">How the finished tables are stored; shards keep CSV for merge, which stores the merged tables so.</param>
/// <param name="WorkerProcess">How to start a worker process for this sweep (one that serves <see cref="SweepWorker"/>
/// on its stdin and stdout); when given, more than one worker means that many processes rather than threads.</param>
public sealed record SweepOptions(string OutDir, int Workers = 1, bool Resume = false, int Shard = 0, int Shards = 1, bool DesignOnly = false,
    TableFormat Format = TableFormat.Csv, Func<ProcessStartInfo>? WorkerProcess = null)
{
    public bool Sharded => Shards > 1 || Shard != 0;
}

public sealed record SweepProgress(long Done, long Failed, long Total, long Skipped, TimeSpan Elapsed);

public sealed record SweepOutcome(string Directory, long Total, long Ran, long Failed, long Skipped);

/// <summary>
/// Runs a sweep: validates everything first, then streams runs through N workers and a small reorder window,
/// so files are written in run-id order (identical for any worker count) and memory stays flat.
/// </summary>
public static class SweepRunner
{
    public static SweepOutcome Run(SweepSpec spec, SweepOptions options, Func<SweepSpec, IRunModel> loadModel, Action<SweepProgress>? progress = null)
    {
        SweepLimits.CheckWorkers("--workers", options.Workers);
        if (options.Shards < 1 || options.Shard < 0 || options.Shard >= options.Shards)
            throw new SpecException($"--shard: {options.Shard} is out of range; allowed 0 to {options.Shards - 1} (with --shards {options.Shards})");
        OutputDirectories.EnsureSweepWritable(options.OutDir);
        if (options.DesignOnly)
        {
            SweepLimits.CheckMemory(spec, null, 1, inMemory: false);
            return WriteDesignOnly(spec, SweepDesign.Build(spec), options);
        }

        using var workers = StartWorkers(spec, options);
        var model = loadModel(spec);
        CheckParameters(spec, model);
        SweepLimits.CheckMemory(spec, model, options.Workers, inMemory: false);
        var design = SweepDesign.Build(spec);
        CheckFirstRow(spec, design, model);
        var dir = options.Sharded ? SweepFiles.ShardDirectory(options.OutDir, options.Shard, options.Shards) : options.OutDir;
        var manifest = SweepManifests.Of(spec, design, options.Sharded ? (options.Shard, options.Shards) : null, model.ScenarioSha256)
            with { Format = options.Format };
        RefuseOtherSpec(options.OutDir, manifest);
        Directory.CreateDirectory(dir);
        using var writer = DirectoryLock.Acquire(dir, "sweep");
        RefuseOtherSpec(dir, manifest);
        if (options.Resume && SweepParquet.Stored(dir)) return new SweepOutcome(dir, design.RunCount, 0, 0, design.RunCount);

        var total = design.RunCount;
        var mine = new List<long>();
        for (long id = options.Shard; id < total; id += options.Shards) mine.Add(id);

        var done = new bool[total];
        var resuming = options.Resume && SweepIdentity.Of(dir) is not null;
        var kept = resuming ? ResumeTables(dir, spec, manifest, done) : StartTables(dir, spec, design, mine, manifest);
        var todo = mine.Where(id => !done[id]).ToArray();
        var skipped = mine.Count - todo.Length;

        var (ran, failed, written) = Execute(dir, spec, design, model, todo, options, workers, skipped, progress);
        // Only a finished sweep records its row counts: readers then refuse a table cut short or changed afterwards.
        var finished = manifest with
        {
            TableRows = SweepFiles.RowCounts(mine.Count, kept.Summary + written.Summary,
                spec.Outputs.Timeseries == TimeseriesOutput.None ? null : kept.Timeseries + written.Timeseries, kept.Runs + written.Runs),
        };
        finished.Write(dir);
        if (options.Format == TableFormat.Parquet && !options.Sharded) SweepParquet.Store(dir, finished);
        return new SweepOutcome(dir, mine.Count, ran, failed, skipped);
    }

    /// <summary>
    /// Runs a whole sweep without writing anything and returns its tables as typed rows: the rows its files would
    /// hold, in the same order, for any worker count (<see cref="SweepTables.WriteTo"/> writes them). The same checks
    /// as <see cref="Run"/> come first. Meant for sweeps whose tables fit in memory; a large monthly timeseries is
    /// better streamed to disk with <see cref="Run"/>.
    /// </summary>
    public static SweepTables RunInMemory(SweepSpec spec, Func<SweepSpec, IRunModel> loadModel, int workers = 1,
        Action<SweepProgress>? progress = null)
    {
        SweepLimits.CheckWorkers("workers", workers);
        var model = loadModel(spec);
        CheckParameters(spec, model);
        SweepLimits.CheckMemory(spec, model, workers, inMemory: true);
        var design = SweepDesign.Build(spec);
        CheckFirstRow(spec, design, model);
        var renderer = new RunRenderer(spec.Outputs);
        var ids = new long[design.RunCount];
        for (var id = 0L; id < ids.Length; id++) ids[id] = id;

        var summary = new List<SweepSummaryRow>();
        var timeseries = renderer.WantsTimeseries ? new List<SweepTimeseriesRow>() : null;
        var runs = new List<RunStatusRow>(ids.Length);
        OrderedRuns.Execute(ids, workers, static () => 0,
            (id, _) =>
            {
                var (result, status) = RunOne(id, design, model);
                var rendered = (Status: status,
                    Summary: result is null ? [] : RunRenderer.Summary(id, result).ToList(),
                    Timeseries: result is null || timeseries is null ? [] : renderer.Timeseries(id, result).ToList());
                result?.Recycle(); // its rows hold copies; the next run on this worker reuses its storage
                return rendered;
            },
            run =>
            {
                runs.Add(run.Status);
                summary.AddRange(run.Summary);
                timeseries?.AddRange(run.Timeseries);
                return run.Status.Ok;
            }, 0, progress);

        return new SweepTables
        {
            Manifest = SweepManifests.Of(spec, design, scenarioSha256: model.ScenarioSha256) with
            {
                TableRows = SweepFiles.RowCounts(ids.Length, summary.Count, timeseries?.Count, runs.Count),
            },
            Design = new TableRows<DesignedRun>(SweepFiles.Design, ids.Select(design.Run)),
            Summary = new TableRows<SweepSummaryRow>(SweepFiles.Summary, summary),
            Runs = new TableRows<RunStatusRow>(SweepFiles.Runs, runs),
            Timeseries = timeseries is null ? null : new TableRows<SweepTimeseriesRow>(SweepFiles.Timeseries, timeseries),
        };
    }

    /// <summary>
    /// Writes design.csv and a manifest without running. The same spec check as a resume comes first; a directory
    /// that already holds this spec's sweep is left as it is (its design is this design, and its manifest records
    /// what has run and on which scenario).
    /// </summary>
    private static SweepOutcome WriteDesignOnly(SweepSpec spec, SweepDesign design, SweepOptions options)
    {
        var manifest = SweepManifests.Of(spec, design);
        RefuseOtherSpec(options.OutDir, manifest);
        Directory.CreateDirectory(options.OutDir);
        using var writer = DirectoryLock.Acquire(options.OutDir, "sweep --design-only");
        RefuseOtherSpec(options.OutDir, manifest);
        if (SweepIdentity.Of(options.OutDir) is not null) return new SweepOutcome(options.OutDir, design.RunCount, 0, 0, 0);
        var all = new List<long>();
        for (long id = 0; id < design.RunCount; id++) all.Add(id);
        var rows = WriteDesign(Path.Combine(options.OutDir, SweepFiles.Design), design, all);
        (manifest with { TableRows = new Dictionary<string, long> { [SweepFiles.Design] = rows } }).Write(options.OutDir);
        return new SweepOutcome(options.OutDir, design.RunCount, 0, 0, 0);
    }

    // Every value a parameter can take must be accepted by the scenario, before anything is written.
    private static void CheckParameters(SweepSpec spec, IRunModel model)
    {
        for (var i = 0; i < spec.Parameters.Count; i++)
        {
            var p = spec.Parameters[i];
            var probes = p.Values ?? (IReadOnlyList<string>)[p.FromUnit(0), p.FromUnit(1)];
            foreach (var value in probes)
            {
                try { model.Check([new(p.Key, value)]); }
                catch (ScenarioException e) { throw new SpecException($"{spec.SourceFile}: parameters[{i}]: {e.Message}"); }
            }
        }
    }

    // ... and together, as the first design row sets them.
    private static void CheckFirstRow(SweepSpec spec, SweepDesign design, IRunModel model)
    {
        if (design.Rows.Count > 0)
        {
            try { model.Check(design.Overrides(0)); }
            catch (ScenarioException e) { throw new SpecException($"{spec.SourceFile}: parameters: {e.Message}"); }
        }
    }

    private static void RefuseOtherSpec(string dir, SweepManifest manifest)
    {
        if (SweepIdentity.Of(dir) is { } existing && SweepIdentity.Of(manifest).RefusalGiven(existing) is { } refusal)
            throw new SpecException($"{dir}: {refusal}; choose another --out or remove it");
    }

    /// <summary>Rows already in a sweep's tables, per table.</summary>
    private readonly record struct TableRowCounts(long Summary, long Timeseries, long Runs);

    private static TableRowCounts StartTables(string dir, SweepSpec spec, SweepDesign design, List<long> mine, SweepManifest manifest)
    {
        Directory.CreateDirectory(dir);
        File.Delete(Path.Combine(dir, SweepFiles.Manifest)); // until the new one is written, the directory is not resumable
        SweepParquet.RemoveStale(dir);
        WriteDesign(Path.Combine(dir, SweepFiles.Design), design, mine);
        CommittedTables.Start(Path.Combine(dir, SweepFiles.Summary), SweepFiles.SummaryColumns);
        var ts = Path.Combine(dir, SweepFiles.Timeseries);
        if (spec.Outputs.Timeseries != TimeseriesOutput.None) CommittedTables.Start(ts, SweepFiles.TimeseriesColumns);
        else File.Delete(ts);
        CommittedTables.Start(Path.Combine(dir, SweepFiles.Runs), SweepFiles.RunsColumns);
        manifest.Write(dir);
        return new TableRowCounts(0, 0, 0);
    }

    private static TableRowCounts ResumeTables(string dir, SweepSpec spec, SweepManifest manifest, bool[] done)
    {
        manifest.Write(dir); // without row counts until the sweep has finished again
        var committed = CommittedTables.ReadCommitted(Path.Combine(dir, SweepFiles.Runs));
        foreach (var id in committed)
            if (id < done.Length) done[id] = true;
        bool Committed(long id) => id < done.Length && done[id];
        var summary = CommittedTables.CutToCommitted(Path.Combine(dir, SweepFiles.Summary), SweepFiles.SummaryColumns, Committed);
        var timeseries = spec.Outputs.Timeseries == TimeseriesOutput.None ? 0
            : CommittedTables.CutToCommitted(Path.Combine(dir, SweepFiles.Timeseries), SweepFiles.TimeseriesColumns, Committed);
        return new TableRowCounts(summary, timeseries, committed.Count);
    }

    public static long WriteDesign(string path, SweepDesign design, IEnumerable<long> runIds) =>
        CsvTable.Write(path, SweepFiles.DesignColumns(design.Parameters.Select(p => p.Key)), runIds.Select(design.Run));

    /// <summary>
    /// The worker processes of a sweep with several, started before the sweep loads its model, so that their own start
    /// overlaps it (<see cref="StartedWorkers"/>); null when the runs go to threads of this process.
    /// </summary>
    private static StartedWorkers? StartWorkers(SweepSpec spec, SweepOptions options)
    {
        if (options is not { Workers: > 1, WorkerProcess: { } startWorker }) return null;
        var runs = SweepDesign.RowCount(spec.Design, spec.Parameters) * spec.Replications;
        var mine = Math.Max(0, (runs - options.Shard + options.Shards - 1) / options.Shards);
        var count = (int)Math.Min(options.Workers, mine);
        return count < 1 ? null : StartedWorkers.Start(count, startWorker, mine / count);
    }

    private static (long Ran, long Failed, TableRowCounts Written) Execute(string dir, SweepSpec spec, SweepDesign design,
        IRunModel model, long[] todo, SweepOptions options, StartedWorkers? workers, long skipped, Action<SweepProgress>? progress)
    {
        var renderer = new RunRenderer(spec.Outputs);
        using var tables = new SweepTableWriter(dir, renderer.WantsTimeseries);
        if (workers is not null)
        {
            try
            {
                var (byProcesses, failedInProcesses, _, _) = ProcessRuns.Execute(todo, workers,
                    WorkerProtocol.Fingerprint(spec, design, model.ScenarioSha256), run =>
                    {
                        tables.Write(run);
                        return run.Ok;
                    }, skipped, progress);
                return (byProcesses, failedInProcesses, new TableRowCounts(tables.SummaryRows, tables.TimeseriesRows, tables.RunsRows));
            }
            catch (WorkerRefusedException e) { throw new SpecException($"{spec.SourceFile}: {e.Message}"); }
        }
        var (ran, failed) = OrderedRuns.Execute(todo, options.Workers, () => new StringBuilder(1 << 12),
            (id, scratch) =>
            {
                var (result, status) = RunOne(id, design, model);
                var rendered = RenderedRun.Of(status, result is null ? [] : RunRenderer.Summary(id, result),
                    result is null ? [] : renderer.Timeseries(id, result), scratch);
                result?.Recycle(); // rendered to text; the next run on this worker reuses its storage
                return rendered;
            },
            run =>
            {
                tables.Write(run);
                return run.Ok;
            }, skipped, progress);
        return (ran, failed, new TableRowCounts(tables.SummaryRows, tables.TimeseriesRows, tables.RunsRows));
    }

    /// <summary>Runs one design run; a run that throws or ends with a non-finite summary value is failed, with its reason.</summary>
    internal static (RunResult? Result, RunStatusRow Status) RunOne(long runId, SweepDesign design, IRunModel model)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            var result = model.Run(design.Overrides(runId), design.SeedOf(runId));
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            return RunRenderer.Failure(result) is { } failure
                ? (null, RunStatusRow.Failure(runId, seconds, failure))
                : (result, new RunStatusRow(runId, true, seconds, ""));
        }
        catch (Exception e)
        {
            return (null, RunStatusRow.Failure(runId, Stopwatch.GetElapsedTime(start).TotalSeconds, $"{e.GetType().Name}: {e.Message}"));
        }
    }
}
