using MarketSim.Data.Csv;

namespace MarketSim.Data.Sweeps;

/// <summary>Joins one table of several shards into one, in run-id order.</summary>
public static class ShardTables
{
    /// <summary>
    /// A k-way merge on the leading run id of <paramref name="file"/> in each shard directory into
    /// DIR/<paramref name="file"/> (atomically). Each run belongs to one shard, whose rows keep their order; rows of runs
    /// a shard does not own (<paramref name="owned"/>: a torn or uncommitted tail) are skipped. A shard's table may end
    /// its lines with CRLF and start with a BOM (another tool rewrote it); the merged table has neither. Returns the
    /// rows written.
    /// </summary>
    public static long Merge(string dir, IReadOnlyList<string> shardDirs, string file, Func<int, long, bool> owned)
    {
        var readers = shardDirs.Select(d => new StreamReader(Path.Combine(d, file), CsvWriter.Utf8, detectEncodingFromByteOrderMarks: true, 1 << 16)).ToArray();
        long rows = 0;
        try
        {
            var headers = readers.Select(r => r.ReadLine()).ToArray();
            if (headers.Distinct().Count() != 1) throw new DataFileException($"{dir}: the shards' {file} headers differ");
            var queue = new PriorityQueue<int, (long, int)>();
            var current = new string?[readers.Length];
            void Advance(int s)
            {
                while (readers[s].ReadLine() is { } line)
                {
                    var id = CommittedTables.LeadingId(CsvWriter.Utf8.GetBytes(line[..Math.Min(line.Length, 20)]));
                    if (!owned(s, id)) continue;
                    current[s] = line;
                    queue.Enqueue(s, (id, s));
                    return;
                }
            }
            for (var s = 0; s < readers.Length; s++) Advance(s);
            AtomicFiles.WriteFile(Path.Combine(dir, file), stream =>
            {
                using var w = new StreamWriter(stream, CsvWriter.Utf8, 1 << 16) { NewLine = "\n" };
                w.Write(headers[0]);
                w.Write('\n');
                while (queue.TryDequeue(out var s, out _))
                {
                    w.Write(current[s]);
                    w.Write('\n');
                    rows++;
                    Advance(s);
                }
            });
        }
        finally { foreach (var r in readers) r.Dispose(); }
        return rows;
    }
}
