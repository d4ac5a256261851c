using MarketSim.Data;
using MarketSim.Data.Csv;
using MarketSim.Data.Sweeps;

namespace MarketSim.Experiments;

public sealed record MergeOutcome(string Directory, int Shards, long Runs, long Failed);

/// <summary>
/// Merges DIR/shards/*/ into DIR: every run id exactly once across shards, tables merged in run-id order, so the
/// result is byte-identical to a single-process sweep (runs.csv seconds aside).
/// </summary>
public static class ShardMerger
{
    public static MergeOutcome Merge(string dir)
    {
        var root = SweepFiles.ShardsRoot(dir);
        var shardDirs = Directory.Exists(root)
            ? Directory.GetDirectories(root).Where(d => File.Exists(Path.Combine(d, SweepFiles.Manifest))).Order(StringComparer.Ordinal).ToArray()
            : [];
        if (shardDirs.Length == 0) throw new SpecException($"{dir}: no shard results under {root} (run sweep with --shard K --shards N first)");

        // One writer at a time, here and in every shard: a shard still being written is refused, not half merged.
        using var writer = DirectoryLock.Acquire(dir, "merge");
        var shardLocks = new List<DirectoryLock>();
        try
        {
            foreach (var shardDir in shardDirs) shardLocks.Add(DirectoryLock.Acquire(shardDir, "merge"));
            return Merge(dir, shardDirs);
        }
        finally
        {
            foreach (var shardLock in shardLocks) shardLock.Dispose();
        }
    }

    private static MergeOutcome Merge(string dir, string[] shardDirs)
    {
        var manifests = shardDirs.Select(d => SweepManifest.Read(Path.Combine(d, SweepFiles.Manifest))).ToArray();
        var identity = SweepIdentity.Of(manifests[0]);
        for (var i = 1; i < shardDirs.Length; i++)
            if (identity.RefusalGiven(SweepIdentity.Of(manifests[i])) is not null)
                throw new SpecException($"{shardDirs[i]}: comes from another spec or scenario than {shardDirs[0]}");
        if (SweepIdentity.Of(dir) is { } existing && identity.RefusalGiven(existing) is { } refusal)
            throw new SpecException($"{dir}: {refusal}");

        var total = manifests[0].Design.Runs ?? throw new SpecException($"{shardDirs[0]}: manifest has no design.runs");
        for (var s = 0; s < shardDirs.Length; s++) Verify(shardDirs[s], manifests[s]);
        var owner = new short[total]; // 0 = missing, s+1 = shard s, -1 = duplicate
        var duplicates = new List<long>();
        var failed = 0L;
        for (var s = 0; s < shardDirs.Length; s++)
        {
            // Read with the table reader, as another tool may have rewritten a shard (CRLF line ends, a BOM).
            foreach (var id in CsvTable.Stream<RunStatusRow>(Path.Combine(shardDirs[s], SweepFiles.Runs), SweepFiles.RunsColumns,
                         manifests[s].RowsOf(SweepFiles.Runs)).Select(r => r.RunId))
            {
                if (id >= total) throw new SpecException($"{shardDirs[s]}: run id {id} is beyond the design ({total} runs)");
                if (owner[id] != 0) { duplicates.Add(id); owner[id] = -1; }
                else owner[id] = (short)(s + 1);
            }
        }
        var missing = new List<long>();
        for (long id = 0; id < total; id++) if (owner[id] == 0) missing.Add(id);
        if (missing.Count > 0) throw new SpecException($"{dir}: {missing.Count} run ids missing from the shards: {Ids(missing)}");
        if (duplicates.Count > 0) throw new SpecException($"{dir}: {duplicates.Count} run ids present in more than one shard: {Ids(duplicates.Distinct().ToList())}");

        bool Owned(int shard, long id) => id >= 0 && id < total && owner[id] == shard + 1;
        // Until the new manifest is written last, DIR is not a finished sweep: a merge killed half-way leaves tables
        // no reader accepts (they need the manifest's row counts), and the shards it reads are never changed.
        File.Delete(Path.Combine(dir, SweepFiles.Manifest));
        SweepParquet.RemoveStale(dir);
        var design = ShardTables.Merge(dir, shardDirs, SweepFiles.Design, Owned);
        var summary = ShardTables.Merge(dir, shardDirs, SweepFiles.Summary, Owned);
        long? timeseries = shardDirs.All(d => File.Exists(Path.Combine(d, SweepFiles.Timeseries)))
            ? ShardTables.Merge(dir, shardDirs, SweepFiles.Timeseries, Owned)
            : null;
        var runs = ShardTables.Merge(dir, shardDirs, SweepFiles.Runs, Owned);
        foreach (var run in CsvTable.Stream<RunStatusRow>(Path.Combine(dir, SweepFiles.Runs), SweepFiles.RunsColumns, runs))
            if (!run.Ok) failed++;

        var merged = manifests[0] with { Shard = null, TableRows = SweepFiles.RowCounts(design, summary, timeseries, runs) };
        merged.Write(dir);
        if (merged.Format == TableFormat.Parquet) SweepParquet.Store(dir, merged);
        return new MergeOutcome(dir, shardDirs.Length, total, failed);
    }

    /// <summary>
    /// A shard is merged only when it finished (its manifest records its tables' row counts) and every table is whole:
    /// a truncated or torn shard table would otherwise lose runs silently.
    /// </summary>
    private static void Verify(string shardDir, SweepManifest manifest)
    {
        if (manifest.TableRows is not { } rows)
            throw new SpecException($"{shardDir}: the shard has not finished ({SweepFiles.Manifest} records no row counts); " +
                "rerun it with --resume");
        var columns = new Dictionary<string, IReadOnlyList<string>>
        {
            [SweepFiles.Design] = SweepFiles.DesignColumns(manifest.Parameters.Select(p => p.Key)),
            [SweepFiles.Summary] = SweepFiles.SummaryColumns,
            [SweepFiles.Timeseries] = SweepFiles.TimeseriesColumns,
            [SweepFiles.Runs] = SweepFiles.RunsColumns,
        };
        foreach (var (file, count) in rows)
            if (columns.TryGetValue(file, out var header)) CsvTable.Verify(Path.Combine(shardDir, file), header, count);
    }

    private static string Ids(List<long> ids) => string.Join(", ", ids.Take(10)) + (ids.Count > 10 ? $", ... ({ids.Count - 10} more)" : "");
}
