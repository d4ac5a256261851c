using MarketSim.Data;
using MarketSim.Data.Sweeps;

namespace MarketSim.Analysis.Sweeps;

/// <summary>
/// The whole of `marketsim analyze DIR` as one call (read, check, estimate, write DIR/analysis), and the same
/// estimates for a sweep held in memory, with no file read or written.
/// </summary>
public static class SweepAnalysis
{
    public static (AnalysisResult Result, IReadOnlyList<string> Files) Run(string directory, AnalysisSettings settings)
    {
        // One writer at a time: a sweep still writing the tables, or another analyze, is refused.
        using var writer = Directory.Exists(directory) ? DirectoryLock.Acquire(directory, "analyze") : null;
        var data = SweepData.Load(directory);
        AtomicFiles.RemoveLeftovers(Path.Combine(directory, AnalysisWriter.DirectoryName));
        var result = SweepAnalyzer.Analyze(data, settings);
        return (result, AnalysisWriter.Write(directory, result));
    }

    /// <summary>Sobol or Morris indices, the verdict and PRIM boxes of a sweep's tables in memory.</summary>
    public static AnalysisResult Analyze(this SweepTables sweep, AnalysisSettings? settings = null) =>
        SweepAnalyzer.Analyze(SweepData.From(sweep), settings ?? new AnalysisSettings());
}
