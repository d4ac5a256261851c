using MarketSim.Cli;

namespace MarketSim.Analysis.Tests;

/// <summary>
/// The committed headline sweeps are still read, checked against their row counts, and analysed to the same files;
/// and they are this model's: a shard of each, simulated again, gives their summary rows byte for byte.
/// </summary>
public class CommittedResultsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("justify-500b")]
    [InlineData("justify-500b-posterior")]
    [InlineData("justify-500b-posterior-elasticities")]
    public void The_headline_sweep_analyses_to_its_committed_tables(string name)
    {
        var committed = Path.Combine(RepositoryRoot(), "experiments", "results", name);
        var copy = Path.Combine(_temp.Path, name);
        Directory.CreateDirectory(copy);
        foreach (var file in new[] { "manifest.json", "design.csv", "summary.csv", "runs.csv" })
            File.Copy(Path.Combine(committed, file), Path.Combine(copy, file));
        var stderr = new StringWriter();
        Assert.Equal(0, Program.Invoke(["analyze", copy], new StringWriter(), stderr));
        Assert.DoesNotContain("row counts", stderr.ToString());
        string[] Files(string dir) => [.. Directory.GetFiles(Path.Combine(dir, "analysis")).Select(f => Path.GetFileName(f)!).Order()];
        Assert.Equal(Files(committed), Files(copy));
        foreach (var file in Files(committed))
            Assert.Equal(File.ReadAllBytes(Path.Combine(committed, "analysis", file!)), File.ReadAllBytes(Path.Combine(copy, "analysis", file!)));
    }

    [Theory]
    [InlineData("justify-500b", 512)]
    [InlineData("justify-500b-posterior", 512)]
    [InlineData("justify-500b-posterior-elasticities", 512)]
    public void A_shard_of_the_headline_sweep_simulated_again_gives_its_committed_summary_rows(string name, int shards)
    {
        var root = RepositoryRoot();
        var output = Path.Combine(_temp.Path, name);
        var stderr = new StringWriter();
        Assert.True(0 == Program.Invoke(["sweep", Path.Combine(root, "experiments", name + ".json"), "--out", output,
            "--workers", "2", "--shard", "7", "--shards", shards.ToString()], new StringWriter(), stderr), stderr.ToString());
        var shard = File.ReadAllLines(Path.Combine(output, "shards", $"7-of-{shards}", "summary.csv"));
        var runs = shard.Skip(1).Select(l => l[..l.IndexOf(',')]).ToHashSet();
        Assert.NotEmpty(runs);
        var committed = File.ReadLines(Path.Combine(root, "experiments", "results", name, "summary.csv")).Skip(1)
            .Where(l => runs.Contains(l[..l.IndexOf(',')])).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(committed, shard.Skip(1).Order(StringComparer.Ordinal).ToList());
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MarketSim.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("MarketSim.sln not found above the test directory");
    }
}
