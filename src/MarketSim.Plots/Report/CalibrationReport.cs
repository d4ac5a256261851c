using System.Globalization;
using MarketSim.Data.Calibration;
using MarketSim.Data.Csv;
using MarketSim.Plots.Calibration;
using MarketSim.Plots.Rendering;

namespace MarketSim.Plots.Report;

/// <summary>
/// DIR/report.html of a calibration: how far it got, each parameter's posterior against its prior, the fit figures
/// and the fit point by point, with whether the posterior's 5-95% band covers each observed value.
/// </summary>
public static class CalibrationReport
{
    /// <summary>Redraws the calibration's figures into DIR/plots, writes DIR/report.html and returns its path.</summary>
    public static string Write(string dir, CalibrationPlotInput input)
    {
        var rendered = CalibrationFigures.Render(dir, input);
        var (posterior, fit) = CalibrationFigures.Read(dir, input);
        var generations = CsvTable.Read<GenerationRow>(Path.Combine(dir, CalibrationFiles.Generations), CalibrationFiles.GenerationColumns);
        var html = ToHtml(input, posterior, generations, fit, rendered);
        FigureFiles.Write(rendered, dir);
        return FigureFiles.Write(Path.Combine(dir, "report.html"), System.Text.Encoding.UTF8.GetBytes(html));
    }

    public static string ToHtml(CalibrationPlotInput input, IReadOnlyList<PosteriorRow> posterior, IReadOnlyList<GenerationRow> generations,
        IReadOnlyList<FitRow> fit, IReadOnlyList<RenderedFigure> figures)
    {
        if (generations.Count == 0) throw new PlotInputException($"calibration {input.Name}: generations.csv has no complete generation");
        var last = generations[^1];
        var fitted = fit.Where(f => !f.Holdout).ToList();
        var holdout = fit.Where(f => f.Holdout).ToList();
        string Covered(IReadOnlyList<FitRow> rows) => $"{rows.Count(Covers)} of {rows.Count}";
        var html = new Html().H1($"MarketSim calibration: {input.Name}, seed {input.Seed}").P(
            $"{generations.Count} complete generations of ABC-SMC over {last.TotalSimulations:N0} simulations; the posterior is generation " +
            $"{last.Generation} (tolerance {Tolerance(last.Tolerance)}, effective sample size {Html.Number(last.Ess)} " +
            $"of {last.Particles}). The posterior's 5-95% band covers {Covered(fitted)} fitted target points" +
            (holdout.Count > 0 ? $" and {Covered(holdout)} held-out points." : "."), "answer");

        html.H2("Parameters").Table(["Parameter", "Prior range", "Posterior weighted median", "5th percentile", "95th percentile"],
            input.Priors.Select((prior, i) =>
            {
                var values = posterior.Select(p => p.Parameters[i]).ToArray();
                var weights = posterior.Select(p => p.Weight).ToArray();
                string Q(double alpha) => Html.Number(WeightedQuantile.Of(values, weights, alpha), "G3");
                return (IReadOnlyList<string>)[prior.Key, $"{Html.Number(prior.Min, "G3")} to {Html.Number(prior.Max, "G3")}{(prior.Log ? " (log)" : "")}",
                    Q(0.5), Q(0.05), Q(0.95)];
            }));
        html.H2("Generations").Table(["Generation", "Tolerance", "Acceptance", "ESS", "Median distance", "Simulations so far"],
            generations.Select(g => (IReadOnlyList<string>)[g.Generation.ToString(CultureInfo.InvariantCulture),
                Tolerance(g.Tolerance), Html.Percent(g.AcceptanceRate, "0"), Html.Number(g.Ess),
                Html.Number(g.MedianDistance, "G4"), g.TotalSimulations.ToString("N0", CultureInfo.InvariantCulture)]));
        html.H2("Figures");
        foreach (var f in figures) html.Figure(f.Figure.Title, f.Figure.Caption, f.Png);
        html.H2("Fit").Table(["Target", "Period", "Observed", "Posterior median", "5th percentile", "95th percentile", "In the band"],
            fit.Select(f => (IReadOnlyList<string>)[f.Holdout ? f.Target + " (holdout)" : f.Target, f.Period,
                Html.Number(f.Observed, "G4"), Html.Number(f.Median, "G4"), Html.Number(f.P5, "G4"),
                Html.Number(f.P95, "G4"), Covers(f) ? "yes" : "no"]));
        return html.Page($"MarketSim calibration report: {input.Name}");
    }

    // Generation 0 accepts every prior draw: it has no tolerance.
    private static string Tolerance(double t) => double.IsPositiveInfinity(t) ? "none (prior draws)" : Html.Number(t, "G4");

    private static bool Covers(FitRow f) => f.P5 <= f.Observed && f.Observed <= f.P95;
}
