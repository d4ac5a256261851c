namespace MarketSim.Data.Calibration;

/// <summary>
/// The directory `marketsim calibrate` writes: the results (posterior, generations, fit), the manifest, and the
/// checkpoints a resumed or sharded calibration continues from.
/// </summary>
public static class CalibrationFiles
{
    public const string Posterior = "posterior.csv";
    public const string Generations = "generations.csv";
    public const string Fit = "fit.csv";
    public const string Manifest = "manifest.json";
    public const string Checkpoints = "checkpoints";
    public const string Plots = "plots";

    /// <summary>The tables of a finished calibration (a fresh start removes them first).</summary>
    public static readonly IReadOnlyList<string> Results = [Posterior, Generations, Fit];

    /// <summary>posterior.csv: particle, one column per parameter (in spec order), weight.</summary>
    public static IReadOnlyList<string> PosteriorColumns(IEnumerable<string> keys) => ["particle", .. keys, "weight"];

    public static readonly IReadOnlyList<string> GenerationColumns =
        ["generation", "tolerance", "particles", "simulations", "acceptance_rate", "ess", "median_distance", "total_simulations"];

    public static readonly IReadOnlyList<string> FitColumns =
        ["target", "period", "period_start", "period_end", "observed", "simulated_median", "simulated_p5", "simulated_p95", "holdout"];

    /// <summary>A simulation log: proposal, seed, distance, the parameters, then each target point's simulated value.</summary>
    public static IReadOnlyList<string> SimulationColumns(IEnumerable<string> keys, IEnumerable<string> points) =>
        ["proposal", "seed", "distance", .. keys, .. points];

    /// <summary>A generation's accepted particles: particle, proposal, weight, distance, parameters, simulated values.</summary>
    public static IReadOnlyList<string> PopulationColumns(IEnumerable<string> keys, IEnumerable<string> points) =>
        ["particle", "proposal", "weight", "distance", .. keys, .. points];

    /// <summary>checkpoints/population-003.csv: generation 3's particles, written once the generation is complete.</summary>
    public static string PopulationPath(string dir, int generation) =>
        Path.Combine(dir, Checkpoints, $"population-{generation:D3}.csv");

    /// <summary>
    /// checkpoints/simulations-003.csv, or simulations-003.shard-K-of-N.csv for a shard: generation 3's simulations
    /// as they finish, appended one line each.
    /// </summary>
    public static string SimulationsPath(string dir, int generation, (int Index, int Count)? shard = null) =>
        Path.Combine(dir, Checkpoints, shard is { } s ? $"simulations-{generation:D3}.shard-{s.Index}-of-{s.Count}.csv" : $"simulations-{generation:D3}.csv");

    /// <summary>Every simulation log of a generation: the main one and any shard's.</summary>
    public static IEnumerable<string> SimulationLogs(string dir, int generation)
    {
        var checkpoints = Path.Combine(dir, Checkpoints);
        return Directory.Exists(checkpoints)
            ? Directory.EnumerateFiles(checkpoints, $"simulations-{generation:D3}*.csv").Order(StringComparer.Ordinal)
            : [];
    }
}
