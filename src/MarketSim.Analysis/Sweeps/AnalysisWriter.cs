using MarketSim.Data;

namespace MarketSim.Analysis.Sweeps;

/// <summary>
/// Writes DIR/analysis as a whole: files go to a sibling analysis.tmp-* directory that replaces the old one only
/// when complete, so an interrupted or failed analysis never leaves a mix of old and new files.
/// </summary>
public static class AnalysisWriter
{
    public const string DirectoryName = "analysis";

    /// <summary>Writes the files and returns their names in writing order.</summary>
    public static IReadOnlyList<string> Write(string sweepDirectory, AnalysisResult result)
    {
        var target = Path.Combine(sweepDirectory, DirectoryName);
        var staging = AtomicFiles.StagingFor(target);
        Directory.CreateDirectory(staging);
        try
        {
            var files = WriteFiles(staging, result);
            AtomicFiles.ReplaceDirectory(staging, target);
            return files;
        }
        catch
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    private static List<string> WriteFiles(string dir, AnalysisResult result)
    {
        var files = new List<string>();
        var keys = result.Data.Manifest.Parameters.Select(p => p.Key).ToArray();
        void Write(string name, string[] header, IEnumerable<IReadOnlyList<string>> rows)
        {
            SweepCsv.Write(Path.Combine(dir, name), header, rows);
            files.Add(name);
        }

        if (result.Method == SensitivityMethod.Sobol)
        {
            Write("sobol_indices.csv", ["metric", "parameter", "S1", "S1_conf", "ST", "ST_conf"],
                result.Sobol.SelectMany(s => keys.Select((k, j) => Row(s.Metric, k,
                    s.Result.S1[j], s.Result.S1Conf[j], s.Result.ST[j], s.Result.STConf[j]))));
            if (result.Data.Manifest.SecondOrder)
                Write("sobol_s2.csv", ["metric", "parameter_1", "parameter_2", "S2", "S2_conf"],
                    result.Sobol.SelectMany(s => Pairs(keys.Length).Select(p => Row(s.Metric, keys[p.J], keys[p.K],
                        s.Result.S2![p.J][p.K], s.Result.S2Conf![p.J][p.K]))));
        }
        if (result.Method == SensitivityMethod.Morris)
            Write("morris.csv", ["metric", "parameter", "mu", "mu_star", "sigma", "mu_star_conf"],
                result.Morris.SelectMany(m => keys.Select((k, j) => Row(m.Metric, k,
                    m.Result.Mu[j], m.Result.MuStar[j], m.Result.Sigma[j], m.Result.MuStarConf[j]))));
        if (result.Verdict.Count > 0)
            Write("verdict.csv", ["group", "runs", "justified", "share", "ci_low", "ci_high"],
                result.Verdict.Select(v => (IReadOnlyList<string>)[v.Group, v.Runs.ToString(), v.Justified.ToString(),
                    SweepCsv.Format(v.Interval.Share), SweepCsv.Format(v.Interval.Low), SweepCsv.Format(v.Interval.High)]));
        if (result.Discovery.Count > 0)
            Write("scenario_discovery.csv",
                ["target", "box", "step", "selected", "coverage", "density", "mass", "parameter", "low", "high"],
                result.Discovery.SelectMany(d => DiscoveryRows(d, keys)));
        return files;
    }

    /// <summary>One row per restricted parameter per peeling step; a step restricting nothing gets one empty row.</summary>
    private static IEnumerable<IReadOnlyList<string>> DiscoveryRows(DiscoveryTarget d, string[] keys)
    {
        foreach (var step in d.Result.Steps)
        {
            string[] common = [d.Target, "1", step.Step.ToString(), step.Step == d.Result.Selected ? "1" : "0",
                SweepCsv.Format(step.Coverage), SweepCsv.Format(step.Density), SweepCsv.Format(step.Mass)];
            var restricted = Enumerable.Range(0, keys.Length).Where(j => d.Result.IsRestricted(step, j)).ToArray();
            if (restricted.Length == 0) yield return [.. common, "", "", ""];
            foreach (var j in restricted)
                yield return [.. common, keys[j], SweepCsv.Format(step.Low[j]), SweepCsv.Format(step.High[j])];
        }
    }

    private static IEnumerable<(int J, int K)> Pairs(int d) =>
        Enumerable.Range(0, d).SelectMany(j => Enumerable.Range(j + 1, d - j - 1).Select(k => (j, k)));

    private static IReadOnlyList<string> Row(string a, string b, params double[] numbers) =>
        [a, b, .. numbers.Select(SweepCsv.Format)];

    private static IReadOnlyList<string> Row(string a, string b, string c, params double[] numbers) =>
        [a, b, c, .. numbers.Select(SweepCsv.Format)];
}
