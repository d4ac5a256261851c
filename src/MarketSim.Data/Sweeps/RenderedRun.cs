using System.Text;
using MarketSim.Data.Csv;

namespace MarketSim.Data.Sweeps;

/// <summary>
/// One finished run as the text of its rows of summary.csv and timeseries.csv, rendered on the worker thread that ran
/// it, so the thread writing the files only copies text; and its runs.csv row.
/// </summary>
public sealed record RenderedRun(RunStatusRow Status, string SummaryText, long SummaryRows, string TimeseriesText, long TimeseriesRows)
{
    public long RunId => Status.RunId;
    public bool Ok => Status.Ok;

    /// <summary>A run's rows as text; a failed run has none.</summary>
    public static RenderedRun Of(RunStatusRow status, IEnumerable<SweepSummaryRow> summary,
        IEnumerable<SweepTimeseriesRow> timeseries, StringBuilder scratch)
    {
        if (!status.Ok) return new RenderedRun(status, "", 0, "", 0);
        var (summaryText, summaryRows) = CsvTable.Render(summary, scratch);
        var (timeseriesText, timeseriesRows) = CsvTable.Render(timeseries, scratch);
        return new RenderedRun(status, summaryText, summaryRows, timeseriesText, timeseriesRows);
    }
}
