using System.Globalization;
using MarketSim.Plots.Input;
using MarketSim.Plots.Rendering;
using ScottPlot;

namespace MarketSim.Plots.Sweep;

/// <summary>A sweep figure that could not be drawn because its input file is absent.</summary>
public sealed record SkippedFigure(string Name, string Reason);

/// <summary>The figures of a sweep directory. <see cref="Build"/> is the in-memory entry point; <see cref="DrawAll"/>
/// writes DIR/plots/*.png and *.svg.</summary>
public static class SweepFigures
{
    /// <summary>The end users' lens NPV, behind the verdict; sweeps from before it existed fall back to the owners' lens.</summary>
    public const string NpvMetric = "enduser_cohort_2026_2027_npv_usd_bn";
    public const string OwnersNpvMetric = "cohort_2026_2027_npv_usd_bn";

    /// <summary>Reads <paramref name="sweepDir"/>, draws every figure whose inputs exist into sweepDir/plots and
    /// returns the written paths; each skipped figure is named on <paramref name="log"/> (the CLI passes stderr).</summary>
    public static IReadOnlyList<string> DrawAll(string sweepDir, (string, string)? heatmapKeys = null, TextWriter? log = null)
    {
        var (figures, skipped) = Build(SweepFigureInput.Load(sweepDir), heatmapKeys);
        foreach (var s in skipped) log?.WriteLine($"skipped {s.Name}: {s.Reason}");
        return FigureFiles.Write(figures, sweepDir);
    }

    public static (IReadOnlyList<Figure> Figures, IReadOnlyList<SkippedFigure> Skipped) Build(SweepFigureInput sweep,
        (string, string)? heatmapKeys = null)
    {
        var figures = new List<Figure>();
        var skipped = new List<SkippedFigure>();
        void Add(string name, Figure? figure, string reason)
        {
            if (figure is null) skipped.Add(new SkippedFigure(name, reason));
            else figures.Add(figure);
        }
        Add("fan_revenue_capex", sweep.Totals is null ? null : Fans(sweep, sweep.Totals),
            "no timeseries.csv and no per-year metrics in summary.csv");
        Add("npv_histogram", NpvHistogram(sweep), $"summary.csv has no {NpvMetric} or {OwnersNpvMetric}");
        Add("justified_heatmap", SweepHeatmap.Build(sweep, heatmapKeys), "needs two parameters and the justified metric");
        Add("sobol_indices", sweep.Sobol is { Count: > 0 } s ? SensitivityFigures.Sobol(sweep, s) : null,
            "no analysis/sobol_indices.csv");
        Add("morris", sweep.Morris is { Count: > 0 } m ? SensitivityFigures.Morris(sweep, m) : null, "no analysis/morris.csv");
        Add("prim_tradeoff", sweep.Prim is { Count: > 0 } p ? SensitivityFigures.Prim(sweep, p) : null,
            "no analysis/scenario_discovery.csv");
        Add("moment_indices", sweep.Delta is { Count: > 0 } d ? FocusFigures.Moments(sweep, d, sweep.Pawn) : null, "no analysis/delta.csv");
        Add("sobol_convergence", sweep.Convergence is { Count: > 0 } c ? FocusFigures.Convergence(sweep, c) : null,
            "no analysis/sobol_convergence.csv");
        Add("feature_scores", sweep.FeatureScores is { Count: > 0 } f ? FocusFigures.Features(sweep, f) : null,
            "no analysis/feature_scores.csv");
        return (figures, skipped);
    }

    public static Figure Fans(SweepFigureInput sweep, YearlyTotals totals)
    {
        var plot = Panels.Create(null, "Year", "USD bn per year");
        var years = totals.Years.Select(y => (double)y).ToArray();
        Fan(plot, years, totals.Capex, "Cloud capex", CompanyColors.Vermillion);
        Fan(plot, years, totals.AiRevenue, "End-user AI revenue", CompanyColors.Blue);
        plot.Legend.ManualItems.Add(Draw.FillItem("50% of runs (darker band)", CompanyColors.Grey.WithAlpha(0.8)));
        plot.Legend.ManualItems.Add(Draw.FillItem("90% of runs (lighter band)", CompanyColors.Grey.WithAlpha(0.35)));
        Panels.YearTicks(plot, totals.Years[0], totals.Years[^1]);
        plot.ShowLegend(Alignment.UpperLeft);
        return new Figure("fan_revenue_capex", "AI revenue and cloud capex across runs: median with 50% and 90% bands",
            $"Across {sweep.Runs} runs, the median (line) and the middle 50% and 90% of yearly end-user AI revenue " +
            $"and cloud capex (from {totals.Source}).", sweep.Note, [plot]);
    }

