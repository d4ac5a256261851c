using System.Runtime.CompilerServices;
using MarketSim.Data.Csv;

namespace MarketSim.Data.Sweeps;

/// <summary>
/// One line of design.csv: a run, the design row it runs (replications share a row), its seed, and its parameter
/// values as handed to the scenario (invariant text, in spec order).
/// </summary>
public sealed record DesignedRun(long RunId, int DesignRow, int Replication, int Seed, IReadOnlyList<string> Values)
    : ICsvRow<DesignedRun>
{
    public void Write(CsvWriter csv)
    {
        csv.Integer(RunId).Integer(DesignRow).Integer(Replication).Integer(Seed);
        foreach (var value in Values) csv.Text(value);
    }

    // Seeds are non-negative ints; a design written by another tool may use any int.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DesignedRun Read(CsvReader csv) => new(csv.Long(0), csv.Integer(1), csv.Integer(2), csv.SignedInteger(3),
        ReadValues(csv));

    private static string[] ReadValues(CsvReader csv)
    {
        var first = SweepFiles.DesignRunColumns.Count;
        var values = new string[csv.Header.Count - first];
        for (var j = 0; j < values.Length; j++) values[j] = csv.Name(first + j);
        return values;
    }
}

/// <summary>One line of a sweep's summary.csv; an undefined value (NaN: no verdict, no IRR) is an empty field.</summary>
public readonly record struct SweepSummaryRow(long RunId, string Metric, double Value) : ICsvRow<SweepSummaryRow>
{
    public void Write(CsvWriter csv) => csv.Integer(RunId).Text(Metric).NumberOrEmpty(Value);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SweepSummaryRow Read(CsvReader csv) => new(csv.Long(0), csv.Name(1), csv.NumberOrNaN(2));
}

/// <summary>One line of a sweep's timeseries.csv: monthly (date yyyy-MM) or annual (date yyyy, step the year's index).</summary>
public readonly record struct SweepTimeseriesRow(long RunId, int Step, string Date, string Agent, string Metric, double Value)
    : ICsvRow<SweepTimeseriesRow>
{
    public void Write(CsvWriter csv) => csv.Integer(RunId).Integer(Step).Text(Date).Text(Agent).Text(Metric).Number(Value);

    public static SweepTimeseriesRow Read(CsvReader csv) =>
        new(csv.Long(0), csv.Integer(1), csv.Name(2), csv.Name(3), csv.Name(4), csv.Number(5));
}

/// <summary>
/// One line of runs.csv, the sweep's commit log: status ok or failed, wall seconds, the one-line error of a failed
/// run. A runs.csv written by another tool needs only run_id and status.
/// </summary>
public readonly record struct RunStatusRow(long RunId, bool Ok, double Seconds, string Error) : ICsvRow<RunStatusRow>
{
    /// <summary>A failed run, its error on one line.</summary>
    public static RunStatusRow Failure(long runId, double seconds, string message) =>
        new(runId, false, seconds, message.ReplaceLineEndings(" ").Trim());

    public void Write(CsvWriter csv) =>
        csv.Integer(RunId).Text(Ok ? "ok" : "failed").Number(Math.Round(Seconds, 4)).Text(Error);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RunStatusRow Read(CsvReader csv) => new(csv.Long(0), csv.Name(1) switch
    {
        "ok" => true,
        "failed" => false,
        _ => throw csv.Error(1, "is not allowed; allowed ok or failed"),
    }, Has(csv, 2, "seconds") ? csv.Number(2) : double.NaN, Has(csv, 3, "error") ? csv.Text(3) : "");

    private static bool Has(CsvReader csv, int field, string column) => csv.Header.Count > field && csv.Header[field] == column;
}
