namespace MarketSim.Plots.Input;

/// <summary>A sweep parameter from manifest.json: a continuous range (linear or log) or a list of values.</summary>
public sealed record SweepParameter(string Key, double? Min, double? Max, string Scale, IReadOnlyList<string> Values)
{
    public bool IsContinuous => Min is not null && Max is not null;

    public string Range => IsContinuous
        ? $"{Fmt(Min!.Value)} to {Fmt(Max!.Value)} ({Scale})"
        : string.Join(", ", Values);

    private static string Fmt(double v) => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
}

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
    public required string Name { get; init; }
    public required string Sampler { get; init; }
    public required int Seed { get; init; }
    public required IReadOnlyList<SweepParameter> Parameters { get; init; }
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

    public string Note => $"sweep {Name}, sampler {Sampler}, {Runs} runs, seed {Seed}";

    /// <summary>The values of one summary metric over the runs that have it (NaN dropped), in run_id order.</summary>
    public double[] Metric(string metric) => Summary.OrderBy(r => r.Key)
        .Select(r => r.Value.TryGetValue(metric, out var v) ? v : double.NaN).Where(double.IsFinite).ToArray();
}
