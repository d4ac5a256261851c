using System.Diagnostics;
using System.Text;
using MarketSim.Data.Csv;

namespace MarketSim.Data.Sweeps;

/// <summary>
/// Appends finished runs (in run-id order) to summary.csv, timeseries.csv and runs.csv. Commits in small batches:
/// first the data tables are flushed to the OS, then the batch's runs.csv lines are written and flushed, so that a
/// run listed in runs.csv always has all its rows on disk, whatever moment the process is killed.
/// </summary>
public sealed class SweepTableWriter : IDisposable
{
    private static readonly long CommitEvery = Stopwatch.Frequency / 5; // 200 ms

    private readonly StreamWriter _summary;
    private readonly StreamWriter? _timeseries;
    private readonly StreamWriter _runs;
    private readonly StringBuilder _pendingRuns = new();
    private readonly CsvWriter _pendingRunsCsv;
    private long _lastCommit = Stopwatch.GetTimestamp();

    public SweepTableWriter(string dir, bool timeseries)
    {
        _summary = Append(Path.Combine(dir, SweepFiles.Summary));
        _timeseries = timeseries ? Append(Path.Combine(dir, SweepFiles.Timeseries)) : null;
        _runs = Append(Path.Combine(dir, SweepFiles.Runs));
        _pendingRunsCsv = new CsvWriter(_pendingRuns);
    }

    private static StreamWriter Append(string path) =>
        new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16), CsvWriter.Utf8, 1 << 16) { NewLine = "\n" };

    /// <summary>Rows handed to <see cref="Write"/> so far, per table.</summary>
    public long SummaryRows { get; private set; }
    public long TimeseriesRows { get; private set; }
    public long RunsRows { get; private set; }

    public void Write(RenderedRun run)
    {
        SummaryRows += run.SummaryRows;
        TimeseriesRows += run.TimeseriesRows;
        RunsRows++;
        _summary.Write(run.SummaryText);
        _timeseries?.Write(run.TimeseriesText);
        run.Status.Write(_pendingRunsCsv);
        _pendingRunsCsv.EndRow();
        if (Stopwatch.GetTimestamp() - _lastCommit >= CommitEvery) Commit();
    }

    public void Commit()
    {
        _summary.Flush();
        _timeseries?.Flush();
        if (_pendingRuns.Length > 0)
        {
            _runs.Write(_pendingRuns);
            _pendingRuns.Clear();
        }
        _runs.Flush();
        _lastCommit = Stopwatch.GetTimestamp();
    }

    public void Dispose()
    {
        Commit();
        _summary.Dispose();
        _timeseries?.Dispose();
        _runs.Dispose();
    }
}
