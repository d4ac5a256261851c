using MarketSim.Plots.Input;
using MarketSim.Plots.Run;
using MarketSim.Plots.Tests.Fixtures;

namespace MarketSim.Plots.Tests;

public class RunFiguresTests
{
    [Fact]
    public void DrawAllWritesPngAndSvgForEveryFigure()
    {
        using var tmp = new TempDir();
        var run = SyntheticRun.Write(tmp.Sub("run"));
        var paths = RunFigures.DrawAll(run);
        Assert.Equal(10, paths.Count);
        Assert.All(paths, p => Assert.True(new FileInfo(p).Length > 5_000, p));
        Assert.Contains(Path.Combine(run, "plots", "capex_vs_revenue.png"), paths);
        Assert.Empty(Directory.GetFiles(Path.Combine(run, "plots"), "*.tmp"));
    }
}
