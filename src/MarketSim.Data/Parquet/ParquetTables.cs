using System.Globalization;
using MarketSim.Data.Csv;
using Parquet;
using Parquet.Schema;

namespace MarketSim.Data.Parquet;

/// <summary>
/// The format's tables as Parquet: the same columns and rows as the CSV, typed. Whole numbers are INT32 (steps,
/// seeds, design rows, replications) or INT64 (run ids); values, amounts and seconds are nullable DOUBLE (an empty,
/// undefined value is null); names, dates, events, statuses and details are strings. A design column of a swept
/// parameter is DOUBLE, or a string when its values are categories. Reading a Parquet table gives back the CSV text
/// the format writes, byte for byte, so every reader checks it as it checks a CSV.
/// </summary>
public static class ParquetTables
{
    // Rows per row group: large enough for fast column scans, small enough to write without holding a huge table twice.
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
    public static long FromCsv(string csvPath, string parquetPath)
    {
        var (header, columns) = ReadColumns(csvPath);
        var types = header.Select((name, c) => TypeOf(name, columns[c])).ToArray();
        var fields = header.Select((name, c) => Field(name, types[c])).ToArray();
        var rows = columns.Count == 0 ? 0 : columns[0].Count;
        AtomicFiles.WriteFile(parquetPath, stream => Write(stream, new ParquetSchema(fields), fields, types, columns, rows).GetAwaiter().GetResult());
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

    /// <summary>The table as the CSV text the format writes (header first), to be read as a CSV.</summary>
    public static Stream ToCsv(string parquetPath)
    {
        try
        {
            return Render(parquetPath).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not DataFileException and not OutOfMemoryException)
        {
            throw new DataFileException($"{parquetPath}: not a whole Parquet table ({e.Message.ReplaceLineEndings(" ")})");
        }
    }

    private static (IReadOnlyList<string> Header, List<List<string>> Columns) ReadColumns(string csvPath)
    {
        using var csv = CsvReader.Open(csvPath, [], prefix: true);
        var columns = csv.Header.Select(_ => new List<string>()).ToList();
        while (csv.Read())
            for (var c = 0; c < columns.Count; c++) columns[c].Add(csv.Text(c));
        return (csv.Header, columns);
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

    private static async Task Write(Stream stream, ParquetSchema schema, DataField[] fields, ColumnType[] types,
        List<List<string>> columns, int rows)
    {
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        for (var start = 0; start < rows || start == 0 && rows == 0; start += RowGroupRows)
        {
            var count = Math.Min(RowGroupRows, rows - start);
            using var group = writer.CreateRowGroup();
            for (var c = 0; c < fields.Length; c++)
            {
                var values = columns[c].GetRange(start, count);
                switch (types[c])
                {
                    case ColumnType.Int32:
                        await group.WriteAsync<int>(fields[c], values.Select(v => int.Parse(v, NumberStyles.Integer, CultureInfo.InvariantCulture)).ToArray());
                        break;
                    case ColumnType.Int64:
                        await group.WriteAsync<long>(fields[c], values.Select(v => long.Parse(v, NumberStyles.Integer, CultureInfo.InvariantCulture)).ToArray());
                        break;
                    case ColumnType.Double:
                        await group.WriteAsync<double>(fields[c], values.Select(v =>
                            v.Length == 0 ? (double?)null : double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray());
                        break;
                    default:
                        await group.WriteAsync(fields[c], values);
                        break;
                }
            }
            if (rows == 0) break;
        }
    }

    private static async Task<Stream> Render(string parquetPath)
    {
        if (!File.Exists(parquetPath)) throw new DataFileException($"{parquetPath}: file not found");
        var output = new MemoryStream();
        await using (var file = File.OpenRead(parquetPath))
        await using (var reader = await ParquetReader.CreateAsync(file))
        using (var csv = CsvWriter.Over(new NonClosingStream(output)))
        {
            var fields = reader.Schema.GetDataFields();
            csv.Header(fields.Select(f => f.Name));
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var n = checked((int)group.RowCount);
                var cells = new Action<int>[fields.Length];
                for (var c = 0; c < fields.Length; c++) cells[c] = await Column(group, fields[c], n, csv);
                for (var r = 0; r < n; r++)
                {
                    foreach (var cell in cells) cell(r);
                    csv.EndRow();
                }
            }
        }
        output.Position = 0;
        return output;
    }

    // Reads one column of a row group; returns what writes row r's cell.
    private static async Task<Action<int>> Column(ParquetRowGroupReader group, DataField field, int n, CsvWriter csv)
    {
        if (field.ClrType == typeof(int))
        {
            var values = new int[n];
            await group.ReadAsync<int>(field, values);
            return r => csv.Integer(values[r]);
        }
        if (field.ClrType == typeof(long))
        {
            var values = new long[n];
            await group.ReadAsync<long>(field, values);
            return r => csv.Integer(values[r]);
        }
        if (field.ClrType == typeof(double))
        {
            var values = new double?[n];
            await group.ReadAsync<double>(field, values);
            return r => csv.Number(values[r]);
        }
        if (field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>))
        {
            var values = new string[n];
            await group.ReadAsync(field, values);
            return r => csv.Text(values[r] ?? "");
        }
        throw new InvalidDataException($"column '{field.Name}' has type {field.ClrType.Name}, which no table of the format has");
    }

    /// <summary>Lets the CSV writer close its writer without closing the buffer it wrote into.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
    }
}
