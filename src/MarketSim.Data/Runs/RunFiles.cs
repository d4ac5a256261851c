using MarketSim.Data.Csv;

namespace MarketSim.Data.Runs;

/// <summary>The run directory `marketsim run` writes: its files and the columns of each table.</summary>
public static class RunFiles
{
    public const string Timeseries = "timeseries.csv";
    public const string Summary = "summary.csv";
    public const string Events = "events.csv";
    public const string Manifest = "manifest.json";

    public static readonly IReadOnlyList<string> TimeseriesColumns = ["step", "date", "agent", "kind", "metric", "value"];
    public static readonly IReadOnlyList<string> SummaryColumns = ["metric", "value"];
    public static readonly IReadOnlyList<string> EventColumns = ["step", "date", "agent", "event", "counterparty", "amount_usd_bn", "detail"];

    /// <summary>Everything `marketsim run` leaves in its directory, tables, manifest, figures and report.</summary>
    public static readonly IReadOnlySet<string> Written = new HashSet<string>(StringComparer.Ordinal)
    {
        Timeseries, Summary, Events, Manifest, "plots", "report.html",
        "timeseries.parquet", "summary.parquet", "events.parquet",
    };

    /// <summary>
    /// Throws <see cref="DataFileException"/> when the directory cannot receive a run (it holds a sweep, something
    /// else, or files a run does not write, which replacing it would delete); call before simulating.
    /// </summary>
    public static void EnsureWritable(string directory) => OutputDirectories.EnsureRunReplaceable(directory, Written);

    /// <summary>Whether the directory holds an earlier MarketSim output (a manifest.json that says so).</summary>
    public static bool HoldsRun(string directory) => ManifestJson.IsMarketSim(Path.Combine(directory, Manifest));
}

/// <summary>One row of a run's timeseries.csv: one metric of one agent in one month.</summary>
public readonly record struct TimeseriesRow(int Step, string Date, string Agent, string Kind, string Metric, double Value)
    : ICsvRow<TimeseriesRow>
{
    public void Write(CsvWriter csv) => csv.Integer(Step).Text(Date).Text(Agent).Text(Kind).Text(Metric).Number(Value);

    public static TimeseriesRow Read(CsvReader csv) =>
        new(csv.Integer(0), csv.Name(1), csv.Name(2), csv.Name(3), csv.Name(4), csv.Number(5));
}

/// <summary>One row of a run's summary.csv; an undefined value (NaN: no verdict, no IRR) is an empty field.</summary>
public readonly record struct SummaryRow(string Metric, double Value) : ICsvRow<SummaryRow>
{
    public void Write(CsvWriter csv) => csv.Text(Metric).NumberOrEmpty(Value);

    public static SummaryRow Read(CsvReader csv) => new(csv.Text(0), csv.NumberOrNaN(1));
}

/// <summary>One row of a run's events.csv; <see cref="Detail"/> starts with <c>rule=&lt;Rule&gt;</c>.</summary>
public readonly record struct EventRow(int Step, string Date, string Agent, string Event, string Counterparty,
    double AmountUsdBn, string Detail) : ICsvRow<EventRow>
{
    public void Write(CsvWriter csv) =>
        csv.Integer(Step).Text(Date).Text(Agent).Text(Event).Text(Counterparty).Number(AmountUsdBn).Text(Detail);

    public static EventRow Read(CsvReader csv) =>
        new(csv.Integer(0), csv.Name(1), csv.Name(2), csv.Name(3), csv.Name(4), csv.Number(5), csv.Text(6));
}
