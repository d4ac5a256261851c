using MarketSim.Cli;
using MarketSim.Data.Sweeps;

namespace MarketSim.Experiments.Tests;

/// <summary>A finished sweep or run records each table's row count; every reader refuses a table that lost rows.</summary>
public class RowCountTests
{
    private static (int Code, string Err) Cli(params string[] args)
    {
        var stderr = new StringWriter();
        var code = Program.Invoke(args, new StringWriter(), stderr);
        return (code, stderr.ToString());
    }

    private static void Sweep(string dir, int shard = 0, int shards = 1) =>
        SweepRunner.Run(Specs.Parse(Specs.Small), new SweepOptions(dir, 2, Shard: shard, Shards: shards), _ => new FakeModel());

    /// <summary>Drops the last <paramref name="rows"/> rows at a line end, as a copy cut short between rows leaves it.</summary>
    private static (long Before, long After) DropRows(string path, int rows)
    {
        var lines = File.ReadAllLines(path);
        File.WriteAllLines(path, lines[..^rows]);
        return (lines.Length - 1, lines.Length - 1 - rows);
    }

    private static void AssertRefused((int Code, string Err) outcome, string message)
    {
        Assert.Equal(2, outcome.Code);
        Assert.Single(outcome.Err.TrimEnd('\n').Split('\n'));
        Assert.Equal($"error: {message}\n", outcome.Err);
    }

    [Fact]
    public void A_finished_sweep_records_the_rows_of_each_table()
    {
        using var tmp = new TempDir();
        Sweep(tmp["out"]);
        var manifest = SweepManifest.Read(tmp["out/manifest.json"]);
        Assert.Equal([SweepFiles.Design, SweepFiles.Summary, SweepFiles.Timeseries, SweepFiles.Runs], manifest.TableRows!.Keys);
        foreach (var (file, rows) in manifest.TableRows)
            Assert.Equal(File.ReadAllLines(tmp[$"out/{file}"]).Length - 1, rows);
    }

    [Fact]
    public void Analyze_plot_and_report_refuse_a_summary_that_lost_rows()
    {
        using var tmp = new TempDir();
        Sweep(tmp["out"]);
        var summary = tmp["out/summary.csv"];
        var (before, after) = DropRows(summary, 5);
        var message = $"{summary}: {after} rows, but its manifest records {before}; the table is incomplete";
        AssertRefused(Cli("analyze", tmp["out"]), message);
        AssertRefused(Cli("plot", tmp["out"]), message);
        AssertRefused(Cli("report", tmp["out"]), message);
        Assert.False(Directory.Exists(tmp["out/analysis"]));
        Assert.False(Directory.Exists(tmp["out/plots"]));
    }

    [Fact]
    public void Plot_refuses_a_run_timeseries_that_lost_rows()
    {
        using var tmp = new TempDir();
        Assert.Equal(0, Cli("run", "--seed", "1", "--out", tmp["run"], "--no-plots").Code);
        var timeseries = tmp["run/timeseries.csv"];
        var (before, after) = DropRows(timeseries, 1);
        AssertRefused(Cli("plot", tmp["run"]), $"{timeseries}: {after} rows, but its manifest records {before}; the table is incomplete");
    }

    [Fact]
    public void Merge_refuses_a_truncated_shard_and_writes_nothing()
    {
        using var tmp = new TempDir();
        for (var k = 0; k < 2; k++) Sweep(tmp["s"], k, 2);
        var summary = Path.Combine(SweepFiles.ShardDirectory(tmp["s"], 1, 2), SweepFiles.Summary);
        var (before, after) = DropRows(summary, 3);
        AssertRefused(Cli("merge", tmp["s"]), $"{summary}: {after} rows, but its manifest records {before}; the table is incomplete");
        Assert.False(File.Exists(tmp["s/summary.csv"]));

        File.WriteAllText(summary, File.ReadAllText(summary)[..^4]); // and now torn mid-row
        var lines = File.ReadAllLines(summary).Length;
        AssertRefused(Cli("merge", tmp["s"]), $"{summary} line {lines}: the last line has no line end; the file is cut short");
        Assert.False(File.Exists(tmp["s/summary.csv"]));
    }

    [Fact]
    public void Merge_takes_a_shard_another_tool_rewrote_with_CRLF_and_a_BOM()
    {
        using var tmp = new TempDir();
        Sweep(tmp["whole"]);
        for (var k = 0; k < 2; k++) Sweep(tmp["s"], k, 2);
        var shard = SweepFiles.ShardDirectory(tmp["s"], 1, 2);
        foreach (var table in new[] { SweepFiles.Design, SweepFiles.Summary, SweepFiles.Timeseries, SweepFiles.Runs })
        {
            var path = Path.Combine(shard, table);
            File.WriteAllText(path, "\uFEFF" + File.ReadAllText(path).Replace("\n", "\r\n"));
        }
        Assert.Equal(0, Cli("merge", tmp["s"]).Code);
        foreach (var table in new[] { SweepFiles.Design, SweepFiles.Summary, SweepFiles.Timeseries })
            Assert.Equal(File.ReadAllText(tmp[$"whole/{table}"]), File.ReadAllText(tmp[$"s/{table}"]));
        Assert.Equal(Specs.RunsWithoutSeconds(tmp["whole/runs.csv"]), Specs.RunsWithoutSeconds(tmp["s/runs.csv"]));
    }

    [Fact]
    public void Merge_refuses_a_shard_that_has_not_finished()
    {
        using var tmp = new TempDir();
        for (var k = 0; k < 2; k++) Sweep(tmp["s"], k, 2);
        var shard = SweepFiles.ShardDirectory(tmp["s"], 0, 2);
        var manifest = SweepManifest.Read(Path.Combine(shard, SweepFiles.Manifest));
        (manifest with { TableRows = null }).Write(shard);
        AssertRefused(Cli("merge", tmp["s"]), $"{shard}: the shard has not finished (manifest.json records no row counts); rerun it with --resume");
    }

    [Fact]
    public void A_manifest_without_row_counts_is_still_read()
    {
        using var tmp = new TempDir();
        Sweep(tmp["out"]);
        var manifest = SweepManifest.Read(tmp["out/manifest.json"]);
        (manifest with { TableRows = null }).Write(tmp["out"]);
        var stderr = new StringWriter();
        Assert.Equal(0, Program.Invoke(["analyze", tmp["out"]], new StringWriter(), stderr));
        Assert.Contains("note: manifest.json records no row counts", stderr.ToString());
    }
}
