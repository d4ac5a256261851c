using MarketSim.Cli;
using MarketSim.Plots.Tests.Fixtures;

namespace MarketSim.Plots.Tests;

public class CommandTests
{
    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = Program.Invoke(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void PlotDrawsARunDirectory()
    {
        using var tmp = new TempDir();
        var run = SyntheticRun.Write(tmp.Sub("run"));
        var (code, stdout, stderr) = Cli("plot", run);
        Assert.Equal(0, code);
        Assert.StartsWith($"wrote 10 files to {Path.Combine(run, "plots")}", stdout);
        Assert.Equal("", stderr);
    }

    [Fact]
    public void PlotDrawsASweepAndNamesSkippedFiguresOnStderr()
    {
        using var tmp = new TempDir();
        var sweep = SyntheticSweep.Write(tmp.Sub("sweep"), runs: 40, analysis: false);
        var (code, stdout, stderr) = Cli("plot", sweep, "--heatmap", "Finance:CostOfCapital,Demand:GrowthRate");
        Assert.Equal(0, code);
        Assert.StartsWith("wrote 6 files", stdout);
        Assert.Contains("skipped sobol_indices: no analysis/sobol_indices.csv", stderr);
    }

    [Fact]
    public void MissingDirectoryIsBadInputOnOneLine()
    {
        using var tmp = new TempDir();
        var missing = tmp.Sub("nope");
        var (code, _, stderr) = Cli("plot", missing);
        Assert.Equal(2, code);
        Assert.Equal($"error: {missing}: directory not found\n", stderr.Replace("\r\n", "\n"));
    }

    [Fact]
    public void DirectoryOfNeitherKindIsBadInput()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp.Sub("notes.txt"), "hello");
        var (code, _, stderr) = Cli("report", tmp.Path);
        Assert.Equal(2, code);
        Assert.StartsWith($"error: {tmp.Path}: neither a run directory", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public void BadHeatmapKeysLeaveNoOutputBehind()
    {
        using var tmp = new TempDir();
        var sweep = SyntheticSweep.Write(tmp.Sub("sweep"), runs: 20);
        var (code, _, stderr) = Cli("report", sweep, "--heatmap", "Demand:GrowthRate");
        Assert.Equal(2, code);
        Assert.StartsWith("error: --heatmap: 'Demand:GrowthRate' must be two parameter keys", stderr);
        (code, _, stderr) = Cli("plot", sweep, "--heatmap", "Demand:GrowthRate,Bogus");
        Assert.Equal(2, code);
        Assert.StartsWith("error: --heatmap: unknown parameter 'Bogus'", stderr);
        Assert.False(Directory.Exists(Path.Combine(sweep, "plots")));
        Assert.False(File.Exists(Path.Combine(sweep, "report.html")));
    }

    [Fact]
    public void ReportWritesTheHtmlForARun()
    {
        using var tmp = new TempDir();
        var run = SyntheticRun.Write(tmp.Sub("run"));
        var (code, stdout, _) = Cli("report", run);
        Assert.Equal(0, code);
        Assert.Equal($"wrote {Path.Combine(run, "report.html")}", stdout.Split(" in ")[0]);
        Assert.Equal(5, Directory.GetFiles(Path.Combine(run, "plots"), "*.png").Length);
    }
}
