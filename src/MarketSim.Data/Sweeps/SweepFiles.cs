namespace MarketSim.Data.Sweeps;

/// <summary>The sweep directory `marketsim sweep` writes: its files and the columns of each table.</summary>
public static class SweepFiles
{
    public const string Design = "design.csv";
    public const string Summary = "summary.csv";
    public const string Timeseries = "timeseries.csv";
    public const string Runs = "runs.csv";
    public const string Manifest = "manifest.json";
    public const string AnalysisDirectory = "analysis";

    public static readonly IReadOnlyList<string> All = [Design, Summary, Timeseries, Runs, Manifest];

    /// <summary>design.csv starts with these; one column per parameter follows, in spec order.</summary>
    public static readonly IReadOnlyList<string> DesignRunColumns = ["run_id", "design_row", "replication", "seed"];
    public static readonly IReadOnlyList<string> SummaryColumns = ["run_id", "metric", "value"];
    public static readonly IReadOnlyList<string> TimeseriesColumns = ["run_id", "step", "date", "agent", "metric", "value"];
    public static readonly IReadOnlyList<string> RunsColumns = ["run_id", "status", "seconds", "error"];

    public static IReadOnlyList<string> DesignColumns(IEnumerable<string> parameterKeys) => [.. DesignRunColumns, .. parameterKeys];

    /// <summary>The row counts a finished sweep's manifest records, in file order (no timeseries: none written).</summary>
    public static IReadOnlyDictionary<string, long> RowCounts(long design, long summary, long? timeseries, long runs)
    {
        var rows = new Dictionary<string, long> { [Design] = design, [Summary] = summary };
        if (timeseries is { } n) rows[Timeseries] = n;
        rows[Runs] = runs;
        return rows;
    }

    /// <summary>Where shard K of N writes: DIR/shards/K-of-N.</summary>
    public static string ShardDirectory(string dir, int shard, int shards) => Path.Combine(dir, "shards", $"{shard}-of-{shards}");

    public static string ShardsRoot(string dir) => Path.Combine(dir, "shards");

    /// <summary>Whether the directory holds a sweep (its design.csv).</summary>
    public static bool HoldsSweep(string dir) => TableFormats.Exists(Path.Combine(dir, Design));
}
