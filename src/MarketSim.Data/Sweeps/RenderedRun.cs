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

    public static RenderedRun Succeeded(long runId, double seconds, IEnumerable<SweepSummaryRow> summary,
        IEnumerable<SweepTimeseriesRow> timeseries, StringBuilder scratch)
    {
        var (summaryText, summaryRows) = CsvTable.Render(summary, scratch);
        var (timeseriesText, timeseriesRows) = CsvTable.Render(timeseries, scratch);
        return new RenderedRun(new RunStatusRow(runId, true, seconds, ""), summaryText, summaryRows, timeseriesText, timeseriesRows);
    }

    /// <summary>A failed run: no data rows, and its error on one line.</summary>
    public static RenderedRun Failed(long runId, double seconds, string message) =>
        new(new RunStatusRow(runId, false, seconds, message.ReplaceLineEndings(" ").Trim()), "", 0, "", 0);
}
