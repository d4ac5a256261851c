using MarketSim.Data.Csv;

namespace MarketSim.Data.Sweeps;

/// <summary>
/// A sweep's tables in memory: what a sweep directory holds, or what a sweep run from code returned. Every table is
/// checked against the row count its manifest records, when it records one.
/// </summary>
public sealed class SweepTables
{
    public required SweepManifest Manifest { get; init; }
    /// <summary>design.csv: one row per run, in run-id order.</summary>
    public required TableRows<DesignedRun> Design { get; init; }
    /// <summary>summary.csv: every summary metric of every successful run.</summary>
    public required TableRows<SweepSummaryRow> Summary { get; init; }
    /// <summary>runs.csv, or null when there is none (a summary made by another model).</summary>
    public TableRows<RunStatusRow>? Runs { get; init; }
    /// <summary>timeseries.csv when it is held in memory; null when the sweep wrote none or it was left on disk.</summary>
    public TableRows<SweepTimeseriesRow>? Timeseries { get; init; }

    /// <summary>The run's value of a summary metric, by run id (runs without it are absent).</summary>
    public IReadOnlyDictionary<long, double> Metric(string metric) =>
        Summary.Where(r => r.Metric == metric).ToDictionary(r => r.RunId, r => r.Value);

    /// <summary>
    /// Writes the sweep directory: the tables and the manifest, built beside it and moved into place whole. A
    /// directory holding another spec's results, a run, or anything but MarketSim output, is refused.
    /// </summary>
    public void WriteTo(string directory)
    {
        OutputDirectories.EnsureSweepWritable(directory);
        if (SweepIdentity.Of(directory) is { } existing && SweepIdentity.Of(Manifest).RefusalGiven(existing) is { } refusal)
            throw new DataFileException($"{directory}: {refusal}; choose another directory");
        AtomicFiles.WriteDirectory(directory, staging =>
        {
            string Path(string file) => System.IO.Path.Combine(staging, file);
            var rows = new Dictionary<string, long>
            {
                [SweepFiles.Design] = CsvTable.Write(Path(SweepFiles.Design), SweepFiles.DesignColumns(Manifest.Parameters.Select(p => p.Key)), Design),
                [SweepFiles.Summary] = CsvTable.Write(Path(SweepFiles.Summary), SweepFiles.SummaryColumns, Summary),
            };
            if (Timeseries is not null) rows[SweepFiles.Timeseries] = CsvTable.Write(Path(SweepFiles.Timeseries), SweepFiles.TimeseriesColumns, Timeseries);
            if (Runs is not null) rows[SweepFiles.Runs] = CsvTable.Write(Path(SweepFiles.Runs), SweepFiles.RunsColumns, Runs);
            (Manifest with { TableRows = rows }).Write(staging);
        });
    }

    /// <summary>
    /// Reads manifest.json, design.csv, summary.csv and runs.csv (optional unless the manifest records it), and
    /// with <paramref name="timeseries"/> also timeseries.csv (see <see cref="StreamTimeseries"/> for large ones).
    /// </summary>
    public static SweepTables Read(string directory, bool timeseries = false)
    {
        var (manifest, design, summary, runs) = Read(directory, (_, path, columns, rows) => CsvTable.Read<DesignedRun>(path, columns, rows));
        return new SweepTables
        {
            Manifest = manifest,
            Design = design,
            Summary = summary,
            Runs = runs,
            Timeseries = timeseries && HasTimeseries(directory, manifest)
                ? Read<SweepTimeseriesRow>(directory, manifest, SweepFiles.Timeseries, SweepFiles.TimeseriesColumns)
                : null,
        };
    }

    /// <summary>
    /// design.csv read by <paramref name="readDesign"/> (given the manifest, the table's path, its columns and the
    /// row count the manifest records), as a caller that derives its own table from the rows needs; the manifest,
    /// summary.csv and runs.csv as <see cref="Read(string, bool)"/> reads them.
    /// </summary>
    public static (SweepManifest Manifest, TDesign Design, TableRows<SweepSummaryRow> Summary, TableRows<RunStatusRow>? Runs)
        Read<TDesign>(string directory, Func<SweepManifest, string, IReadOnlyList<string>, long?, TDesign> readDesign)
    {
        if (!Directory.Exists(directory)) throw new DataFileException($"{directory}: sweep directory not found");
        var manifest = SweepManifest.Read(Path.Combine(directory, SweepFiles.Manifest));
        var runs = Path.Combine(directory, SweepFiles.Runs);
        // The tables are independent: summary.csv and runs.csv are read on another core while design.csv is read
        // here. Errors are raised in the same order as one after the other, so a message never depends on timing.
        var summary = Task.Run(() => Read<SweepSummaryRow>(directory, manifest, SweepFiles.Summary, SweepFiles.SummaryColumns));
        var runRows = Task.Run(() => TableFormats.Exists(runs) || manifest.RowsOf(SweepFiles.Runs) is not null
            ? CsvTable.Read<RunStatusRow>(runs, ["run_id", "status"], manifest.RowsOf(SweepFiles.Runs), prefix: true)
            : null);
        try
        {
            var design = readDesign(manifest, Path.Combine(directory, SweepFiles.Design),
                SweepFiles.DesignColumns(manifest.Parameters.Select(p => p.Key)), manifest.RowsOf(SweepFiles.Design));
            return (manifest, design, summary.GetAwaiter().GetResult(), runRows.GetAwaiter().GetResult());
        }
        finally
        {
            // A table refused early leaves no reader running behind the caller's back; a later table's error, if
            // any, is not the first one, which is already on its way.
            Settle(summary);
            Settle(runRows);
        }
    }

    private static void Settle(Task task)
    {
        try { task.Wait(); }
        catch (AggregateException) { }
    }

    /// <summary>Whether the sweep wrote a timeseries.csv (or its manifest says it did).</summary>
    public static bool HasTimeseries(string directory, SweepManifest manifest) =>
        TableFormats.Exists(Path.Combine(directory, SweepFiles.Timeseries)) || manifest.RowsOf(SweepFiles.Timeseries) is not null;

    /// <summary>timeseries.csv one row at a time, for sweeps whose timeseries is too large to hold.</summary>
    public static IEnumerable<SweepTimeseriesRow> StreamTimeseries(string directory, SweepManifest manifest) =>
        CsvTable.Stream<SweepTimeseriesRow>(Path.Combine(directory, SweepFiles.Timeseries), SweepFiles.TimeseriesColumns,
            manifest.RowsOf(SweepFiles.Timeseries));

    private static TableRows<T> Read<T>(string directory, SweepManifest manifest, string file, IReadOnlyList<string> columns)
        where T : ICsvRow<T> => CsvTable.Read<T>(Path.Combine(directory, file), columns, manifest.RowsOf(file));
}
