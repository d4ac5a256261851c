namespace MarketSim.Analysis.Sweeps;

/// <summary>The whole of `marketsim analyze DIR` as one call: read, check, estimate, write DIR/analysis.</summary>
public static class SweepAnalysis
{
    public static (AnalysisResult Result, IReadOnlyList<string> Files) Run(string directory, AnalysisSettings settings)
    {
        var data = SweepData.Load(directory);
        var result = SweepAnalyzer.Analyze(data, settings);
        return (result, AnalysisWriter.Write(directory, result));
    }
}
