using System.Buffers;
using MarketSim.Data.Csv;

namespace MarketSim.Data.Sweeps;

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
        var (cut, _) = Scan(runsPath, (index, line) =>
        {
            if (index == 0) return line.SequenceEqual(HeaderBytes(SweepFiles.RunsColumns));
            var id = LeadingId(line);
            var rest = id < 0 ? default : line[(line.IndexOf((byte)',') + 1)..];
            if (id < 0 || !(rest.StartsWith("ok,"u8) || rest.StartsWith("failed,"u8))) return false;
            ids.Add(id);
            return true;
        });
        if (repair) Truncate(runsPath, cut, SweepFiles.RunsColumns);
        return ids;
    }

    /// <summary>
    /// Cuts a run-keyed table (header + rows grouped by run id) back to the rows of committed runs; returns the rows
    /// kept.
    /// </summary>
    public static long CutToCommitted(string path, IReadOnlyList<string> columns, Func<long, bool> committed)
    {
        if (!File.Exists(path)) { Truncate(path, 0, columns); return 0; }
        var header = HeaderBytes(columns);
        var (cut, lines) = Scan(path, (index, line) => index == 0
            ? line.SequenceEqual(header)
            : LeadingId(line) is var id and >= 0 && committed(id));
        Truncate(path, cut, columns);
        return Math.Max(0, lines - 1);
    }

    /// <summary>Starts a table afresh: its header only.</summary>
    public static void Start(string path, IReadOnlyList<string> columns) => Truncate(path, 0, columns);

    /// <summary>The run id at the start of a data line, or -1 when the line does not start with one.</summary>
    public static long LeadingId(ReadOnlySpan<byte> line)
    {
        long id = 0;
        var i = 0;
        for (; i < line.Length && line[i] is >= (byte)'0' and <= (byte)'9'; i++) id = id * 10 + (line[i] - '0');
        return i == 0 || i > 18 || (i < line.Length && line[i] != ',') ? -1 : id;
    }

    private static byte[] HeaderBytes(IReadOnlyList<string> columns) => CsvWriter.Utf8.GetBytes(CsvTable.HeaderLine(columns).TrimEnd('\n'));

    /// <summary>
    /// The byte offset after the last complete line accepted before the first rejected or torn one, and the number of
    /// lines accepted.
    /// </summary>
    private static (long Cut, long Lines) Scan(string path, Func<long, ReadOnlySpan<byte>, bool> accept)
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
                if (read == 0) return (kept, lineIndex); // whatever follows the last '\n' is torn
                filled += read;
                int nl;
                while ((nl = Array.IndexOf(buffer, (byte)'\n', lineStart, filled - lineStart)) >= 0)
                {
                    if (!accept(lineIndex, buffer.AsSpan(lineStart, nl - lineStart))) return (kept, lineIndex);
                    lineIndex++;
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

    private static void Truncate(string path, long length, IReadOnlyList<string> columns)
    {
        if (length == 0) { File.WriteAllText(path, CsvTable.HeaderLine(columns), CsvWriter.Utf8); return; }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
        stream.SetLength(length);
    }
}
