using MarketSim.Analysis.Sweeps;
using MarketSim.Data.Sweeps;

namespace MarketSim.Plots.Input;

/// <summary>Per-run yearly totals from a sweep's timeseries (or its summary's per-year metrics).</summary>
public sealed record YearlyTotals(IReadOnlyList<int> Years, IReadOnlyList<double[]> AiRevenue, IReadOnlyList<double[]> Capex, string Source);

/// <summary>
/// What the sweep figures and the report draw: the sweep as checked for analysis, per-run yearly totals for the fan
/// chart, and the analysis tables when the sweep has been analysed (absent tables are null).
/// </summary>
public sealed class SweepFigureInput
{
    public required SweepData Sweep { get; init; }
    public YearlyTotals? Totals { get; init; }
    public AnalysisTables Analysis { get; init; } = new();

    public SweepManifest Manifest => Sweep.Manifest;
    public IReadOnlyList<SweepParameter> Parameters => Manifest.Parameters;
    public IReadOnlyList<SobolRow>? Sobol => Analysis.Sobol;
    public IReadOnlyList<MorrisRow>? Morris => Analysis.Morris;
    public IReadOnlyList<VerdictRow>? Verdict => Analysis.Verdict;
    public IReadOnlyList<DiscoveryRow>? Prim => Analysis.Discovery;
    public IReadOnlyList<DeltaRow>? Delta => Analysis.Delta;
    public IReadOnlyList<PawnRow>? Pawn => Analysis.Pawn;
    public IReadOnlyList<SobolConvergenceRow>? Convergence => Analysis.SobolConvergence;
    public IReadOnlyList<FeatureScoreRow>? FeatureScores => Analysis.FeatureScores;

    /// <summary>Runs with a summary (failed runs have none).</summary>
    public int Runs => Enumerable.Range(0, Sweep.RunIds.Length).Count(r => Sweep.Values.Any(v => !double.IsNaN(v[r])));

    public string Note => $"sweep {Manifest.Name}, sampler {Manifest.Sampler}, {Runs} runs" + (Manifest.Seed is { } seed ? $", seed {seed}" : "");

    /// <summary>The finite values of one summary metric over the runs, in run order.</summary>
    public double[] Metric(string metric) => Sweep.Finite(metric);

    /// <summary>A sweep directory: manifest, design, summary, runs, and timeseries.csv and analysis/ when present.</summary>
    public static SweepFigureInput Load(string dir)
    {
        if (!Directory.Exists(dir)) throw new PlotInputException($"{dir}: directory not found");
        var sweep = SweepData.From(SweepTables.Read(dir));
        return new SweepFigureInput
        {
            Sweep = sweep,
            Totals = SweepTables.HasTimeseries(dir, sweep.Manifest)
                ? SweepTotals.FromTimeseries(SweepTables.StreamTimeseries(dir, sweep.Manifest))
                : SweepTotals.FromSummary(sweep),
            Analysis = AnalysisTables.Read(dir),
        };
    }

    /// <summary>A sweep held in memory, with its analysis when there is one.</summary>
    public static SweepFigureInput From(SweepTables tables, AnalysisResult? analysis = null)
    {
        var sweep = analysis?.Data ?? SweepData.From(tables);
        return new SweepFigureInput
        {
            Sweep = sweep,
            Totals = tables.Timeseries is { } timeseries ? SweepTotals.FromTimeseries(timeseries) : SweepTotals.FromSummary(sweep),
            Analysis = analysis is null ? new AnalysisTables() : AnalysisWriter.Tables(analysis),
        };
    }
}
