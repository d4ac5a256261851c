using MarketSim.Cli;

namespace MarketSim.Analysis.Tests;

/// <summary>The committed headline sweep is still read, checked against its row counts, and analysed to the same files.</summary>
public class CommittedResultsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_headline_sweep_analyses_to_its_committed_tables()
    {
        var committed = Path.Combine(RepositoryRoot(), "experiments", "results", "justify-500b");
        var copy = Path.Combine(_temp.Path, "justify-500b");
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

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MarketSim.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("MarketSim.sln not found above the test directory");
    }
}
