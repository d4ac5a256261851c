using System.Globalization;
using MarketSim.Data.Sweeps;
using MarketSim.Plots.Input;
using MarketSim.Plots.Rendering;
using ScottPlot;

namespace MarketSim.Plots.Sweep;

/// <summary>Figures of the analysis files: Sobol indices, Morris screening and the PRIM peeling trade-off.</summary>
public static class SensitivityFigures
{
    /// <summary>The cohort NPV when the file has it, else the file's first metric.</summary>
    internal static string MetricOf(IEnumerable<string> metrics)
    {
        var list = metrics.ToList();
        return list.Contains(SweepFigures.NpvMetric) ? SweepFigures.NpvMetric : list[0];
    }

    public static Figure Sobol(SweepFigureInput sweep, IReadOnlyList<SobolRow> rows)
    {
        var metric = MetricOf(rows.Select(r => r.Metric));
        var selected = rows.Where(r => r.Metric == metric).OrderBy(r => r.ST).ThenBy(r => r.Parameter, StringComparer.Ordinal).ToList();
        var plot = Panels.Create(null, "Sobol index (share of output variance, bars: 95% interval)", "");
        var bars = new List<Bar>();
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < selected.Count; i++)
        {
            var r = selected[i];
            bars.Add(Bar(i - 0.18, r.S1, r.S1Conf, CompanyColors.SkyBlue));
            bars.Add(Bar(i + 0.18, r.ST, r.STConf, CompanyColors.Vermillion));
            ticks.AddMajor(i, r.Parameter);
        }
        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        plot.Axes.Left.TickGenerator = ticks;
        plot.Add.VerticalLine(0, 1, CompanyColors.Black);
        plot.Legend.ManualItems.Add(Draw.FillItem("S1: first-order (alone)", CompanyColors.SkyBlue));
        plot.Legend.ManualItems.Add(Draw.FillItem("ST: total (with interactions)", CompanyColors.Vermillion));
        plot.ShowLegend(Alignment.LowerRight);
        return new Figure("sobol_indices", $"Sobol sensitivity of {metric}",
            $"How much of the variance of {metric} each parameter explains alone (S1) and with its interactions (ST), " +
            "with 95% confidence intervals.", sweep.Note, [plot]);
    }

    internal static Bar Bar(double position, double value, double conf, Color color) => new()
    {
        Position = position, Value = value, Size = 0.34, FillColor = color,
        Error = double.IsFinite(conf) ? conf : 0, LineWidth = 1.5f, LineColor = Color.FromHex("#333333"), ErrorSize = 0.12,
        Orientation = Orientation.Horizontal,
    };

    public static Figure Morris(SweepFigureInput sweep, IReadOnlyList<MorrisRow> rows)
    {
        var metric = MetricOf(rows.Select(r => r.Metric));
        var selected = rows.Where(r => r.Metric == metric).OrderBy(r => r.Parameter, StringComparer.Ordinal).ToList();
        var unit = metric.EndsWith("_usd_bn", StringComparison.Ordinal) ? " (USD bn)" : "";
        var plot = Panels.Create(null, $"mu*: mean absolute elementary effect{unit}", $"sigma: spread of the effects{unit}");
        var max = Math.Max(1e-12, selected.Max(r => Math.Max(r.MuStar + (double.IsFinite(r.MuStarConf) ? r.MuStarConf : 0), r.Sigma)));
        var diagonal = plot.Add.Line(0, 0, max * 1.05, max * 1.05);
        diagonal.LineColor = CompanyColors.Grey;
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.LegendText = "sigma = mu* (non-linear or interacting above)";
        foreach (var r in selected)
        {
            if (double.IsFinite(r.MuStarConf) && r.MuStarConf > 0)
            {
                var err = plot.Add.Line(r.MuStar - r.MuStarConf, r.Sigma, r.MuStar + r.MuStarConf, r.Sigma);
                err.LineColor = CompanyColors.Blue.WithAlpha(0.6);
                err.LineWidth = 2;
            }
            var label = plot.Add.Text(r.Parameter, r.MuStar, r.Sigma);
            label.LabelFontSize = 14;
            label.LabelFontName = EmbeddedFonts.Family;
            label.LabelAlignment = Alignment.LowerLeft;
            label.OffsetX = 8;
            label.OffsetY = -6;
        }
        var points = plot.Add.Markers(selected.Select(r => r.MuStar).ToArray(), selected.Select(r => r.Sigma).ToArray(),
            MarkerShape.FilledCircle, 12, CompanyColors.Blue);
        points.LegendText = "parameter (line: 95% interval of mu*)";
        plot.Axes.SetLimits(0, max * 1.25, 0, max * 1.15);
        plot.ShowLegend(Alignment.UpperLeft);
        return new Figure("morris", $"Morris screening of {metric}: mu* against sigma",
            $"Parameters to the right move {metric} most; those high above the diagonal act non-linearly or through " +
            "interactions.", sweep.Note, [plot]);
    }

    /// <summary>Box limits carry full precision; four significant digits read better on a figure.</summary>
    private static string Short(double? value) => value?.ToString("G4", CultureInfo.InvariantCulture) ?? "";

    public static Figure Prim(SweepFigureInput sweep, IReadOnlyList<DiscoveryRow> rows)
    {
        var target = rows.Any(r => r.Target == "justified") ? "justified" : rows[0].Target;
        var plot = Panels.Create(null, "Coverage (share of target runs inside the box)", "Density (share of box runs in the target)");
        var colors = new[] { CompanyColors.Blue, CompanyColors.Orange, CompanyColors.Green, CompanyColors.Purple, CompanyColors.SkyBlue };
        var boxes = rows.Where(r => r.Target == target).Select(r => r.Box).Distinct().ToList();
        for (var b = 0; b < boxes.Count; b++)
        {
            var steps = rows.Where(r => r.Target == target && r.Box == boxes[b]).GroupBy(r => r.Step).OrderBy(g => g.Key)
                .Select(g => g.First()).ToList();
            var color = colors[b % colors.Length];
            var line = Draw.Line(plot, steps.Select(s => s.Coverage).ToArray(), steps.Select(s => s.Density).ToArray(),
                $"box {boxes[b]}: peeling steps", color, width: 2);
            line.MarkerSize = 8;
            line.MarkerShape = MarkerShape.FilledCircle;
            if (steps.Where(s => s.Selected).Select(s => (DiscoveryRow?)s).FirstOrDefault() is { } chosen)
            {
                var restrictions = rows.Where(r => r.Target == target && r.Box == boxes[b] && r.Step == chosen.Step
                    && r.Parameter.Length > 0).Select(r => $"{r.Parameter} in [{Short(r.Low)}, {Short(r.High)}]");
                var star = plot.Add.Marker(chosen.Coverage, chosen.Density, MarkerShape.FilledDiamond, 22, CompanyColors.Vermillion);
                star.LegendText = $"box {boxes[b]}: selected step {chosen.Step}";
                if (b > 0) continue; // later boxes' limits are in the report's table; their labels would overlap
                var text = plot.Add.Text(string.Join("\n", restrictions), chosen.Coverage, chosen.Density);
                text.LabelFontSize = 14;
                text.LabelFontName = EmbeddedFonts.Family;
                text.LabelAlignment = Alignment.UpperLeft;
                text.OffsetX = 14;
                text.OffsetY = 10;
                text.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
            }
        }
        plot.Axes.SetLimits(0, 1.05, 0, 1.05);
        plot.ShowLegend(Alignment.LowerLeft);
        var selText = rows.Where(r => r.Target == target && r.Selected).Select(r => (DiscoveryRow?)r).FirstOrDefault() is { } sel
            ? string.Create(CultureInfo.InvariantCulture, $"the selected box covers {100 * sel.Coverage:0}% of them at density {100 * sel.Density:0}%")
            : "no step is marked selected";
        return new Figure("prim_tradeoff", $"PRIM scenario discovery for {target}: coverage vs density",
            $"Each peeling step trades coverage of the '{target}' runs for density; {selText}.", sweep.Note, [plot]);
    }
}
