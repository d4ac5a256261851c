using System.Buffers;

namespace MarketSim.Experiments.Output;

/// <summary>
/// What survives an interruption. runs.csv is the commit log: its line for a run is written only after that run's
/// summary and timeseries rows have reached the OS. On resume, a torn last line is dropped, and the other tables are
/// cut back to the rows of committed runs, so the redone runs are written exactly once.
/// </summary>
public static class CommittedTables
{
    /// <summary>Reads runs.csv, drops a torn tail, and returns the committed run ids (in file order).</summary>
    public static List<long> ReadCommitted(string runsPath, bool repair = true)
    {
        var ids = new List<long>();
        if (!File.Exists(runsPath)) return ids;
        var cut = Scan(runsPath, (index, line) =>
        {
            if (index == 0) return line.SequenceEqual(CsvText.Utf8.GetBytes(SweepFiles.RunsHeader.TrimEnd('\n')));
            var id = CsvText.LeadingId(line);
            var rest = id < 0 ? default : line[(line.IndexOf((byte)',') + 1)..];
            if (id < 0 || !(rest.StartsWith("ok,"u8) || rest.StartsWith("failed,"u8))) return false;
            ids.Add(id);
            return true;
        });
        if (repair) Truncate(runsPath, cut, SweepFiles.RunsHeader);
        return ids;
    }

    /// <summary>Cuts a run-keyed table (header + rows grouped by run id) back to the rows of committed runs.</summary>
    public static void CutToCommitted(string path, string header, Func<long, bool> committed)
    {
        if (!File.Exists(path)) { Truncate(path, 0, header); return; }
        var cut = Scan(path, (index, line) => index == 0
            ? line.SequenceEqual(CsvText.Utf8.GetBytes(header.TrimEnd('\n')))
            : CsvText.LeadingId(line) is var id and >= 0 && committed(id));
        Truncate(path, cut, header);
    }

    /// <summary>The byte offset after the last complete line accepted before the first rejected or torn one.</summary>
    private static long Scan(string path, Func<long, ReadOnlySpan<byte>, bool> accept)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            long kept = 0, lineIndex = 0, bufferStart = 0;
            int filled = 0, lineStart = 0;
            while (true)
            {
                var read = stream.Read(buffer, filled, buffer.Length - filled);
                if (read == 0) return kept; // whatever follows the last '\n' is torn
                filled += read;
                int nl;
                while ((nl = Array.IndexOf(buffer, (byte)'\n', lineStart, filled - lineStart)) >= 0)
                {
                    if (!accept(lineIndex++, buffer.AsSpan(lineStart, nl - lineStart))) return kept;
                    kept = bufferStart + nl + 1;
                    lineStart = nl + 1;
                }
                if (lineStart == 0 && filled == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2); // a line longer than the buffer
                    Array.Copy(buffer, bigger, filled);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                    continue;
                }
                Array.Copy(buffer, lineStart, buffer, 0, filled - lineStart);
                bufferStart += lineStart;
                filled -= lineStart;
                lineStart = 0;
            }
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    private static void Truncate(string path, long length, string header)
    {
        if (length == 0) { File.WriteAllText(path, header, CsvText.Utf8); return; }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
        stream.SetLength(length);
    }
}
