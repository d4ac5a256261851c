using MarketSim.Plots.Input;
using MarketSim.Plots.Rendering;
using MarketSim.Plots.Run;
using MarketSim.Plots.Tests.Fixtures;

namespace MarketSim.Plots.Tests;

public class FontTests
{
    private static RunData Run(TempDir tmp) => RunData.Load(SyntheticRun.Write(tmp.Sub("run")));

    [Fact]
    public void EmbeddedDejaVuIsScottPlotsDefault()
    {
        EmbeddedFonts.EnsureRegistered();
        Assert.Equal("DejaVu Sans", ScottPlot.Fonts.Default);
        Assert.Same(EmbeddedFonts.Regular, ScottPlot.Fonts.GetTypeface("DejaVu Sans", bold: false, italic: false));
        Assert.Same(EmbeddedFonts.Bold, ScottPlot.Fonts.GetTypeface("DejaVu Sans", bold: true, italic: false));
        Assert.True(EmbeddedFonts.Bold.IsBold);
    }

    [Fact]
    public void TitleBandHoldsTextOnlyWhenThereIsATitle()
    {
        using var tmp = new TempDir();
        var figure = RunFigures.SentimentTimeline(Run(tmp));
        var untitled = new Figure(figure.Name, "", figure.Caption, figure.Note, figure.Panels);
        var with = figure.ToPng();
        var without = untitled.ToPng();
        Assert.Equal((1200, 700), Pixels.Size(with));
        Assert.True(Pixels.Dark(with, 8, 42) > 800, "the title band should hold the title's glyphs");
        Assert.True(Pixels.Dark(without, 0, 8) < 10, "without a title nothing dark sits at the top edge");
        Assert.NotEqual(with, without);
    }

    [Fact]
    public void AxisLabelsAndNoteAreDrawn()
    {
        using var tmp = new TempDir();
        var png = RunFigures.CapexVsRevenue(Run(tmp)).ToPng();
        Assert.True(Pixels.Dark(png, 100, 600, 0, 24) > 150, "the rotated y-axis label should be drawn at the left edge");
        // The note (scenario, seed) sits in the bottom-right corner in dark grey.
        Assert.True(Pixels.Dark(png, 676, 700, 900, 1200) > 150, "the scenario/seed note should be drawn");
    }

    [Fact]
    public void RedrawsAreByteIdentical()
    {
        using var tmp = new TempDir();
        var run = SyntheticRun.Write(tmp.Sub("run"));
        var first = RunFigures.DrawAll(run).Select(File.ReadAllBytes).ToList();
        var second = RunFigures.DrawAll(run).Select(File.ReadAllBytes).ToList();
        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++) Assert.Equal(first[i], second[i]);
    }

    [Fact]
    public void SvgKeepsTextAsTextInTheEmbeddedFamily()
    {
        using var tmp = new TempDir();
        var svg = RunFigures.Prices(Run(tmp)).ToSvg();
        Assert.Contains("font-family=\"DejaVu Sans\"", svg);
        Assert.Contains("Market prices", svg);
        Assert.Contains("scenario baseline, seed 1", svg);
    }
}
