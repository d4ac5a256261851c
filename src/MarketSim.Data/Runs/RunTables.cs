using MarketSim.Data.Csv;

namespace MarketSim.Data.Runs;

/// <summary>A run directory's tables and manifest, in memory.</summary>
public sealed record RunTables(
    RunManifest Manifest,
    IReadOnlyList<TimeseriesRow> Timeseries,
    IReadOnlyList<SummaryRow> Summary,
    IReadOnlyList<EventRow> Events)
{
    /// <summary>
    /// Reads a run directory. timeseries.csv is required; summary.csv and events.csv may be absent unless the
    /// manifest records them. Each table is checked against the row count its manifest records.
    /// </summary>
    public static RunTables Read(string directory)
    {
        if (!Directory.Exists(directory)) throw new DataFileException($"{directory}: directory not found");
        var manifest = RunManifest.Read(Path.Combine(directory, RunFiles.Manifest));
        IReadOnlyList<T> Table<T>(string file, IReadOnlyList<string> columns, bool required) where T : ICsvRow<T>
        {
            var path = Path.Combine(directory, file);
            var expected = TableFormats.RowsOf(manifest.TableRows, file);
            return required || expected is not null || TableFormats.Exists(path) ? CsvTable.Read<T>(path, columns, expected) : [];
        }
        return new RunTables(manifest,
            Table<TimeseriesRow>(RunFiles.Timeseries, RunFiles.TimeseriesColumns, required: true),
            Table<SummaryRow>(RunFiles.Summary, RunFiles.SummaryColumns, required: false),
            Table<EventRow>(RunFiles.Events, RunFiles.EventColumns, required: false));
    }

    /// <summary>
    /// Writes the run directory, its tables as CSV or Parquet. It is built next to its destination and moved into place
    /// at the end, so a failure never leaves half-written output; an earlier MarketSim output there is replaced,
    /// anything else is refused.
    /// </summary>
    public void WriteTo(string directory, TableFormat format = TableFormat.Csv)
    {
        RunFiles.EnsureWritable(directory);
        AtomicFiles.WriteDirectory(directory, staging =>
        {
            var rows = new Dictionary<string, long>
            {
                [RunFiles.Timeseries] = CsvTable.Write(Path.Combine(staging, RunFiles.Timeseries), RunFiles.TimeseriesColumns, Timeseries),
                [RunFiles.Summary] = CsvTable.Write(Path.Combine(staging, RunFiles.Summary), RunFiles.SummaryColumns, Summary),
                [RunFiles.Events] = CsvTable.Write(Path.Combine(staging, RunFiles.Events), RunFiles.EventColumns, Events),
            };
            IReadOnlyDictionary<string, long> tables = rows;
            if (format == TableFormat.Parquet)
            {
                tables = Parquet.ParquetTables.Convert(staging, rows);
                Parquet.ParquetTables.RemoveCsv(staging, rows.Keys);
            }
            (Manifest with { TableRows = tables, Format = format }).Write(Path.Combine(staging, RunFiles.Manifest));
        });
    }
}