    /// <summary>1, 2 or 5 times a power of ten, the nearest at or above <paramref name="raw"/>.</summary>
    private static double NiceWidth(double raw)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        return new[] { 1.0, 2, 5, 10 }.Select(m => m * power).First(w => w >= raw * 0.999);
    }

    private static void Fan(Plot plot, double[] years, IReadOnlyList<double[]> byYear, string label, Color color)
    {
        var sorted = byYear.Select(v => v.Order().ToArray()).ToArray();
        double[] Q(double q) => sorted.Select(s => Quantiles.Of(s, q)).ToArray();
        var outer = plot.Add.FillY(years, Q(0.05), Q(0.95));
        outer.FillColor = color.WithAlpha(0.18);
        outer.LineWidth = 0;
        var inner = plot.Add.FillY(years, Q(0.25), Q(0.75));
        inner.FillColor = color.WithAlpha(0.4);
        inner.LineWidth = 0;
        var median = Draw.Line(plot, years, Q(0.5), $"{label}, median", color, width: 3);
        median.MarkerSize = 7;
    }

    public static Figure? NpvHistogram(SweepFigureInput sweep)
    {
        var endUsers = sweep.Metric(NpvMetric);
        var npv = endUsers.Length > 0 ? endUsers : sweep.Metric(OwnersNpvMetric);
        if (npv.Length == 0) return null;
        var lens = endUsers.Length > 0 ? "end users' lens" : "owners' lens";
        var plot = Panels.Create(null, $"Cohort 2026-2027 NPV, {lens} (USD bn)", "Runs");
        var (lo, hi) = (npv.Min(), npv.Max());
        if (hi - lo < 1e-9) (lo, hi) = (lo - 1, hi + 1);
        // Bin edges on multiples of the width put zero on an edge, so no bar mixes justified and unjustified runs.
        var width = NiceWidth((hi - lo) / Math.Clamp((int)Math.Ceiling(Math.Sqrt(npv.Length)), 5, 40));
        lo = Math.Floor(lo / width) * width;
        var bins = Math.Max(1, (int)Math.Floor((hi - lo) / width) + 1);
        var counts = new int[bins];
        foreach (var v in npv) counts[Math.Min(bins - 1, (int)((v - lo) / width))]++;
        var bars = Enumerable.Range(0, bins).Select(i =>
        {
            var center = lo + (i + 0.5) * width;
            return new Bar
            {
                Position = center, Value = counts[i], Size = width * 0.95,
                FillColor = center < 0 ? CompanyColors.Vermillion : CompanyColors.Blue, LineWidth = 0,
            };
        }).ToList();
        plot.Add.Bars(bars);
        plot.Add.VerticalLine(0, 2.5f, CompanyColors.Black, LinePattern.Dashed);
        plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = "NPV = 0", LineColor = CompanyColors.Black, LineWidth = 2.5f, LinePattern = LinePattern.Dashed,
        });
        var justified = npv.Count(v => v >= 0);
        plot.Legend.ManualItems.Add(Draw.FillItem($"Not justified, NPV < 0 ({npv.Length - justified} runs)", CompanyColors.Vermillion));
        plot.Legend.ManualItems.Add(Draw.FillItem($"Justified, NPV >= 0 ({justified} runs)", CompanyColors.Blue));
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.Margins(bottom: 0);
        var share = (100.0 * justified / npv.Length).ToString("0", CultureInfo.InvariantCulture);
        return new Figure("npv_histogram", "Distribution of the 2026-2027 capex cohort's NPV across runs",
            $"The cohort NPV of each run ({lens}) at the owners' cost of capital; {share}% of runs lie right of the zero line.",
            sweep.Note, [plot]);
    }
}
