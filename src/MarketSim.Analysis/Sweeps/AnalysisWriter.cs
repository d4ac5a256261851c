using MarketSim.Data.Sweeps;

namespace MarketSim.Analysis.Sweeps;

/// <summary>An analysis as the tables of DIR/analysis (the format is MarketSim.Data's), and writing them.</summary>
public static class AnalysisWriter
{
    public const string DirectoryName = SweepFiles.AnalysisDirectory;

    /// <summary>Writes DIR/analysis as a whole and returns the file names in writing order.</summary>
    public static IReadOnlyList<string> Write(string sweepDirectory, AnalysisResult result) =>
        Tables(result).WriteTo(sweepDirectory);

    /// <summary>Each table the analysis has rows for; Sobol tables name groups where the design has them.</summary>
    public static AnalysisTables Tables(AnalysisResult result)
    {
        var manifest = result.Data.Manifest;
        var keys = manifest.Parameters.Select(p => p.Key).ToArray();
        var factors = manifest.SobolFactors;
        var sobol = result.Method == SensitivityMethod.Sobol;
        var focus = result.Focus;
        return new AnalysisTables(
            sobol ? [.. result.Sobol.SelectMany(s => factors.Select((k, j) => new SobolRow(s.Metric, k,
                s.Result.S1[j], s.Result.S1Conf[j], s.Result.ST[j], s.Result.STConf[j])))] : null,
            sobol && manifest.SecondOrder ? [.. result.Sobol.SelectMany(s => Pairs(factors.Count).Select(p =>
                new SobolPairRow(s.Metric, factors[p.J], factors[p.K], s.Result.S2![p.J][p.K], s.Result.S2Conf![p.J][p.K])))] : null,
            result.Method == SensitivityMethod.Morris ? [.. result.Morris.SelectMany(m => keys.Select((k, j) => new MorrisRow(
                m.Metric, k, m.Result.Mu[j], m.Result.MuStar[j], m.Result.Sigma[j], m.Result.MuStarConf[j])))] : null,
            result.Verdict.Count > 0 ? [.. result.Verdict.Select(v => new VerdictRow(v.Group, v.Runs, v.Justified,
                v.Interval.Share, v.Interval.Low, v.Interval.High))] : null,
            result.Discovery.Count > 0 ? [.. result.Discovery.SelectMany(d => DiscoveryRows(d, manifest.Parameters))] : null,
            focus.Delta.Count > 0 ? [.. focus.Delta.SelectMany(d => keys.Select((k, j) => new DeltaRow(d.Metric, k,
                d.Result.Delta[j], d.Result.DeltaConf[j], d.Result.S1[j], d.Result.S1Conf[j], d.Runs, d.Result.Classes)))] : null,
            focus.Pawn.Count > 0 ? [.. focus.Pawn.SelectMany(p => keys.Select((k, j) => new PawnRow(p.Metric, k,
                p.Result.Minimum[j], p.Result.Mean[j], p.Result.Median[j], p.Result.Maximum[j], p.Result.Cv[j],
                p.Result.Stdev[j], p.Result.MedianConf[j], p.Runs, p.Result.Slices)))] : null,
            focus.Convergence.Count > 0 ? [.. focus.Convergence.SelectMany(c => c.Steps.SelectMany(s => factors.Select((k, j) =>
                new SobolConvergenceRow(c.Metric, k, s.BaseSamples, s.Result.S1[j], s.Result.S1Conf[j], s.Result.ST[j],
                    s.Result.STConf[j]))))] : null,
            focus.Features.Count > 0 ? [.. focus.Features.SelectMany(f => keys.Select((k, j) => new FeatureScoreRow(f.Target,
                f.Classification ? FeatureScoreRow.Classification : FeatureScoreRow.Regression, k, f.Scores[j], f.Runs)))] : null);
    }

    /// <summary>
    /// One row per restricted parameter per step of every box; a step restricting nothing gets one row with empty
    /// parameter fields.
    /// </summary>
    private static IEnumerable<DiscoveryRow> DiscoveryRows(DiscoveryTarget d, IReadOnlyList<SweepParameter> parameters)
    {
        foreach (var box in d.Boxes)
            foreach (var step in box.Steps)
            {
                var row = new DiscoveryRow(d.Target, box.Box, step.Step, step.Step == box.Selected, step.Coverage, step.Density,
                    step.Mass, "", null, null, step.Phase.ToString().ToLowerInvariant(), "", null, null);
                var restricted = Enumerable.Range(0, parameters.Count).Where(j => box.IsRestricted(step, j)).ToArray();
                if (restricted.Length == 0) yield return row;
                foreach (var j in restricted)
                    yield return row with
                    {
                        Parameter = parameters[j].Key, Low = step.Low[j], High = step.High[j],
                        Values = KeptValues(parameters[j], step.Kept[j]), QpLow = step.QpLow[j], QpHigh = step.QpHigh[j],
                    };
            }
    }

    private static string KeptValues(SweepParameter p, IReadOnlyList<double>? kept) => kept is null || p.Values is null
        ? ""
        : string.Join('|', Enumerable.Range(0, p.Values.Count).Where(k => kept.Contains(p.Code(k))).Select(k => p.Values[k]));

    private static IEnumerable<(int J, int K)> Pairs(int d) =>
        Enumerable.Range(0, d).SelectMany(j => Enumerable.Range(j + 1, d - j - 1).Select(k => (j, k)));
}
