using System.Globalization;
using MarketSim.Data.Calibration;
using MarketSim.Data.Csv;
using MarketSim.Plots.Rendering;
using ScottPlot;

namespace MarketSim.Plots.Calibration;

/// <summary>A calibrated parameter as drawn: its prior density and whether its prior is log-uniform (drawn on log10).</summary>
public sealed record PlottedPrior(string Key, Func<double, double> Density, double Min, double Max, bool Log);

/// <summary>What the calibration figures need beside the tables: the name and the priors.</summary>
public sealed record CalibrationPlotInput(string Name, int Seed, IReadOnlyList<PlottedPrior> Priors);

/// <summary>
/// The figures of a calibration directory: each parameter's posterior (weighted histogram) over its prior, and each
/// target's observed values against the posterior's median and 90% band.
/// </summary>
public static class CalibrationFigures
{
    private const int PanelHeight = 260;

    public static IReadOnlyList<string> Write(string dir, CalibrationPlotInput input) => FigureFiles.Write(Render(dir, input), dir);

    /// <summary>Both figures of a calibration directory, rendered a panel's height per parameter or target.</summary>
    public static IReadOnlyList<RenderedFigure> Render(string dir, CalibrationPlotInput input)
    {
        var (posterior, fit) = Read(dir, input);
        return [.. new[] { Marginals(input, posterior), Fit(input, fit) }.Select(figure =>
        {
            var height = 100 + PanelHeight * figure.Panels.Count;
            return new RenderedFigure(figure, figure.ToPng(Figure.DefaultWidth, height), figure.ToSvg(Figure.DefaultWidth, height));
        })];
    }

    /// <summary>posterior.csv and fit.csv of a calibration directory.</summary>
    public static (IReadOnlyList<PosteriorRow> Posterior, IReadOnlyList<FitRow> Fit) Read(string dir, CalibrationPlotInput input) =>
        (CsvTable.Read<PosteriorRow>(Path.Combine(dir, CalibrationFiles.Posterior), CalibrationFiles.PosteriorColumns(input.Priors.Select(p => p.Key))),
         CsvTable.Read<FitRow>(Path.Combine(dir, CalibrationFiles.Fit), CalibrationFiles.FitColumns));

    public static Figure Marginals(CalibrationPlotInput input, IReadOnlyList<PosteriorRow> posterior)
    {
        var panels = new List<Plot>();
        for (var i = 0; i < input.Priors.Count; i++)
        {
            var prior = input.Priors[i];
            var (lo, hi) = prior.Log ? (Math.Log10(prior.Min), Math.Log10(prior.Max)) : (prior.Min, prior.Max);
            var plot = Panels.Create(null, prior.Log ? $"{prior.Key} (log10)" : prior.Key, "density");
            const int bins = 24;
            var width = (hi - lo) / bins;
            var mass = new double[bins];
            foreach (var row in posterior)
            {
                var x = prior.Log ? Math.Log10(row.Parameters[i]) : row.Parameters[i];
                mass[Math.Clamp((int)((x - lo) / width), 0, bins - 1)] += row.Weight;
            }
            var total = mass.Sum();
            plot.Add.Bars(Enumerable.Range(0, bins).Select(b => new Bar
            {
                Position = lo + (b + 0.5) * width, Value = mass[b] / total / width, Size = width * 0.95,
                FillColor = Color.FromHex("#4C72B0"), LineWidth = 0,
            }).ToList());
            var xs = Enumerable.Range(0, 201).Select(k => lo + (hi - lo) * k / 200).ToArray();
            // A log-uniform prior is flat on log10: density of u = log10 x is pdf(x) x ln 10.
            var ys = xs.Select(u => prior.Log ? prior.Density(Math.Pow(10, u)) * Math.Pow(10, u) * Math.Log(10) : prior.Density(u)).ToArray();
            Draw.Line(plot, xs, ys, i == 0 ? "prior" : "", CompanyColors.Black, LinePattern.Dashed, 2.5f);
            plot.Axes.SetLimitsX(lo, hi);
            plot.Axes.SetLimitsY(0, Math.Max(ys.Max(), mass.Max() / total / width) * 1.1);
            panels.Add(plot);
        }
        return new Figure("posterior_marginals", $"Posterior of {input.Name} over its priors",
            "Each calibrated parameter: the posterior's weighted histogram (bars) over its prior (dashed).",
            Note(input), panels);
    }

    public static Figure Fit(CalibrationPlotInput input, IReadOnlyList<FitRow> fit)
    {
        var panels = new List<Plot>();
        foreach (var (target, holdout) in fit.Select(f => (f.Target, f.Holdout)).Distinct())
        {
            var rows = fit.Where(f => f.Target == target && f.Holdout == holdout).OrderBy(f => f.PeriodStart, StringComparer.Ordinal).ToList();
            var xs = rows.Select(r => (Year(r.PeriodStart) + Year(r.PeriodEnd) + 1 / 12.0) / 2).ToArray();
            var plot = Panels.Create(holdout ? $"{target} (holdout, not fitted)" : target, "", "observed unit");
            Panels.YearTicks(plot, (int)Math.Floor(xs.Min()), (int)Math.Ceiling(xs.Max()));
            var band = plot.Add.FillY(xs, rows.Select(r => r.P5).ToArray(), rows.Select(r => r.P95).ToArray());
            band.FillColor = Color.FromHex("#4C72B0").WithAlpha(0.3);
            band.LineWidth = 0;
            band.LegendText = "posterior 5-95%";
            var median = Draw.Line(plot, xs, rows.Select(r => r.Median).ToArray(), "posterior median", Color.FromHex("#4C72B0"));
            median.MarkerSize = 0;
            var observed = plot.Add.ScatterPoints(xs, rows.Select(r => r.Observed).ToArray(), CompanyColors.Black);
            observed.MarkerSize = 9;
            observed.LegendText = "observed";
            plot.ShowLegend(Edge.Right);
            panels.Add(plot);
        }
        return new Figure("fit_targets", $"{input.Name}: targets against the posterior",
            "Each target's observed values (points) against the posterior's median and 5-95% band.", Note(input), panels);
    }

    private static double Year(string month) =>
        int.Parse(month[..4], CultureInfo.InvariantCulture) + (int.Parse(month[5..], CultureInfo.InvariantCulture) - 1) / 12.0;

    private static string Note(CalibrationPlotInput input) => $"calibration {input.Name}, seed {input.Seed}";
}
