using System.Collections;
using System.Runtime.CompilerServices;

namespace MarketSim.Data.Csv;

/// <summary>A row of one of the format's tables: its fields in column order, written and read back.</summary>
public interface ICsvRow<TSelf> where TSelf : ICsvRow<TSelf>
{
    /// <summary>Writes the row's fields; the caller ends the row.</summary>
    void Write(CsvWriter writer);

    /// <summary>The row at the reader's current record (fields by position; the header is already checked).</summary>
    static abstract TSelf Read(CsvReader reader);
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

    /// <summary>The header row as written, line end included.</summary>
    public static string HeaderLine(IReadOnlyList<string> columns)
    {
        var text = new System.Text.StringBuilder();
        using (var csv = new CsvWriter(text)) csv.Header(columns);
        return text.ToString();
    }

    /// <summary>Rows as text (no header), e.g. on a worker thread; <paramref name="scratch"/> is reused.</summary>
    public static (string Text, long Rows) Render<T>(IEnumerable<T> rows, System.Text.StringBuilder scratch) where T : ICsvRow<T>
    {
        scratch.Clear();
        using var csv = new CsvWriter(scratch);
        foreach (var row in rows)
        {
            row.Write(csv);
            csv.EndRow();
        }
        return (scratch.ToString(), csv.Rows);
    }

    /// <summary>
    /// Reads every row of a table whose header is <paramref name="columns"/> (with <paramref name="prefix"/>: starts
    /// with them). With <paramref name="expectedRows"/> (the count its manifest records), a table with another number
    /// of rows is refused.
    /// </summary>
    public static TableRows<T> Read<T>(string path, IReadOnlyList<string> columns, long? expectedRows = null,
        bool prefix = false) where T : ICsvRow<T>
    {
        var rows = new TableRows<T>(path);
        ReadEach<T>(path, columns, rows.Add, expectedRows, prefix);
        return rows;
    }

    /// <summary>
    /// Hands every row of the table, with the line it starts on, to <paramref name="row"/> as it is read, so a
    /// caller that keeps only what it derives from the rows does not hold them all; checked as <see cref="Read"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReadEach<T>(string path, IReadOnlyList<string> columns, Action<T, int> row, long? expectedRows = null,
        bool prefix = false) where T : ICsvRow<T> =>
        ReadRecords(path, columns, csv => row(T.Read(csv), csv.Line), expectedRows, prefix);

    /// <summary>
    /// Hands the reader to <paramref name="record"/> at every record, for a caller that takes the fields it needs
    /// from their bytes (see <see cref="CsvReader.Field"/>) instead of a row object; checked as <see cref="Read"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReadRecords(string path, IReadOnlyList<string> columns, Action<CsvReader> record,
        long? expectedRows = null, bool prefix = false)
    {
        using var csv = CsvReader.Open(path, columns, prefix);
        while (csv.Read()) record(csv);
        CheckRows(path, csv.Rows, expectedRows);
    }

    /// <summary>The rows one at a time, for tables too large to hold; the row count is checked at the end.</summary>
    public static IEnumerable<T> Stream<T>(string path, IReadOnlyList<string> columns, long? expectedRows = null)
        where T : ICsvRow<T>
    {
        using var csv = CsvReader.Open(path, columns);
        while (csv.Read()) yield return T.Read(csv);
        CheckRows(path, csv.Rows, expectedRows);
    }

    /// <summary>Reads a whole table only to check it: every row complete, and as many as <paramref name="expectedRows"/>.</summary>
    public static void Verify(string path, IReadOnlyList<string> columns, long expectedRows)
    {
        using var csv = CsvReader.Open(path, columns);
        while (csv.Read()) { }
        CheckRows(path, csv.Rows, expectedRows);
    }

    public static void CheckRows(string path, long rows, long? expected)
    {
        if (expected is { } n && rows != n)
            throw new DataFileException($"{path}: {rows} rows, but its manifest records {n}; " +
                (rows < n ? "the table is incomplete" : "the table was changed after it was written"));
    }
}

/// <summary>A table's rows, with the file they came from and the line of each (for messages about a row).</summary>
public sealed class TableRows<T> : IReadOnlyList<T>
{
    private readonly List<T>? _given; // rows made in memory, kept as they are
    private readonly ChunkedRows<T> _read = new();
    private List<int>? _lines; // only once a row is not on line index + 2 (a line break in a field, a blank line)

    public TableRows(string path) => Path = path;

    public TableRows(string path, IEnumerable<T> rows) : this(path) => _given = [.. rows];

    /// <summary>Rows made in memory, kept as they are (the list is not copied).</summary>
    public TableRows(string path, List<T> rows) : this(path) => _given = rows;

    /// <summary>The file, or for rows made in memory the file they would be written to.</summary>
    public string Path { get; }

    public int Count => _given?.Count ?? _read.Count;

    public T this[int index] => _given is not null ? _given[index] : _read[index];

    /// <summary>The line row <paramref name="index"/> starts on, the header being line 1.</summary>
    public int LineOf(int index) => _lines?[index] ?? index + 2;

    internal void Add(T row, int line)
    {
        if (_given is not null) throw new InvalidOperationException("rows made in memory are not read into");
        if (_lines is null && line != _read.Count + 2) _lines = [.. Enumerable.Range(2, _read.Count)];
        _lines?.Add(line);
        _read.Add(row);
    }

    public IEnumerator<T> GetEnumerator() => _given is not null ? _given.GetEnumerator() : _read.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
