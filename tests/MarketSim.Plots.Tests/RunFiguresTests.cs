using MarketSim.Data;
using MarketSim.Data.Runs;
using MarketSim.Plots.Input;
using MarketSim.Plots.Rendering;
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
        string[] names = ["capex_vs_revenue", "compute_utilization", "prices", "cash_debt", "sentiment_events"];
        Assert.Equal(names.SelectMany(n => new[] { n + ".png", n + ".svg" }).Select(f => Path.Combine(run, "plots", f)), paths);
        Assert.All(paths, p => Assert.True(new FileInfo(p).Length > 5_000, p));
        Assert.Empty(Directory.GetFiles(Path.Combine(run, "plots"), "*.tmp"));
    }

    [Fact]
    public void EveryFigureNamesScenarioAndSeed()
    {
        using var tmp = new TempDir();
        var figures = RunFigures.Build(RunData.Load(SyntheticRun.Write(tmp.Sub("run"), seed: 7)));
        Assert.All(figures, f => Assert.Equal("scenario baseline, seed 7", f.Note));
        Assert.All(figures, f => Assert.False(string.IsNullOrWhiteSpace(f.Title)));
        Assert.All(figures, f => Assert.EndsWith(".", f.Caption));
    }

    [Fact]
    public void TokenPriceGoesLogarithmicOnlyWhenItSpansADecade()
    {
        Assert.True(Draw.MaybeLog([12, 5, 1, 0.2]).Log);
        Assert.False(Draw.MaybeLog([3, 2.5, 2]).Log);
        Assert.False(Draw.MaybeLog([3, 0, 0.1]).Log);
    }

    [Fact]
    public void YearsCollapseByFlowStockAndLevel()
    {
        string[] dates = ["2026-11", "2026-12", "2027-01", "2027-02"];
        double[] values = [1, 2, 10, 20];
        int[] years = [2026, 2027];
        Assert.Equal([3.0, 30.0], Annual.Collapse(dates, values, years, Annual.RuleFor("capex_usd_bn")));
        Assert.Equal([2.0, 20.0], Annual.Collapse(dates, values, years, Annual.RuleFor("cash_usd_bn")));
        Assert.Equal([1.5, 15.0], Annual.Collapse(dates, values, years, Annual.RuleFor("cahn_required_revenue_usd_bn")));
    }

    [Fact]
    public void AnnouncedDealsAndDefaultsAreReadFromEvents()
    {
        using var tmp = new TempDir();
        var run = RunData.Load(SyntheticRun.Write(tmp.Sub("run")));
        var figure = RunFigures.SentimentTimeline(run);
        Assert.Contains("1 default(s)", figure.Caption);
        Assert.Contains("3 announced deal(s)", figure.Caption);
    }

    [Fact]
    public void MissingMetricsStillDrawWithANoDataNote()
    {
        using var tmp = new TempDir();
        var rows = Enumerable.Range(0, 24).Select(i => new TimeseriesRow(i, $"{2026 + i / 12}-{i % 12 + 1:00}", "AWS", "cloud", "utilization", 0.7));
        var run = RunData.FromRows("tiny", 3, rows);
        var figures = RunFigures.Build(run);
        Assert.Equal(5, figures.Count);
        Assert.All(figures, f => Assert.True(f.ToPng().Length > 5_000));
    }

    [Fact]
    public void BadTimeseriesNamesTheFileAndLine()
    {
        using var tmp = new TempDir();
        var run = SyntheticRun.Write(tmp.Sub("run"));
        var ts = Path.Combine(run, "timeseries.csv");
        File.AppendAllText(ts, "3,2024-04,AWS,cloud,capex_usd_bn,lots\n");
        var lines = File.ReadAllLines(ts).Length;
        var e = Assert.Throws<DataFileException>(() => RunData.Load(run));
        Assert.Equal($"{ts} line {lines}: value 'lots' is not a number", e.Message);
        File.WriteAllText(ts, "step,date,agent,metric,value\n");
        Assert.Equal($"{ts}: header is 'step,date,agent,metric,value'; expected 'step,date,agent,kind,metric,value'",
            Assert.Throws<DataFileException>(() => RunData.Load(run)).Message);
    }
}
