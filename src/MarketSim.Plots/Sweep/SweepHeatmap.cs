using SweepParameter = MarketSim.Data.Sweeps.SweepParameter;
using System.Globalization;
using MarketSim.Plots.Input;
using MarketSim.Plots.Rendering;
using ScottPlot;

namespace MarketSim.Plots.Sweep;

/// <summary>The share of justified runs over a grid of two parameters.</summary>
public static class SweepHeatmap
{
    /// <summary>The two parameters shown by default: the continuous ones with the largest total Sobol index for the
    /// cohort NPV, else the first two parameters of the sweep.</summary>
    public static (string, string)? DefaultKeys(SweepFigureInput sweep)
    {
        var continuous = sweep.Parameters.Where(p => !p.IsCategorical).Select(p => p.Key).ToHashSet();
        var sobol = sweep.Sobol ?? [];
        var metric = sobol.Any(s => s.Metric == SweepFigures.NpvMetric) ? SweepFigures.NpvMetric : SweepFigures.OwnersNpvMetric;
        var ranked = sobol.Where(s => s.Metric == metric && continuous.Contains(s.Parameter))
            .OrderByDescending(s => s.ST).ThenBy(s => s.Parameter, StringComparer.Ordinal).Select(s => s.Parameter)
            .Distinct().ToList();
        if (ranked.Count >= 2) return (ranked[0], ranked[1]);
        return sweep.Parameters.Count >= 2 ? (sweep.Parameters[0].Key, sweep.Parameters[1].Key) : null;
    }

    public static Figure? Build(SweepFigureInput sweep, (string X, string Y)? keys)
    {
        if (keys is { } k)
        {
            foreach (var key in new[] { k.X, k.Y })
            {
                if (sweep.Parameters.All(p => p.Key != key))
                {
                    throw new PlotInputException($"--heatmap: unknown parameter '{key}'; allowed: " +
                        string.Join(", ", sweep.Parameters.Select(p => p.Key)));
                }
            }
            if (k.X == k.Y) throw new PlotInputException($"--heatmap: needs two different parameters, got '{k.X}' twice");
        }
        if ((keys ?? DefaultKeys(sweep)) is not { } chosen) return null;
        var px = sweep.Parameters.First(p => p.Key == chosen.Item1);
        var py = sweep.Parameters.First(p => p.Key == chosen.Item2);
        // Runs without a verdict (no cohort in the run) count neither way.
        var data = sweep.Sweep;
        var verdict = data.Metrics.ToList().IndexOf("justified");
        var runs = verdict < 0 ? [] : Enumerable.Range(0, data.RunIds.Length).Where(r => !double.IsNaN(data.Values[verdict][r])).ToList();
        if (runs.Count == 0) return null;
        var (jx, jy) = (IndexOf(sweep, px), IndexOf(sweep, py));
        var nBins = Math.Clamp((int)Math.Round(Math.Sqrt(runs.Count / 5.0)), 3, 10);
        var bx = new Binning(px, nBins);
        var by = new Binning(py, nBins);
        var justified = new double[by.Count, bx.Count];
        var count = new int[by.Count, bx.Count];
        foreach (var run in runs)
        {
            var row = data.RunRow[run];
            var (i, j) = (bx.Index(data.RowCodes[row][jx], data.RowValueIndex[row][jx]),
                by.Index(data.RowCodes[row][jy], data.RowValueIndex[row][jy]));
            count[j, i]++;
            justified[j, i] += data.Values[verdict][run] >= 0.5 ? 1 : 0;
        }
        // Heatmap rows run top to bottom; flip so the y parameter grows upwards like the axis.
        var share = new double[by.Count, bx.Count];
        for (var j = 0; j < by.Count; j++)
            for (var i = 0; i < bx.Count; i++)
                share[by.Count - 1 - j, i] = count[j, i] == 0 ? double.NaN : justified[j, i] / count[j, i];
        var plot = Panels.Create(null, Label(px), Label(py));
        var heatmap = plot.Add.Heatmap(share);
        heatmap.Rectangle = new CoordinateRect(0, bx.Count, 0, by.Count);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        heatmap.NaNCellColor = Colors.White;
        for (var j = 0; j < by.Count; j++)
            for (var i = 0; i < bx.Count; i++)
            {
                if (count[j, i] == 0) continue;
                var s = justified[j, i] / count[j, i];
                var text = plot.Add.Text($"{s * 100:0}%\nn={count[j, i]}", i + 0.5, j + 0.5);
                text.LabelFontSize = 14;
                text.LabelFontName = EmbeddedFonts.Family;
                text.LabelFontColor = s < 0.6 ? Colors.White : Colors.Black;
                text.LabelAlignment = Alignment.MiddleCenter;
            }
        var bar = plot.Add.ColorBar(heatmap);
        bar.Axis.TickLabelStyle.FontSize = Panels.TickSize;
        bar.Axis.TickLabelStyle.FontName = EmbeddedFonts.Family;
        plot.Axes.Bottom.TickGenerator = bx.Ticks();
        plot.Axes.Left.TickGenerator = by.Ticks();
        plot.Axes.SetLimits(0, bx.Count, 0, by.Count);
        return new Figure("justified_heatmap", $"Share of justified runs (colour, 0 to 1) by {px.Key} and {py.Key}",
            $"Each cell is the share of runs whose 2026-2027 cohort NPV is non-negative, for runs with {px.Key} and " +
            $"{py.Key} in that cell (n = runs in the cell).", sweep.Note, [plot]);
    }

    private static int IndexOf(SweepFigureInput sweep, SweepParameter p) => sweep.Parameters.ToList().IndexOf(p);

    private static string Label(SweepParameter p) => p.Log ? $"{p.Key} (log-spaced bins)" : p.Key;

    /// <summary>Equal-width bins in the parameter's own scale (log-spaced for log parameters); one bin per value
    /// for a list parameter.</summary>
    private sealed class Binning(SweepParameter p, int bins)
    {
        public int Count => !p.IsCategorical ? bins : p.Values!.Count;

        /// <summary>The bin of a run's value (continuous) or value index (categorical).</summary>
        public int Index(double value, int valueIndex)
        {
            if (p.IsCategorical) return valueIndex;
            var u = (Unit(value) - Unit(p.Min)) / (Unit(p.Max) - Unit(p.Min));
            return double.IsFinite(u) ? Math.Clamp((int)Math.Floor(u * bins), 0, bins - 1) : 0;
        }

        public ScottPlot.TickGenerators.NumericManual Ticks()
        {
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            if (p.IsCategorical)
            {
                for (var i = 0; i < p.Values!.Count; i++) ticks.AddMajor(i + 0.5, p.Values[i]);
                return ticks;
            }
            var (a, b) = (Unit(p.Min), Unit(p.Max));
            for (var i = 0; i <= bins; i++)
            {
                var edge = Inverse(a + (b - a) * i / bins);
                ticks.AddMajor(i, edge.ToString("G3", CultureInfo.InvariantCulture));
            }
            return ticks;
        }

        private double Unit(double v) => p.Log ? Math.Log(v) : v;

        private double Inverse(double u) => p.Log ? Math.Exp(u) : u;
    }
}
