using MarketSim.Plots.Input;
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
        string[] names = ["fan_revenue_capex", "npv_histogram", "justified_heatmap", "sobol_indices", "morris", "prim_tradeoff",
            "moment_indices", "sobol_convergence", "feature_scores"];
        Assert.Equal(names.SelectMany(n => new[] { n + ".png", n + ".svg" }).Select(f => Path.Combine(sweep, "plots", f)), paths);
        Assert.Equal("", log.ToString());
    }

    [Fact]
    public void FiguresWithoutAnalysisFilesAreSkippedAndNamed()
    {
        using var tmp = new TempDir();
        var sweep = SyntheticSweep.Write(tmp.Sub("sweep"), analysis: false);
        var log = new StringWriter();
        var paths = SweepFigures.DrawAll(sweep, log: log);
        Assert.Equal(6, paths.Count);
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["skipped sobol_indices: no analysis/sobol_indices.csv", "skipped morris: no analysis/morris.csv",
            "skipped prim_tradeoff: no analysis/scenario_discovery.csv", "skipped moment_indices: no analysis/delta.csv",
            "skipped sobol_convergence: no analysis/sobol_convergence.csv", "skipped feature_scores: no analysis/feature_scores.csv"], lines);
    }

    [Fact]
    public void NoteNamesSweepSamplerRunsAndSeed()
    {
        using var tmp = new TempDir();
        var data = SweepFigureInput.Load(SyntheticSweep.Write(tmp.Sub("sweep"), runs: 40));
        var (figures, _) = SweepFigures.Build(data);
        Assert.All(figures, f => Assert.Equal("sweep demand-vs-finance, sampler saltelli, 40 runs, seed 42", f.Note));
    }

    [Fact]
    public void AiRevenuePrefersTheMarketSeriesOverTheSumOfCompanies()
    {
        using var tmp = new TempDir();
        var parts = SweepFigureInput.Load(SyntheticSweep.Write(tmp.Sub("a"), runs: 10)).Totals!;
        var market = SweepFigureInput.Load(SyntheticSweep.Write(tmp.Sub("b"), runs: 10, marketRevenue: true)).Totals!;
        var summaryOnly = SweepFigureInput.Load(SyntheticSweep.Write(tmp.Sub("c"), runs: 10, timeseries: false)).Totals!;
        Assert.Equal(Enumerable.Range(2024, 7), parts.Years);
        for (var y = 0; y < parts.Years.Count; y++)
            for (var r = 0; r < 10; r++)
            {
                Assert.Equal(2 * parts.AiRevenue[y][r], market.AiRevenue[y][r], 9);
                Assert.Equal(summaryOnly.AiRevenue[y][r], parts.AiRevenue[y][r], 9);
                Assert.Equal(summaryOnly.Capex[y][r], parts.Capex[y][r], 9);
            }
        Assert.StartsWith("summary.csv", summaryOnly.Source);
    }

    [Fact]
    public void HeatmapDefaultsToTheContinuousParametersWithLargestTotalIndex()
    {
        using var tmp = new TempDir();
        var data = SweepFigureInput.Load(SyntheticSweep.Write(tmp.Sub("sweep")));
        // Shocks:Enabled has the second largest ST but is a boolean, so it is passed over.
        Assert.Equal(("Demand:GrowthRate", "Demand:PriceElasticity"), SweepHeatmap.DefaultKeys(data));
        var chosen = SweepHeatmap.Build(data, ("Finance:CostOfCapital", "Shocks:Enabled"))!;
        Assert.Equal("Share of justified runs (colour, 0 to 1) by Finance:CostOfCapital and Shocks:Enabled", chosen.Title);
    }

    [Fact]
    public void HeatmapRejectsUnknownKeysNamingTheAllowedOnes()
    {
        using var tmp = new TempDir();
        var data = SweepFigureInput.Load(SyntheticSweep.Write(tmp.Sub("sweep"), runs: 20));
        var e = Assert.Throws<PlotInputException>(() => SweepFigures.Build(data, ("Demand:Nope", "Shocks:Enabled")));
        Assert.Equal("--heatmap: unknown parameter 'Demand:Nope'; allowed: Demand:PriceElasticity, Demand:GrowthRate, " +
            "Finance:CostOfCapital, Shocks:Enabled", e.Message);
    }

    [Fact]
    public void NoHistogramBarMixesJustifiedAndUnjustifiedRuns()
    {
        using var tmp = new TempDir();
        var data = SweepFigureInput.Load(SyntheticSweep.Write(tmp.Sub("sweep")));
        var figure = SweepFigures.NpvHistogram(data)!;
        var bars = figure.Panels[0].GetPlottables<ScottPlot.Plottables.BarPlot>().SelectMany(b => b.Bars).ToList();
        Assert.Equal(data.Metric(SweepFigures.NpvMetric).Length, (int)bars.Sum(b => b.Value));
        Assert.All(bars, b => Assert.True(b.Position - b.Size / 2 >= 0 || b.Position + b.Size / 2 <= 0));
    }

    [Fact]
    public void ThePrimFigureMarksTheStepTheAnalysisSelected()
    {
        using var tmp = new TempDir();
        var dir = SyntheticSweep.Write(tmp.Sub("sweep"), analysis: false);
        Assert.Equal(0, MarketSim.Cli.Program.Invoke(["analyze", dir, "--bootstrap", "20"], new StringWriter(), new StringWriter()));
        var (figures, _) = SweepFigures.Build(SweepFigureInput.Load(dir));
        var prim = figures.Single(f => f.Name == "prim_tradeoff");
        Assert.Matches("the selected box covers \\d+% of them at density \\d+%", prim.Caption);
    }

    [Fact]
    public void QuantilesInterpolateLikeNumpy()
    {
        double[] sorted = [1, 2, 3, 4];
        Assert.Equal(2.5, Quantiles.Of(sorted, 0.5));
        Assert.Equal(1.15, Quantiles.Of(sorted, 0.05), 12);
        Assert.Equal(4, Quantiles.Of(sorted, 1));
    }
}
