using ScottPlot;

namespace MarketSim.Plots.Rendering;

/// <summary>Small drawing idioms shared by the run and sweep figures.</summary>
internal static class Draw
{
    public sealed record Layer(string Label, Color Color, double[] Values, bool Hatched = false);

    /// <summary>Bars at x + offset, one stack of <paramref name="layers"/> per x; NaN counts as zero.</summary>
    public static void StackedBars(Plot plot, IReadOnlyList<double> xs, double offset, double width, IReadOnlyList<Layer> layers)
    {
        var bars = new List<Bar>();
        var baseline = new double[xs.Count];
        foreach (var layer in layers)
        {
            for (var i = 0; i < xs.Count; i++)
            {
                var v = double.IsFinite(layer.Values[i]) ? layer.Values[i] : 0;
                bars.Add(new Bar
                {
                    Position = xs[i] + offset,
                    ValueBase = baseline[i],
                    Value = baseline[i] + v,
                    Size = width,
                    FillColor = layer.Color,
                    FillHatch = layer.Hatched ? new ScottPlot.Hatches.Striped() : null,
                    FillHatchColor = Colors.White.WithAlpha(0.6),
                    LineColor = Colors.White,
                    LineWidth = 0.5f,
                });
                baseline[i] += v;
            }
        }
        plot.Add.Bars(bars);
    }

    public static ScottPlot.Plottables.Scatter Line(Plot plot, double[] xs, double[] ys, string label, Color color,
        LinePattern pattern = default, float width = 2.5f)
    {
        var line = plot.Add.ScatterLine(xs, ys, color);
        line.LegendText = label;
        line.LineWidth = width;
        line.LinePattern = pattern;
        return line;
    }

    /// <summary>The pattern that tells a company's kind apart without colour: clouds solid, labs dashed,
    /// chipmakers dotted.</summary>
    public static LinePattern PatternOf(string company) =>
        CompanyColors.IsLab(company) ? LinePattern.Dashed
        : CompanyColors.Chipmakers.Contains(company) ? LinePattern.Dotted
        : LinePattern.Solid;

    public static LegendItem FillItem(string label, Color color) => new()
    {
        LabelText = label,
        FillColor = color,
        LineWidth = 0,
    };

    public static void NoData(Plot plot, string what)
    {
        var a = plot.Add.Annotation($"no data: {what}", Alignment.MiddleCenter);
        a.LabelFontSize = 18;
        a.LabelFontName = EmbeddedFonts.Family;
    }

    /// <summary>Plots <paramref name="ys"/> on a log10 axis when they span at least a decade; returns the values to
    /// draw and whether the axis is logarithmic.</summary>
    public static (double[] Values, bool Log) MaybeLog(double[] ys)
    {
        var positive = ys.Where(v => double.IsFinite(v) && v > 0).ToArray();
        if (positive.Length < 2 || positive.Length < ys.Count(double.IsFinite) || positive.Max() / positive.Min() < 10)
        {
            return (ys, false);
        }
        return (ys.Select(v => v > 0 ? Math.Log10(v) : double.NaN).ToArray(), true);
    }
}
