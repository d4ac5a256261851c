namespace MarketSim.Experiments.Output;

/// <summary>The files of a sweep directory (the sweep contract) and their headers.</summary>
public static class SweepFiles
{
    public const string Design = "design.csv";
    public const string Summary = "summary.csv";
    public const string Timeseries = "timeseries.csv";
    public const string Runs = "runs.csv";
    public const string Manifest = "manifest.json";

    public static readonly string[] All = [Design, Summary, Timeseries, Runs, Manifest];

    public const string SummaryHeader = "run_id,metric,value\n";
    public const string TimeseriesHeader = "run_id,step,date,agent,metric,value\n";
    public const string RunsHeader = "run_id,status,seconds,error\n";

    public static string ShardDirectory(string dir, int shard, int shards) =>
        Path.Combine(dir, "shards", $"{shard}-of-{shards}");

}
