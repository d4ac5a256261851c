using MarketSim.Analysis;
using MarketSim.Data.Sweeps;
using MarketSim.Plots.Input;
using MarketSim.Plots.Rendering;
using MarketSim.Plots.Run;
using MarketSim.Plots.Sweep;

namespace MarketSim.Plots.Report;

/// <summary>DIR/report.html: the answer in one sentence, the key numbers, the figures with captions, the parameters.
/// Self-contained (figures as data URIs, inline CSS) so it opens offline and survives being mailed around.</summary>
public static class ReportWriter
{
    /// <summary>Draws the figures of a run or sweep directory into DIR/plots, writes DIR/report.html and returns its
    /// path. Skipped sweep figures are named on <paramref name="log"/>.</summary>
    public static string Write(string dir, (string, string)? heatmapKeys = null, TextWriter? log = null) =>
        OutputDirectory.Detect(dir) == DirectoryKind.Sweep
            ? Write(dir, SweepFigureInput.Load(dir), heatmapKeys, log)
            : Write(dir, RunData.Load(dir));

    /// <summary>
    /// The same for a run in memory (<c>marketsim run</c> draws from the result it has just computed, not from the
    /// files it wrote): DIR/plots and DIR/report.html, byte for byte what reading DIR back would give.
    /// </summary>
    public static string Write(string dir, RunData run)
    {
        if (run.Summary.Count == 0) throw new PlotInputException($"{Path.Combine(dir, Data.Runs.RunFiles.Summary)}: file not found or empty");
        var rendered = FigureFiles.Render(RunFigures.Build(run));
        var html = RunHtml(run, rendered);
        FigureFiles.Write(rendered, dir);
        return WriteHtml(dir, html);
    }

    /// <summary>The same for a sweep in memory or read from its directory.</summary>
    public static string Write(string dir, SweepFigureInput sweep, (string, string)? heatmapKeys = null, TextWriter? log = null)
    {
        var (figures, skipped) = SweepFigures.Build(sweep, heatmapKeys);
        foreach (var s in skipped) log?.WriteLine($"skipped {s.Name}: {s.Reason}");
        var rendered = FigureFiles.Render(figures);
        var html = SweepHtml(sweep, rendered, skipped);
        FigureFiles.Write(rendered, dir);
        return WriteHtml(dir, html);
    }

    private static string WriteHtml(string dir, string html) =>
        FigureFiles.Write(Path.Combine(dir, "report.html"), System.Text.Encoding.UTF8.GetBytes(html));

    /// <summary>The run report as a string, for notebooks that hold a <see cref="RunData"/> in memory.</summary>
    public static string RunHtml(RunData run, IReadOnlyList<RenderedFigure> figures)
    {
        var html = new Html().H1($"MarketSim run: scenario {run.ScenarioName}, seed {run.Seed}").P(RunAnswer(run.Summary), "answer");
        html.H2("Key numbers").Table(["Metric", "Value"], KeyNumbers.Rows.Concat(KeyNumbers.VerdictRows).Select(r =>
            (IReadOnlyList<string>)[r.Label, run.Summary.TryGetValue(r.Metric, out var v) ? r.Format(v) : "n/a"]));
        html.P(KeyNumbers.LensesExplained, "muted");
        Figures(html, figures);
        html.H2("Scenario parameters");
        if (run.Scenario is { } scenario) html.Table(["Parameter", "Value"], KeyNumbers.Flatten(scenario));
        else html.P("The resolved scenario is not available.", "muted");
        return html.Page($"MarketSim run report: {run.ScenarioName}, seed {run.Seed}");
    }

