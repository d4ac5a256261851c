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

    /// <summary>Writes a whole file as name.tmp, then renames it over the target, so readers never see half a file.</summary>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        var tmp = path + ".tmp";
        using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            write(stream);
        File.Move(tmp, path, overwrite: true);
    }

    public static void WriteAtomically(string path, string text) =>
        WriteAtomically(path, s => s.Write(CsvText.Utf8.GetBytes(text)));
}
