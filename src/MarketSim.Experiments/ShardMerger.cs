using MarketSim.Data;
using System.Text.Json.Nodes;
using MarketSim.Experiments.Output;

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
        var root = Path.Combine(dir, "shards");
        var shardDirs = Directory.Exists(root)
            ? Directory.GetDirectories(root).Where(d => File.Exists(Path.Combine(d, SweepFiles.Manifest))).Order(StringComparer.Ordinal).ToArray()
            : [];
        if (shardDirs.Length == 0) throw new SpecException($"{dir}: no shard results under {root} (run sweep with --shard K --shards N first)");

        var manifests = shardDirs.Select(d => SweepManifest.TryRead(d) ?? throw new SpecException($"{d}: unreadable {SweepFiles.Manifest}")).ToArray();
        var key = SweepManifest.SpecKey(manifests[0]);
        for (var i = 1; i < shardDirs.Length; i++)
            if (SweepManifest.SpecKey(manifests[i]) != key)
                throw new SpecException($"{shardDirs[i]}: comes from another spec than {shardDirs[0]}");
        if (SweepManifest.TryRead(dir) is { } existing && SweepManifest.SpecKey(existing) != key)
            throw new SpecException($"{dir}: already holds results of another spec ('{existing["name"]}')");

        var total = manifests[0]["design"]?["runs"]?.GetValue<long>() ?? throw new SpecException($"{shardDirs[0]}: manifest has no design.runs");
        var owner = new short[total]; // 0 = missing, s+1 = shard s, -1 = duplicate
        var duplicates = new List<long>();
        long failed = 0;
        for (var s = 0; s < shardDirs.Length; s++)
        {
            foreach (var id in CommittedTables.ReadCommitted(Path.Combine(shardDirs[s], SweepFiles.Runs), repair: false))
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
        MergeTable(dir, shardDirs, SweepFiles.Design, Owned);
        MergeTable(dir, shardDirs, SweepFiles.Summary, Owned);
        if (shardDirs.All(d => File.Exists(Path.Combine(d, SweepFiles.Timeseries))))
            MergeTable(dir, shardDirs, SweepFiles.Timeseries, Owned);
        failed = MergeTable(dir, shardDirs, SweepFiles.Runs, Owned, countFailed: true);

        var merged = (JsonObject)manifests[0].DeepClone();
        merged.Remove("shard");
        AtomicFiles.WriteFile(Path.Combine(dir, SweepFiles.Manifest), SweepManifest.ToText(merged));
        return new MergeOutcome(dir, shardDirs.Length, total, failed);
    }

    private static string Ids(List<long> ids) => string.Join(", ", ids.Take(10)) + (ids.Count > 10 ? $", ... ({ids.Count - 10} more)" : "");

    // k-way merge on the leading run id; each run belongs to one shard, whose rows keep their order.
    private static long MergeTable(string dir, string[] shardDirs, string file, Func<int, long, bool> owned, bool countFailed = false)
    {
        var readers = shardDirs.Select(d => new StreamReader(Path.Combine(d, file), CsvText.Utf8, false, 1 << 16)).ToArray();
        long failed = 0;
        try
        {
            var headers = readers.Select(r => r.ReadLine()).ToArray();
            if (headers.Distinct().Count() != 1) throw new SpecException($"{dir}: the shards' {file} headers differ");
            var queue = new PriorityQueue<int, (long, int)>();
            var current = new string?[readers.Length];
            void Advance(int s)
            {
                while (readers[s].ReadLine() is { } line)
                {
                    // rows of a torn or uncommitted tail belong to no shard and are skipped
                    var id = CsvText.LeadingId(System.Text.Encoding.ASCII.GetBytes(line[..Math.Min(line.Length, 20)]));
                    if (!owned(s, id)) continue;
                    current[s] = line;
                    queue.Enqueue(s, (id, s));
                    return;
                }
            }
            for (var s = 0; s < readers.Length; s++) Advance(s);
            AtomicFiles.WriteFile(Path.Combine(dir, file), stream =>
            {
                using var w = new StreamWriter(stream, CsvText.Utf8, 1 << 16) { NewLine = "\n" };
                w.Write(headers[0]);
                w.Write('\n');
                while (queue.TryDequeue(out var s, out _))
                {
                    w.Write(current[s]);
                    w.Write('\n');
                    if (countFailed && current[s]!.Contains(",failed,", StringComparison.Ordinal)) failed++;
                    Advance(s);
                }
            });
        }
        finally { foreach (var r in readers) r.Dispose(); }
        return failed;
    }
}
