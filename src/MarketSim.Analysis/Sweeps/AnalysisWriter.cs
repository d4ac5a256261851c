using MarketSim.Data.Sweeps;

namespace MarketSim.Analysis.Sweeps;

/// <summary>An analysis as the tables of DIR/analysis (the format is MarketSim.Data's), and writing them.</summary>
public static class AnalysisWriter
{
    public const string DirectoryName = SweepFiles.AnalysisDirectory;

    /// <summary>Writes DIR/analysis as a whole and returns the file names in writing order.</summary>
    public static IReadOnlyList<string> Write(string sweepDirectory, AnalysisResult result) =>
        Tables(result).WriteTo(sweepDirectory);

    public static AnalysisTables Tables(AnalysisResult result)
    {
        var keys = result.Data.Manifest.Parameters.Select(p => p.Key).ToArray();
        var sobol = result.Method == SensitivityMethod.Sobol;
        return new AnalysisTables(
            sobol ? [.. result.Sobol.SelectMany(s => keys.Select((k, j) => new SobolRow(s.Metric, k,
                s.Result.S1[j], s.Result.S1Conf[j], s.Result.ST[j], s.Result.STConf[j])))] : null,
            sobol && result.Data.Manifest.SecondOrder ? [.. result.Sobol.SelectMany(s => Pairs(keys.Length).Select(p =>
                new SobolPairRow(s.Metric, keys[p.J], keys[p.K], s.Result.S2![p.J][p.K], s.Result.S2Conf![p.J][p.K])))] : null,
            result.Method == SensitivityMethod.Morris ? [.. result.Morris.SelectMany(m => keys.Select((k, j) => new MorrisRow(
                m.Metric, k, m.Result.Mu[j], m.Result.MuStar[j], m.Result.Sigma[j], m.Result.MuStarConf[j])))] : null,
            result.Verdict.Count > 0 ? [.. result.Verdict.Select(v => new VerdictRow(v.Group, v.Runs, v.Justified,
                v.Interval.Share, v.Interval.Low, v.Interval.High))] : null,
            result.Discovery.Count > 0 ? [.. result.Discovery.SelectMany(d => DiscoveryRows(d, keys))] : null);
    }

    /// <summary>One row per restricted parameter per peeling step; a step restricting nothing gets one empty row.</summary>
    private static IEnumerable<DiscoveryRow> DiscoveryRows(DiscoveryTarget d, string[] keys)
    {
        foreach (var step in d.Result.Steps)
        {
            var row = new DiscoveryRow(d.Target, 1, step.Step, step.Step == d.Result.Selected, step.Coverage, step.Density,
                step.Mass, "", null, null);
            var restricted = Enumerable.Range(0, keys.Length).Where(j => d.Result.IsRestricted(step, j)).ToArray();
            if (restricted.Length == 0) yield return row;
            foreach (var j in restricted) yield return row with { Parameter = keys[j], Low = step.Low[j], High = step.High[j] };
        }
    }

    private static IEnumerable<(int J, int K)> Pairs(int d) =>
        Enumerable.Range(0, d).SelectMany(j => Enumerable.Range(j + 1, d - j - 1).Select(k => (j, k)));
}
