using MarketSim.Analysis.Moments;

namespace MarketSim.Analysis.Sweeps;

public sealed record MetricDelta(string Metric, int Runs, DeltaResult Result);

public sealed record MetricPawn(string Metric, int Runs, PawnResult Result);

public sealed record MetricConvergence(string Metric, IReadOnlyList<SobolConvergenceStep> Steps);

/// <summary>Feature scores of one target: "justified" (classification) or a metric (regression).</summary>
public sealed record FeatureScores(string Target, bool Classification, int Runs, double[] Scores);

public sealed record FocusResults(
    IReadOnlyList<MetricDelta> Delta,
    IReadOnlyList<MetricPawn> Pawn,
    IReadOnlyList<MetricConvergence> Convergence,
    IReadOnlyList<FeatureScores> Features);

/// <summary>
/// The estimators that cost more than a Sobol table, run for a few focus metrics only (by default the headline
/// cohort NPV, else the first varying metric): delta and PAWN on every run with a value (each run is a draw of
/// the inputs and the output, whatever the design), Sobol indices at N/8, N/4, N/2 and N for Saltelli designs, and
/// extra-trees feature scores of those metrics and of the justified flag.
/// </summary>
internal static class FocusAnalysis
{
    /// <summary>
    /// Starts every estimator of every focus metric at once, so they share both cores with each other and with the
    /// Sobol table (<paramref name="sobol"/>, still running: the convergence steps start once it is done, as they
    /// reuse its estimate on all N). Each estimator keeps its own sums in their order, so the results do not depend
    /// on what runs beside it. A bad --focus fails the returned task, not the call.
    /// </summary>
    public static Task<FocusResults> Start(SweepData data, AnalysisSettings settings, IReadOnlyList<int> varying,
        List<string> notes, Func<int, (int[] Rows, double[] Y)?> sobolBlocks, Task<List<MetricSobol>> sobol)
    {
        List<int> metrics;
        try
        {
            metrics = Pick(data, settings, varying);
        }
        catch (AnalysisInputException e)
        {
            return Task.FromException<FocusResults>(e);
        }
        var categorical = data.Manifest.Parameters.Select(p => p.IsCategorical).ToArray();
        var delta = new List<Task<MetricDelta>>();
        var pawn = new List<Task<MetricPawn>>();
        var convergence = new List<Task<MetricConvergence>>();
        var scores = new List<Task<FeatureScores>>();
        var features = new List<Task<FeatureScores>>();
        foreach (var m in metrics)
        {
            var name = data.Metrics[m];
            var runs = Subset(data, Enumerable.Range(0, data.RunIds.Length).Where(r => !double.IsNaN(data.Values[m][r])).ToArray(),
                settings, name, notes);
            if (runs.Length < 10)
            {
                notes.Add($"{name}: {runs.Length} runs with a value; no delta, PAWN or feature scores (they need 10)");
                continue;
            }
            var x = runs.Select(r => data.RowCodes[data.RunRow[r]]).ToArray();
            var y = runs.Select(r => data.Values[m][r]).ToArray();
            delta.Add(Task.Run(() => new MetricDelta(name, runs.Length,
                DeltaMoment.Analyze(x, y, categorical, settings.MomentBootstrap, settings.Seed))));
            pawn.Add(Task.Run(() => new MetricPawn(name, runs.Length,
                Pawn.Analyze(x, y, categorical, resamples: settings.MomentBootstrap, seed: settings.Seed))));
            scores.Add(Task.Run(() => new FeatureScores(name, false, runs.Length,
                ExtraTrees.Importances(x, y, classification: false, new ExtraTreesOptions(settings.Trees, Seed: settings.Seed)))));
            if (sobolBlocks(m) is { } blocks)
                convergence.Add(sobol.ContinueWith(whole => new MetricConvergence(name, SobolConvergence.Analyze(blocks.Y,
                    data.Manifest.SobolFactors.Count, data.Manifest.SecondOrder, settings.Bootstrap, settings.Seed,
                    whole: whole.GetAwaiter().GetResult().FirstOrDefault(r => r.Metric == name)?.Result)), TaskScheduler.Default));
        }
        var justified = data.Metrics.ToList().IndexOf(SweepAnalyzer.VerdictMetric);
        if (justified >= 0)
        {
            var runs = Subset(data, Enumerable.Range(0, data.RunIds.Length).Where(r => !double.IsNaN(data.Values[justified][r])).ToArray(),
                settings, SweepAnalyzer.VerdictMetric, notes);
            var y = runs.Select(r => data.Values[justified][r]).ToArray();
            if (y.Distinct().Count() == 2)
                features.Add(Task.Run(() => new FeatureScores(SweepAnalyzer.VerdictMetric, true, runs.Length, ExtraTrees.Importances(
                    runs.Select(r => data.RowCodes[data.RunRow[r]]).ToArray(), y, classification: true,
                    new ExtraTreesOptions(settings.Trees, Seed: settings.Seed)))));
        }
        Task[] all = [.. delta, .. pawn, .. convergence, .. scores, .. features];
        return Task.WhenAll(all).ContinueWith(_ => new FocusResults([.. delta.Select(Result)], [.. pawn.Select(Result)],
            [.. convergence.Select(Result)], [.. features.Select(Result), .. scores.Select(Result)]), TaskScheduler.Default);
    }

    private static T Result<T>(Task<T> task) => task.GetAwaiter().GetResult();

    /// <summary>
    /// The runs themselves when there are at most FocusRuns of them, else FocusRuns of them drawn without replacement
    /// (seeded by the analysis seed), in run order.
    /// </summary>
    private static int[] Subset(SweepData data, int[] runs, AnalysisSettings settings, string metric, List<string> notes)
    {
        if (runs.Length <= settings.FocusRuns) return runs;
        var shuffled = (int[])runs.Clone();
        new Random(settings.Seed).Shuffle(shuffled);
        var kept = shuffled[..settings.FocusRuns];
        Array.Sort(kept);
        notes.Add($"{metric}: delta, PAWN and feature scores from a random {kept.Length} of its {runs.Length} runs (--focus-runs)");
        return kept;
    }

    private static List<int> Pick(SweepData data, AnalysisSettings settings, IReadOnlyList<int> varying)
    {
        var names = data.Metrics.ToList();
        if (settings.Focus is null)
        {
            var headline = names.IndexOf(AnalysisResult.HeadlineMetric);
            var owners = names.IndexOf(AnalysisResult.OwnersMetric);
            var pick = varying.Contains(headline) ? headline
                : varying.Contains(owners) ? owners
                : varying.FirstOrDefault(m => names[m] != SweepAnalyzer.VerdictMetric, -1);
            return pick >= 0 ? [pick] : [];
        }
        if (settings.Focus is ["all"]) return varying.Where(m => names[m] != SweepAnalyzer.VerdictMetric).ToList();
        var chosen = new List<int>();
        foreach (var name in settings.Focus)
        {
            var m = names.IndexOf(name);
            if (m < 0)
                throw new AnalysisInputException($"--focus: metric '{name}' is not in summary.csv; allowed all or a metric such as {names[0]}");
            if (varying.Contains(m) && !chosen.Contains(m)) chosen.Add(m);
        }
        return chosen;
    }
}
