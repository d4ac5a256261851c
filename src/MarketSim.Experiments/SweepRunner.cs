using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using MarketSim.Core.Scenarios;
using MarketSim.Data;
using MarketSim.Experiments.Design;
using MarketSim.Experiments.Output;
using MarketSim.Experiments.Running;
using MarketSim.Experiments.Specs;

namespace MarketSim.Experiments;

public sealed record SweepOptions(string OutDir, int Workers = 1, bool Resume = false, int Shard = 0, int Shards = 1, bool DesignOnly = false)
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
        if (options.Workers < 1) throw new SpecException($"--workers: {options.Workers} is out of range; allowed 1 or more");
        if (options.Shards < 1 || options.Shard < 0 || options.Shard >= options.Shards)
            throw new SpecException($"--shard: {options.Shard} is out of range; allowed 0 to {options.Shards - 1} (with --shards {options.Shards})");
        var design = SweepDesign.Build(spec);
        if (options.DesignOnly) return WriteDesignOnly(spec, design, options);

        var model = loadModel(spec);
        CheckParameters(spec, design, model);
        var dir = options.Sharded ? SweepFiles.ShardDirectory(options.OutDir, options.Shard, options.Shards) : options.OutDir;
        var manifest = SweepManifest.Build(spec, design, options.Sharded ? (options.Shard, options.Shards) : null);
        RefuseOtherSpec(options.OutDir, manifest);
        RefuseOtherSpec(dir, manifest);

        var total = design.RunCount;
        var mine = new List<long>();
        for (long id = options.Shard; id < total; id += options.Shards) mine.Add(id);

        var done = new bool[total];
        var resuming = options.Resume && SweepManifest.TryRead(dir) is not null;
        if (resuming) ResumeTables(dir, spec, done);
        else StartTables(dir, spec, design, mine, manifest);
        var todo = mine.Where(id => !done[id]).ToArray();
        var skipped = mine.Count - todo.Length;

        var (ran, failed) = Execute(dir, spec, design, model, todo, options.Workers, skipped, progress);
        return new SweepOutcome(dir, mine.Count, ran, failed, skipped);
    }

    private static SweepOutcome WriteDesignOnly(SweepSpec spec, SweepDesign design, SweepOptions options)
    {
        var manifest = SweepManifest.Build(spec, design);
        if (!options.Resume) RefuseOtherSpec(options.OutDir, manifest);
        Directory.CreateDirectory(options.OutDir);
        var all = new List<long>();
        for (long id = 0; id < design.RunCount; id++) all.Add(id);
        WriteDesign(Path.Combine(options.OutDir, SweepFiles.Design), design, all);
        AtomicFiles.WriteFile(Path.Combine(options.OutDir, SweepFiles.Manifest), SweepManifest.ToText(manifest));
        return new SweepOutcome(options.OutDir, design.RunCount, 0, 0, 0);
    }

    // Every value a parameter can take must be accepted by the scenario, before anything is written.
    private static void CheckParameters(SweepSpec spec, SweepDesign design, IRunModel model)
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
        if (design.Rows.Count > 0)
        {
            try { model.Check(design.Overrides(0)); }
            catch (ScenarioException e) { throw new SpecException($"{spec.SourceFile}: parameters: {e.Message}"); }
        }
    }

    private static void RefuseOtherSpec(string dir, System.Text.Json.Nodes.JsonObject manifest)
    {
        if (SweepManifest.TryRead(dir) is { } existing && SweepManifest.SpecKey(existing) != SweepManifest.SpecKey(manifest))
            throw new SpecException($"{dir}: already holds results of another spec ('{existing["name"]}'); choose another --out or remove it");
    }

    private static void StartTables(string dir, SweepSpec spec, SweepDesign design, List<long> mine, System.Text.Json.Nodes.JsonObject manifest)
    {
        Directory.CreateDirectory(dir);
        File.Delete(Path.Combine(dir, SweepFiles.Manifest)); // until the new one is written, the directory is not resumable
        WriteDesign(Path.Combine(dir, SweepFiles.Design), design, mine);
        File.WriteAllText(Path.Combine(dir, SweepFiles.Summary), SweepFiles.SummaryHeader, CsvText.Utf8);
        var ts = Path.Combine(dir, SweepFiles.Timeseries);
        if (spec.Outputs.Timeseries != TimeseriesOutput.None) File.WriteAllText(ts, SweepFiles.TimeseriesHeader, CsvText.Utf8);
        else File.Delete(ts);
        File.WriteAllText(Path.Combine(dir, SweepFiles.Runs), SweepFiles.RunsHeader, CsvText.Utf8);
        AtomicFiles.WriteFile(Path.Combine(dir, SweepFiles.Manifest), SweepManifest.ToText(manifest));
    }

    private static void ResumeTables(string dir, SweepSpec spec, bool[] done)
    {
        foreach (var id in CommittedTables.ReadCommitted(Path.Combine(dir, SweepFiles.Runs)))
            if (id < done.Length) done[id] = true;
        bool Committed(long id) => id < done.Length && done[id];
        CommittedTables.CutToCommitted(Path.Combine(dir, SweepFiles.Summary), SweepFiles.SummaryHeader, Committed);
        if (spec.Outputs.Timeseries != TimeseriesOutput.None)
            CommittedTables.CutToCommitted(Path.Combine(dir, SweepFiles.Timeseries), SweepFiles.TimeseriesHeader, Committed);
    }

    public static void WriteDesign(string path, SweepDesign design, IEnumerable<long> runIds) =>
        AtomicFiles.WriteFile(path, stream =>
        {
            using var w = new StreamWriter(stream, CsvText.Utf8, 1 << 16) { NewLine = "\n" };
            w.Write(CsvText.Header(["run_id", "design_row", "replication", "seed", .. design.Parameters.Select(p => p.Key)]));
            var line = new StringBuilder();
            foreach (var id in runIds)
            {
                line.Clear().Append(id).Append(',').Append(design.DesignRow(id)).Append(',').Append(design.Replication(id))
                    .Append(',').Append(design.SeedOf(id));
                foreach (var value in design.Rows[design.DesignRow(id)]) line.Append(',').AppendField(value);
                w.Write(line.Append('\n'));
            }
        });

    private static (long Ran, long Failed) Execute(string dir, SweepSpec spec, SweepDesign design, IRunModel model,
        long[] todo, int workers, long skipped, Action<SweepProgress>? progress)
    {
        var renderer = new RunRenderer(spec.Outputs);
        var window = new SemaphoreSlim(Math.Max(4, workers * 4));
        using var finished = new BlockingCollection<(int Position, RunRecord Record)>();
        using var stop = new CancellationTokenSource();
        var next = -1;
        var running = workers;

        void Work()
        {
            var scratch = new StringBuilder(1 << 12);
            try
            {
                while (true)
                {
                    window.Wait(stop.Token);
                    var position = Interlocked.Increment(ref next);
                    if (position >= todo.Length) return;
                    finished.Add((position, RunOne(todo[position], design, model, renderer, scratch)));
                }
            }
            catch (OperationCanceledException) { }
            finally { if (Interlocked.Decrement(ref running) == 0) finished.CompleteAdding(); }
        }

        var threads = Enumerable.Range(0, workers).Select(i => new Thread(Work) { IsBackground = true, Name = $"sweep-worker-{i}" }).ToList();
        threads.ForEach(t => t.Start());
        var clock = Stopwatch.StartNew();
        long written = 0, failed = 0;
        try
        {
            using var tables = new SweepTableWriter(dir, spec.Outputs.Timeseries != TimeseriesOutput.None);
            var waiting = new Dictionary<int, RunRecord>();
            foreach (var (position, record) in finished.GetConsumingEnumerable())
            {
                waiting[position] = record;
                while (waiting.Remove((int)written, out var ready))
                {
                    tables.Write(ready);
                    written++;
                    if (!ready.Ok) failed++;
                    window.Release();
                    progress?.Invoke(new SweepProgress(written, failed, todo.Length, skipped, clock.Elapsed));
                }
            }
        }
        finally
        {
            stop.Cancel();
            threads.ForEach(t => t.Join());
        }
        return (written, failed);
    }

    private static RunRecord RunOne(long runId, SweepDesign design, IRunModel model, RunRenderer renderer, StringBuilder scratch)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            var result = model.Run(design.Overrides(runId), design.SeedOf(runId));
            return renderer.Render(runId, result, Stopwatch.GetElapsedTime(start).TotalSeconds, scratch);
        }
        catch (Exception e)
        {
            return RunRecord.Failed(runId, Stopwatch.GetElapsedTime(start).TotalSeconds, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
