using MarketSim.Data.Sweeps;

namespace MarketSim.Plots.Input;

public sealed record SobolRow(string Metric, string Parameter, double S1, double S1Conf, double ST, double STConf);

public sealed record MorrisRow(string Metric, string Parameter, double Mu, double MuStar, double Sigma, double MuStarConf);

public sealed record VerdictRow(string Group, int Runs, int Justified, double Share, double CiLow, double CiHigh);

public sealed record PrimRow(string Target, string Box, int Step, bool Selected, double Coverage, double Density,
    double Mass, string Parameter, string Low, string High);

/// <summary>Per-run yearly totals from a sweep's timeseries.csv (or its summary's per-year metrics).</summary>
public sealed record YearlyTotals(IReadOnlyList<int> Years, IReadOnlyList<double[]> AiRevenue, IReadOnlyList<double[]> Capex, string Source);

/// <summary>Everything the sweep figures and the report read from a sweep directory; absent optional files are null.</summary>
public sealed class SweepData
{
    public required SweepManifest Manifest { get; init; }
    public IReadOnlyList<SweepParameter> Parameters => Manifest.Parameters;
    /// <summary>run_id -> parameter key -> value as written in design.csv.</summary>
    public required IReadOnlyDictionary<int, IReadOnlyDictionary<string, string>> Design { get; init; }
    /// <summary>run_id -> metric -> value, for runs that produced a summary.</summary>
    public required IReadOnlyDictionary<int, IReadOnlyDictionary<string, double>> Summary { get; init; }
    public YearlyTotals? Totals { get; init; }
    public IReadOnlyList<SobolRow>? Sobol { get; init; }
    public IReadOnlyList<MorrisRow>? Morris { get; init; }
    public IReadOnlyList<VerdictRow>? Verdict { get; init; }
    public IReadOnlyList<PrimRow>? Prim { get; init; }

    public int Runs => Summary.Count;

    public string Note => $"sweep {Manifest.Name}, sampler {Manifest.Sampler}, {Runs} runs" + (Manifest.Seed is { } seed ? $", seed {seed}" : "");

    /// <summary>The values of one summary metric over the runs that have it (NaN dropped), in run_id order.</summary>
    public double[] Metric(string metric) => Summary.OrderBy(r => r.Key)
        .Select(r => r.Value.TryGetValue(metric, out var v) ? v : double.NaN).Where(double.IsFinite).ToArray();
}
