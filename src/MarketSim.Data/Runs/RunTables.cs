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
    /// Writes the run directory. It is built next to its destination and moved into place at the end, so a failure
    /// never leaves half-written output; an earlier MarketSim output there is replaced, anything else is refused.
    /// </summary>
    public void WriteTo(string directory)
    {
        RunFiles.EnsureWritable(directory);
        AtomicFiles.WriteDirectory(directory, staging =>
        {
            CsvTable.Write(Path.Combine(staging, RunFiles.Timeseries), RunFiles.TimeseriesColumns, Timeseries);
            CsvTable.Write(Path.Combine(staging, RunFiles.Summary), RunFiles.SummaryColumns, Summary);
            CsvTable.Write(Path.Combine(staging, RunFiles.Events), RunFiles.EventColumns, Events);
            Manifest.Write(Path.Combine(staging, RunFiles.Manifest));
        });
    }
}
