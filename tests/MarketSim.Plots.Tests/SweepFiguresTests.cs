using MarketSim.Plots.Sweep;
using MarketSim.Plots.Tests.Fixtures;

namespace MarketSim.Plots.Tests;

public class SweepFiguresTests
{
    [Fact]
    public void DrawAllWritesEveryFigureWhenAllInputsExist()
    {
        using var tmp = new TempDir();
        var sweep = SyntheticSweep.Write(tmp.Sub("sweep"));
        var log = new StringWriter();
        var paths = SweepFigures.DrawAll(sweep, log: log);
        Assert.Equal(12, paths.Count);
        Assert.Equal("", log.ToString());
        Assert.Contains(Path.Combine(sweep, "plots", "prim_tradeoff.svg"), paths);
    }
}
