using System.Globalization;
using ScottPlot;

namespace MarketSim.Plots.Rendering;

/// <summary>Builds ScottPlot panels with the project's look: embedded font, text of 14 px or more, light grid.</summary>
public static class Panels
{
    public const float LabelSize = 16;
    public const float TickSize = 14;
    public const float LegendSize = 14;

    public static Plot Create(string? panelTitle, string xLabel, string yLabel)
    {
        EmbeddedFonts.EnsureRegistered();
        var plot = new Plot();
        plot.Font.Set(EmbeddedFonts.Family);
        if (!string.IsNullOrEmpty(panelTitle))
        {
            plot.Title(panelTitle, 16);
        }
        plot.XLabel(xLabel, LabelSize);
        plot.YLabel(yLabel, LabelSize);
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.TickLabelStyle.FontSize = TickSize;
            axis.TickLabelStyle.FontName = EmbeddedFonts.Family;
            axis.Label.FontName = EmbeddedFonts.Family;
        }
        plot.Grid.MajorLineColor = Color.FromHex("#E5E5E5");
        plot.Legend.FontSize = LegendSize;
        plot.Legend.FontName = EmbeddedFonts.Family;
        // The legend font is chosen per item unless told otherwise; pinning it keeps rendering font-independent.
        plot.Legend.SetBestFontOnEachRender = false;
        return plot;
    }

    /// <summary>One labelled tick per calendar year; monthly x values are year + (month - 1) / 12.</summary>
    public static void YearTicks(Plot plot, int firstYear, int lastYear)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var every = lastYear - firstYear > 14 ? 2 : 1;
        for (var y = firstYear; y <= lastYear; y++)
        {
            if ((y - firstYear) % every == 0) ticks.AddMajor(y, y.ToString(CultureInfo.InvariantCulture));
        }
        plot.Axes.Bottom.TickGenerator = ticks;
    }

    /// <summary>
    /// ScottPlot has no logarithmic axis: callers plot log10 of the data and this labels each decade with its value.
    /// </summary>
    public static void LogTicks(Plot plot, IAxis axis, double minLog10, double maxLog10, string format)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var e = (int)Math.Floor(minLog10); e <= (int)Math.Ceiling(maxLog10); e++)
        {
            ticks.AddMajor(e, Math.Pow(10, e).ToString(format, CultureInfo.InvariantCulture));
            for (var m = 2; m < 10; m++) ticks.AddMinor(e + Math.Log10(m));
        }
        axis.TickGenerator = ticks;
    }

    /// <summary>Stacked panels that share one legend: the legend sits right of the top panel and every panel gets
    /// the same fixed margins, so their x axes line up.</summary>
    public static void SharedLegend(IReadOnlyList<Plot> stacked, float legendWidth = 230)
    {
        foreach (var p in stacked)
        {
            p.Layout.Fixed(new PixelPadding(left: 95, right: legendWidth, bottom: p == stacked[^1] ? 55 : 30, top: 10));
            p.HideLegend();
        }
        stacked[0].ShowLegend(Edge.Right);
    }
}
