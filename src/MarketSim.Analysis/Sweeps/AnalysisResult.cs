namespace MarketSim.Analysis.Sweeps;

public sealed record AnalysisSettings(int Bootstrap = 1000, int Seed = 0)
{
    public PrimOptions Prim { get; init; } = new();
    /// <summary>Per target ("*" for every target): the step of box 1 to report instead of the default choice.</summary>
    public IReadOnlyDictionary<string, int> PrimSteps { get; init; } = new Dictionary<string, int>();
    /// <summary>Metrics that also get delta, PAWN, Sobol convergence and feature scores; null: the headline metric.</summary>
    public IReadOnlyList<string>? Focus { get; init; }
    /// <summary>
    /// Bootstrap resamples of delta and PAWN (each resample re-estimates every kernel density); 20 keeps analyze of
    /// a 5,000-run sweep within about two seconds, and is enough for delta's bias correction.
    /// </summary>
    public int MomentBootstrap { get; init; } = 20;
    /// <summary>Extra trees for the feature scores; half the EMA Workbench's 100, for the same reason.</summary>
    public int Trees { get; init; } = 50;
    /// <summary>
    /// Most runs that delta, PAWN and the feature scores read; a larger sweep gives them a seeded random subset. Their
    /// cost grows with the runs (at 81,920 runs they took seven seconds of CPU), while on the headline sweep's 4,608 runs
    /// (all used) their 95% half-widths are already 0.01 to 0.02.
    /// </summary>
    public int FocusRuns { get; init; } = 5000;
}

public enum SensitivityMethod { None, Sobol, Morris }

public sealed record MetricSobol(string Metric, SobolResult Result);

public sealed record MetricMorris(string Metric, MorrisResult Result);

public sealed record VerdictGroup(string Group, int Runs, int Justified, ShareInterval Interval);

/// <summary>PRIM boxes, in the order found, for one target: "not_justified" (justified == 0) or "justified".</summary>
public sealed record DiscoveryTarget(string Target, IReadOnlyList<PrimResult> Boxes);

/// <summary>Everything analyze writes, plus the notes (dropped rows, skipped metrics) it reports on stderr.</summary>
public sealed record AnalysisResult(
    SweepData Data,
    SensitivityMethod Method,
    IReadOnlyList<MetricSobol> Sobol,
    IReadOnlyList<MetricMorris> Morris,
    IReadOnlyList<VerdictGroup> Verdict,
    IReadOnlyList<DiscoveryTarget> Discovery,
    IReadOnlyList<string> Notes)
{
    /// <summary>The end users' lens NPV of the 2026-2027 cohort, behind the verdict.</summary>
    public const string HeadlineMetric = "enduser_cohort_2026_2027_npv_usd_bn";

    /// <summary>The owners' lens NPV, the headline of sweeps made before the end users' lens existed.</summary>
    public const string OwnersMetric = "cohort_2026_2027_npv_usd_bn";

    /// <summary>Delta, PAWN, convergence and feature scores of the focus metrics.</summary>
    public FocusResults Focus { get; init; } = new([], [], [], []);

    /// <summary>A few lines for people: the verdict with its interval and the most influential parameters.</summary>
    public IEnumerable<string> SummaryLines()
    {
        var all = Verdict.FirstOrDefault(v => v.Group == "all");
        if (all is not null)
            yield return $"justified in {all.Justified} of {all.Runs} runs: {Percent(all.Interval.Share)} " +
                $"(95% Wilson interval {Percent(all.Interval.Low)} to {Percent(all.Interval.High)})";
        var keys = Data.Manifest.Parameters.Select(p => p.Key).ToArray();
        if (Sobol.Count > 0)
            keys = [.. Data.Manifest.SobolFactors];
        if (Sobol.Count > 0)
        {
            var pick = Sobol.FirstOrDefault(s => s.Metric == HeadlineMetric) ?? Sobol.FirstOrDefault(s => s.Metric == OwnersMetric) ?? Sobol[0];
            yield return $"top parameters by total Sobol index (ST) for {pick.Metric}: " + Top(keys, pick.Result.ST);
        }
        else if (Morris.Count > 0)
        {
            var pick = Morris.FirstOrDefault(s => s.Metric == HeadlineMetric) ?? Morris.FirstOrDefault(s => s.Metric == OwnersMetric) ?? Morris[0];
            yield return $"top parameters by Morris mu* for {pick.Metric}: " + Top(keys, pick.Result.MuStar);
        }
    }

    private static string Top(string[] keys, double[] score) => string.Join(", ", keys
        .Select((k, j) => (Key: k, Score: score[j]))
        .Where(t => !double.IsNaN(t.Score))
        .OrderByDescending(t => t.Score).ThenBy(t => t.Key, StringComparer.Ordinal)
        .Take(3)
        .Select(t => $"{t.Key} {t.Score.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}"));

    private static string Percent(double share) => double.IsNaN(share)
        ? "n/a"
        : (100 * share).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