    /// <summary>
    /// The run's answer: the verdict on the end users' lens with the owners' lens beside it, or why there is none.
    /// Summaries written before the two lenses existed are answered on the owners' NPV they hold.
    /// </summary>
    private static string RunAnswer(IReadOnlyDictionary<string, double> summary)
    {
        double Get(string metric) => summary.GetValueOrDefault(metric, double.NaN);
        var context = $"against {Html.Usd(Get("ai_revenue_2026_2027_usd_bn"))} of end-user AI revenue and " +
            $"{Html.Usd(Get("capex_2026_2027_usd_bn"))} of capex in 2026-2027.";
        var owners = Get("cohort_2026_2027_npv_usd_bn");
        if (!summary.ContainsKey("enduser_cohort_2026_2027_npv_usd_bn"))
        {
            var justified = summary.TryGetValue("justified", out var j) ? j >= 0.5 : owners >= 0;
            return $"In this run the 2026-2027 capex cohort is {(justified ? "justified" : "not justified")}: its NPV is " +
                $"{Html.Usd(owners)} at the owners' cost of capital (IRR {Html.Percent(Get("cohort_2026_2027_irr"))}), {context}";
        }
        var verdict = Get("justified");
        if (double.IsNaN(verdict))
            return "This run has no verdict: it does not hold the whole 2026-2027 cohort (it starts after January 2026 " +
                $"or ends before 2028), {context}";
        return $"In this run the 2026-2027 capex cohort is {KeyNumbers.Verdict(verdict)}: what end users pay for AI gives it " +
            $"an NPV of {Html.Usd(Get("enduser_cohort_2026_2027_npv_usd_bn"))} at its owners' cost of capital; its owners, " +
            $"paid also with {Html.Usd(Get("investor_subsidy_2026_2027_usd_bn"))} of investors' and parents' money, see " +
            $"{Html.Usd(owners)} (IRR {Html.Percent(Get("cohort_2026_2027_irr"))}), {context}";
    }

    /// <summary>The sweep report as a string.</summary>
    public static string SweepHtml(SweepFigureInput sweep, IReadOnlyList<RenderedFigure> figures, IReadOnlyList<SkippedFigure> skipped)
    {
        var html = new Html().H1($"MarketSim sweep: {sweep.Manifest.Name}").P(SweepAnswer(sweep), "answer");
        html.H2("Key numbers across runs").Table(["Metric", "Median", "5th percentile", "95th percentile", "Runs"],
            KeyNumbers.Rows.Select(r =>
            {
                var values = sweep.Metric(r.Metric).Order().ToArray();
                return (IReadOnlyList<string>)(values.Length == 0
                    ? [r.Label, "n/a", "n/a", "n/a", "0"]
                    : [r.Label, r.Format(Quantiles.Of(values, 0.5)), r.Format(Quantiles.Of(values, 0.05)),
                        r.Format(Quantiles.Of(values, 0.95)), values.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }));
        Figures(html, figures);
        foreach (var s in skipped) html.P($"Not drawn: {s.Name} ({s.Reason}).", "muted");
        AnalysisSections.Add(html, sweep);
        html.H2("Parameters").Table(["Parameter", "Range or values"], sweep.Parameters.Select(p =>
            (IReadOnlyList<string>)[p.Key, p.Range]));
        return html.Page($"MarketSim sweep report: {sweep.Manifest.Name}");
    }

    /// <summary>The verdict share with its Wilson interval: analysis/verdict.csv's, or from the summary when the sweep
    /// has not been analysed.</summary>
    private static string SweepAnswer(SweepFigureInput sweep)
    {
        var written = sweep.Verdict?.Where(v => v.Group == "all").Concat(sweep.Verdict).Select(v => (VerdictRow?)v).FirstOrDefault();
        var (runs, interval) = written is { } v
            ? (v.Runs, new ShareInterval(v.Share, v.CiLow, v.CiHigh))
            : FromSummary(sweep.Metric("justified")); // runs without a verdict are left out
        var owners = sweep.Metric("justified_owners");
        var ownersShare = owners.Length == 0 ? ""
            : $"On the owners' lens {Html.Percent(owners.Count(f => f >= 0.5) / (double)owners.Length, "0")} of {owners.Length} runs are. ";
        return $"{Html.Percent(interval.Share, "0")} of {runs} runs (95% CI {Html.Percent(interval.Low, "0")}-" +
            $"{Html.Percent(interval.High, "0")}) are justified: what end users pay for AI gives their 2026-2027 capex " +
            "cohort a non-negative NPV at its owners' cost of capital. " + ownersShare + KeyNumbers.LensesExplained;
    }

    private static (int, ShareInterval) FromSummary(double[] flags) =>
        (flags.Length, WilsonInterval.Compute(flags.Count(f => f >= 0.5), flags.Length));

    private static void Figures(Html html, IReadOnlyList<RenderedFigure> figures)
    {
        html.H2("Figures");
        foreach (var f in figures) html.Figure(f.Figure.Title, f.Figure.Caption, f.Png);
    }
}
