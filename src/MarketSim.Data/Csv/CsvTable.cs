namespace MarketSim.Data.Csv;

/// <summary>A row of one of the format's tables: its fields in column order.</summary>
public interface ICsvRow<TSelf> where TSelf : ICsvRow<TSelf>
{
    /// <summary>Writes the row's fields; the caller ends the row.</summary>
    void Write(CsvWriter writer);
}

/// <summary>Whole tables: a header and typed rows.</summary>
public static class CsvTable
{
    /// <summary>Writes the header and the rows to <paramref name="path"/> atomically; returns the row count.</summary>
    public static long Write<T>(string path, IReadOnlyList<string> columns, IEnumerable<T> rows) where T : ICsvRow<T>
    {
        long count = 0;
        AtomicFiles.WriteFile(path, stream =>
        {
            using var csv = CsvWriter.Over(stream);
            csv.Header(columns);
            foreach (var row in rows)
            {
                row.Write(csv);
                csv.EndRow();
            }
            count = csv.Rows;
        });
        return count;
    }
}
