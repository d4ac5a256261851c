using MarketSim.Analysis.Sweeps;
using MarketSim.Data.Sweeps;
using MarketSim.Plots.Input;
using MarketSim.Plots.Rendering;
using ScottPlot;

namespace MarketSim.Plots.Sweep;

/// <summary>Figures of the focus-metric analysis files: moment-independent indices, Sobol convergence, feature scores.</summary>
public static class FocusFigures
{
    public static Figure Moments(SweepFigureInput sweep, IReadOnlyList<DeltaRow> delta, IReadOnlyList<PawnRow>? pawn)
    {
        var metric = SensitivityFigures.MetricOf(delta.Select(r => r.Metric));
        var rows = delta.Where(r => r.Metric == metric).OrderBy(r => r.Delta).ThenBy(r => r.Parameter, StringComparer.Ordinal).ToList();
        var pawnOf = (pawn ?? []).Where(p => p.Metric == metric).ToDictionary(p => p.Parameter);
        var plot = Panels.Create(null, "Index (bars: 95% bootstrap interval)", "");
        var bars = new List<Bar>();
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < rows.Count; i++)
        {
            bars.Add(SensitivityFigures.Bar(i - 0.18, rows[i].Delta, rows[i].DeltaConf, CompanyColors.Green));
            if (pawnOf.TryGetValue(rows[i].Parameter, out var p))
                bars.Add(SensitivityFigures.Bar(i + 0.18, p.Median, p.MedianConf, CompanyColors.Orange));
            ticks.AddMajor(i, rows[i].Parameter);
        }
        plot.Add.Bars(bars).Horizontal = true;
        plot.Axes.Left.TickGenerator = ticks;
        plot.Add.VerticalLine(0, 1, CompanyColors.Black);
        plot.Legend.ManualItems.Add(Draw.FillItem("delta (Borgonovo): shift of the whole output density", CompanyColors.Green));
        if (pawnOf.Count > 0) plot.Legend.ManualItems.Add(Draw.FillItem("PAWN: median KS distance over slices", CompanyColors.Orange));
        plot.ShowLegend(Alignment.LowerRight);
        return new Figure("moment_indices", $"Moment-independent sensitivity of {metric}",
            $"How much knowing each parameter changes the whole distribution of {metric}, not only its variance: " +
            "Borgonovo's delta and the PAWN index, with 95% bootstrap intervals.", sweep.Note, [plot]);
    }

    public static Figure Convergence(SweepFigureInput sweep, IReadOnlyList<SobolConvergenceRow> rows)
    {
        var metric = SensitivityFigures.MetricOf(rows.Select(r => r.Metric));
        var selected = rows.Where(r => r.Metric == metric).ToList();
        var full = selected.Max(r => r.Samples);
        var top = selected.Where(r => r.Samples == full).OrderByDescending(r => r.ST).Take(5).Select(r => r.Parameter).ToList();
        var plot = Panels.Create(null, "Base samples N (log scale)", "Total-order index ST (band: 95% interval)");
        Color[] colors = [CompanyColors.Vermillion, CompanyColors.Blue, CompanyColors.Green, CompanyColors.Orange, CompanyColors.Purple];
        for (var k = 0; k < top.Count; k++)
        {
            var series = selected.Where(r => r.Parameter == top[k]).OrderBy(r => r.Samples).ToList();
            var xs = series.Select(r => Math.Log2(r.Samples)).ToArray();
            var band = plot.Add.FillY(xs, series.Select(r => r.ST - Finite(r.STConf)).ToArray(), series.Select(r => r.ST + Finite(r.STConf)).ToArray());
            band.FillColor = colors[k].WithAlpha(0.15);
            band.LineWidth = 0;
            var line = Draw.Line(plot, xs, series.Select(r => r.ST).ToArray(), top[k], colors[k]);
            line.MarkerSize = 8;
        }
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var n in selected.Select(r => r.Samples).Distinct()) ticks.AddMajor(Math.Log2(n), n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.ShowLegend(Alignment.UpperRight);
        return new Figure("sobol_convergence", $"Convergence of the Sobol indices of {metric}",
            $"Total-order indices of the five most influential parameters estimated on the first N/8, N/4, N/2 and all N " +
            "base samples: lines that have levelled off and bands that narrow say N was large enough.", sweep.Note, [plot]);
    }

    public static Figure Features(SweepFigureInput sweep, IReadOnlyList<FeatureScoreRow> rows)
    {
        var target = rows.Any(r => r.Target == SweepAnalyzer.VerdictMetric) ? "justified" : rows[0].Target;
        var selected = rows.Where(r => r.Target == target).OrderBy(r => r.Score).ThenBy(r => r.Parameter, StringComparer.Ordinal).ToList();
        var plot = Panels.Create(null, "Feature score (share of impurity decrease, sums to 1)", "");
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var bars = selected.Select((r, i) =>
        {
            ticks.AddMajor(i, r.Parameter);
            return SensitivityFigures.Bar(i, r.Score, double.NaN, CompanyColors.Blue);
        }).ToList();
        plot.Add.Bars(bars).Horizontal = true;
        plot.Axes.Left.TickGenerator = ticks;
        plot.Add.VerticalLine(0, 1, CompanyColors.Black);
        return new Figure("feature_scores", $"Extra-trees feature scores for {target}",
            $"How much each parameter helps a forest of extremely randomised trees tell '{target}' apart " +
            "(mean impurity decrease, as the EMA Workbench's feature scoring).", sweep.Note, [plot]);
    }

    private static double Finite(double v) => double.IsFinite(v) ? v : 0;
}
