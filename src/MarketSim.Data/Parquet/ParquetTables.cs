using System.Globalization;
using MarketSim.Data.Csv;
using Parquet;
using Parquet.Schema;

namespace MarketSim.Data.Parquet;

/// <summary>
/// The format's tables as Parquet: the same columns and rows as the CSV, typed. Whole numbers are INT32 (steps,
/// seeds, design rows, replications) or INT64 (run ids); values, amounts and seconds are nullable DOUBLE (an empty,
/// undefined value is null); names, dates, events, statuses and details are dictionary-encoded strings. A design column of a swept
/// parameter is DOUBLE, or a string when its values are categories. Reading a Parquet table gives back the CSV text
/// the format writes, byte for byte, so every reader checks it as it checks a CSV. Both directions go a row group
/// (about a million rows) at a time, so a table larger than memory is converted and read.
/// </summary>
public static class ParquetTables
{
    private const int RowGroupRows = 1 << 20;

    private static readonly HashSet<string> Int32Columns = ["step", "design_row", "replication", "seed"];
    private static readonly HashSet<string> Int64Columns = ["run_id"];
    private static readonly HashSet<string> DoubleColumns = ["value", "amount_usd_bn", "seconds"];
    private static readonly HashSet<string> TextColumns =
        ["date", "agent", "kind", "metric", "event", "counterparty", "detail", "status", "error"];

    private enum ColumnType { Int32, Int64, Double, Text }

    /// <summary>
    /// Writes the CSV table <paramref name="csvPath"/> as Parquet at <paramref name="parquetPath"/> (atomically);
    /// returns the row count. Deterministic: the same table gives the same bytes.
    /// </summary>
    public static long FromCsv(string csvPath, string parquetPath) => FromCsv(csvPath, parquetPath, RowGroupRows);

    internal static long FromCsv(string csvPath, string parquetPath, int rowGroupRows)
    {
        long rows = 0;
        AtomicFiles.WriteFile(parquetPath, stream => rows = Write(csvPath, stream, rowGroupRows).GetAwaiter().GetResult());
        return rows;
    }

    /// <summary>
    /// Writes each CSV table of <paramref name="rows"/> (file name to the row count written) in
    /// <paramref name="directory"/> as Parquet beside it; returns the row counts under the Parquet names. The CSV
    /// files stay until <see cref="RemoveCsv"/>, so a manifest naming the Parquet files can be written first.
    /// </summary>
    public static IReadOnlyDictionary<string, long> Convert(string directory, IReadOnlyDictionary<string, long> rows)
    {
        var converted = new Dictionary<string, long>();
        foreach (var (file, count) in rows)
        {
            var name = TableFormats.FileName(file, TableFormat.Parquet);
            var written = FromCsv(Path.Combine(directory, file), Path.Combine(directory, name));
            CsvTable.CheckRows(Path.Combine(directory, file), written, count);
            converted[name] = written;
        }
        return converted;
    }

    /// <summary>Removes the CSV tables that <see cref="Convert"/> wrote as Parquet.</summary>
    public static void RemoveCsv(string directory, IEnumerable<string> csvFiles)
    {
        foreach (var file in csvFiles) File.Delete(Path.Combine(directory, file));
    }

    /// <summary>The table as the CSV text the format writes (header first), rendered a row group at a time as it is read.</summary>
    public static Stream ToCsv(string parquetPath) => ParquetCsvStream.Open(parquetPath);

    private static async Task<long> Write(string csvPath, Stream stream, int rowGroupRows)
    {
        using var csv = CsvReader.Open(csvPath, [], prefix: true);
        var chunk = ReadChunk(csv, rowGroupRows);
        // A design's parameter column is numeric or categorical throughout, so its first row group tells which.
        var types = csv.Header.Select((name, c) => TypeOf(name, chunk[c])).ToArray();
        var fields = csv.Header.Select((name, c) => Field(name, types[c])).ToArray();
        // Names, dates and metrics repeat (a few hundred distinct values in a million rows): stored as a dictionary and
        // indexes, not each string in full, the file is smaller and readers such as Polars build their columns faster.
        var options = new ParquetOptions();
        for (var c = 0; c < fields.Length; c++)
            if (types[c] == ColumnType.Text) options.ColumnEncodingHints[fields[c].Path.ToString()] = EncodingHint.Dictionary;
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, options);
        long rows = 0;
        do
        {
            using (var group = writer.CreateRowGroup())
                for (var c = 0; c < fields.Length; c++) await WriteColumn(group, fields[c], types[c], chunk[c], csvPath);
            rows += chunk.Length == 0 ? 0 : chunk[0].Count;
            chunk = ReadChunk(csv, rowGroupRows);
        }
        while (chunk.Length > 0 && chunk[0].Count > 0);
        return rows;
    }

    private static List<string>[] ReadChunk(CsvReader csv, int rows)
    {
        var columns = csv.Header.Select(_ => new List<string>()).ToArray();
        for (var r = 0; r < rows && csv.Read(); r++)
            for (var c = 0; c < columns.Length; c++) columns[c].Add(csv.Text(c));
        return columns;
    }

    private static ColumnType TypeOf(string name, List<string> values) =>
        Int32Columns.Contains(name) ? ColumnType.Int32
        : Int64Columns.Contains(name) ? ColumnType.Int64
        : DoubleColumns.Contains(name) ? ColumnType.Double
        : TextColumns.Contains(name) ? ColumnType.Text
        : values.All(v => v.Length == 0 || double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) ? ColumnType.Double
        : ColumnType.Text;

    private static DataField Field(string name, ColumnType type) => type switch
    {
        ColumnType.Int32 => new DataField<int>(name),
        ColumnType.Int64 => new DataField<long>(name),
        ColumnType.Double => new DataField<double?>(name),
        _ => new DataField<string>(name),
    };

    private static async Task WriteColumn(ParquetRowGroupWriter group, DataField field, ColumnType type, List<string> values, string csvPath)
    {
        T Parse<T>(string v, Func<string, T?> parse) where T : struct =>
            parse(v) ?? throw new DataFileException($"{csvPath}: {field.Name} '{v}' is not a {type.ToString().ToLowerInvariant()}");
        switch (type)
        {
            case ColumnType.Int32:
                await group.WriteAsync<int>(field, values.Select(v => Parse(v, s =>
                    int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : (int?)null)).ToArray());
                break;
            case ColumnType.Int64:
                await group.WriteAsync<long>(field, values.Select(v => Parse(v, s =>
                    long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : (long?)null)).ToArray());
                break;
            case ColumnType.Double:
                await group.WriteAsync<double>(field, values.Select(v => v.Length == 0 ? (double?)null : Parse(v, s =>
                    double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : (double?)null)).ToArray());
                break;
            default:
                await group.WriteAsync(field, values);
                break;
        }
    }
}
