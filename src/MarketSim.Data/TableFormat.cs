namespace MarketSim.Data;

/// <summary>How a run's or sweep's tables are stored: CSV (the default) or Parquet, the same columns and rows.</summary>
public enum TableFormat
{
    Csv,
    Parquet,
}

/// <summary>File names of a table in either format, and the --format option's values.</summary>
public static class TableFormats
{
    public const string CsvExtension = ".csv";
    public const string ParquetExtension = ".parquet";

    /// <summary>The --format value: csv or parquet; anything else is one line naming the allowed values.</summary>
    public static TableFormat Parse(string? value) => value switch
    {
        null or "csv" => TableFormat.Csv,
        "parquet" => TableFormat.Parquet,
        _ => throw new DataFileException($"--format: '{value}' is not a table format; allowed csv or parquet"),
    };

    public static string Name(this TableFormat format) => format == TableFormat.Parquet ? "parquet" : "csv";

    /// <summary>The file a table is stored in: summary.csv as Parquet is summary.parquet.</summary>
    public static string FileName(string csvName, TableFormat format) =>
        format == TableFormat.Parquet ? Path.ChangeExtension(csvName, ParquetExtension) : csvName;

    /// <summary>
    /// The file that holds table <paramref name="csvPath"/>: the CSV when it exists, else its Parquet twin when that
    /// exists, else the CSV path (which the reader then reports missing).
    /// </summary>
    public static string Resolve(string csvPath)
    {
        if (File.Exists(csvPath) || !csvPath.EndsWith(CsvExtension, StringComparison.Ordinal)) return csvPath;
        var parquet = Path.ChangeExtension(csvPath, ParquetExtension);
        return File.Exists(parquet) ? parquet : csvPath;
    }

    /// <summary>Whether table <paramref name="csvPath"/> exists in either format.</summary>
    public static bool Exists(string csvPath) => File.Exists(Resolve(csvPath));

    /// <summary>The row count a manifest records for a table, under its CSV or its Parquet name.</summary>
    public static long? RowsOf(IReadOnlyDictionary<string, long>? rows, string csvName) =>
        rows is null ? null
        : rows.TryGetValue(csvName, out var n) ? n
        : rows.TryGetValue(FileName(csvName, TableFormat.Parquet), out var p) ? p
        : null;
}
