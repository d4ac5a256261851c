using System.Runtime.CompilerServices;

namespace MarketSim.Analysis.Sweeps;

/// <summary>
/// Turns a loaded sweep into indices, the verdict and PRIM boxes. Replications are averaged per design row before
/// Sobol/Morris estimation; the verdict and PRIM count runs one by one. Metrics are estimated in parallel, each
/// into its own slot, so results never depend on thread order.
/// </summary>
public static class SweepAnalyzer
{
    public const string VerdictMetric = "justified";

    public static AnalysisResult Analyze(SweepData data, AnalysisSettings settings)
    {
        var notes = new List<string>();
        if (data.Manifest.TableRows is null)
            notes.Add("manifest.json records no row counts (the sweep has not finished, or an older version wrote it): " +
                "the tables could not be checked for completeness");
        var method = Method(data, notes);
        var metrics = data.Metrics;
        var constant = Enumerable.Range(0, metrics.Count).Where(m => IsConstant(data.Values[m])).ToHashSet();
        if (constant.Count > 0 && method != SensitivityMethod.None)
            notes.Add($"no indices for {constant.Count} metric(s) constant or undefined across runs: " +
                string.Join(", ", constant.Order().Select(m => metrics[m])));
        var varying = Enumerable.Range(0, metrics.Count).Where(m => !constant.Contains(m)).ToArray();

        var factors = data.Manifest.SobolFactors.Count;
        var sobolBlock = SobolIndices.BlockSize(factors, data.Manifest.SecondOrder);
        // The Sobol or Morris table, the focus estimators and the verdict with PRIM are independent: all run at once,
        // each filling the core the others leave idle. Each keeps its own notes, in a fixed order, and a problem is
        // raised in the order they would meet it one after another, so nothing depends on timing.
        var sensitivityNotes = new List<string>();
        var sobol = Task.Run(() => method == SensitivityMethod.Sobol
            ? Estimate(data, varying, sensitivityNotes, "Saltelli base samples", sobolBlock,
                (metric, rows, y) => new MetricSobol(metric, SobolIndices.Analyze(y, factors,
                    data.Manifest.SecondOrder, settings.Bootstrap, settings.Seed)))
            : []);
        var morris = Task.Run(() => method == SensitivityMethod.Morris
            ? Estimate(data, varying, sensitivityNotes, "Morris trajectories", data.Manifest.Parameters.Count + 1,
                (metric, rows, y) => new MetricMorris(metric, MorrisEffects.Analyze(
                    rows.Select(r => data.RowUnits[r]).ToArray(), y, data.Manifest.Parameters.Count,
                    settings.Bootstrap, settings.Seed)))
            : []);
        var focusNotes = new List<string>();
        var focus = FocusAnalysis.Start(data, settings, varying, focusNotes,
            m => method == SensitivityMethod.Sobol ? CompleteBlocks(data, m, sobolBlock, out _) : null, sobol);
        var verdictNotes = new List<string>();
        var verdict = Task.Run(() => VerdictAndDiscovery(data, settings, verdictNotes));
        var (sobolResults, morrisResults) = (sobol.GetAwaiter().GetResult(), morris.GetAwaiter().GetResult());
        var (groups, discovery) = verdict.GetAwaiter().GetResult();
        var focusResults = focus.GetAwaiter().GetResult();
        notes.AddRange(sensitivityNotes);
        notes.AddRange(verdictNotes);
        notes.AddRange(focusNotes);
        return new AnalysisResult(data, method, sobolResults, morrisResults, groups, discovery, notes) { Focus = focusResults };
    }

    private static SensitivityMethod Method(SweepData data, List<string> notes)
    {
        var manifest = data.Manifest;
        var d = manifest.Parameters.Count;
        switch (manifest.Sampler)
        {
            case "saltelli":
                var block = SobolIndices.BlockSize(manifest.SobolFactors.Count, manifest.SecondOrder);
                if (data.DesignRows % block != 0)
                    throw new AnalysisInputException(
                        $"design.csv: {data.DesignRows} design rows is not a whole number of Saltelli blocks of {block} " +
                        $"rows ({manifest.SobolFactors.Count} {(manifest.SobolFactors.Count < d ? "groups" : "parameters")}, {(manifest.SecondOrder ? "second" : "first")} order); the design is incomplete");
                return SensitivityMethod.Sobol;
            case "morris":
                if (data.DesignRows % (d + 1) != 0)
                    throw new AnalysisInputException(
                        $"design.csv: {data.DesignRows} design rows is not a whole number of Morris trajectories of " +
                        $"{d + 1} rows ({d} parameters); the design is incomplete");
                try
                {
                    MorrisEffects.CheckTrajectories(data.RowUnits, d);
                }
                catch (ArgumentException e)
                {
                    throw new AnalysisInputException($"design.csv: {e.Message}");
                }
                return SensitivityMethod.Morris;
            default:
                notes.Add($"sampler '{manifest.Sampler}': no Sobol or Morris indices (they need a saltelli or morris " +
                    "design); writing the verdict and scenario discovery only");
                return SensitivityMethod.None;
        }
    }

    /// <summary>
    /// Averages replications per design row, keeps the blocks (Saltelli base samples or Morris trajectories) whose
    /// rows all have a value, and estimates each metric on them; reports how many blocks were dropped.
    /// </summary>
    private static List<T> Estimate<T>(SweepData data, int[] metrics, List<string> notes, string blockName, int block,
        Func<string, int[], double[], T> estimate) where T : class
    {
        var blocks = data.DesignRows / block;
        var results = new T?[metrics.Length];
        var dropped = new int[metrics.Length];
        Parallel.For(0, metrics.Length, i =>
        {
            if (CompleteBlocks(data, metrics[i], block, out dropped[i]) is { } kept)
                results[i] = estimate(data.Metrics[metrics[i]], kept.Rows, kept.Y);
        });

        foreach (var group in Enumerable.Range(0, metrics.Length).Where(i => dropped[i] > 0)
                     .GroupBy(i => dropped[i]).OrderBy(g => g.Key))
            notes.Add($"dropped {group.Key} of {blocks} {blockName} with failed or missing runs" +
                (group.Key > blocks - 2 ? " (too few left: no indices)" : "") + " for " +
                string.Join(", ", group.Select(i => data.Metrics[metrics[i]])));
        return results.Where(r => r is not null).Select(r => r!).ToList();
    }

    /// <summary>The design rows of the blocks whose rows all have a value, with their replication means; null when
    /// fewer than two blocks are complete.</summary>
    private static (int[] Rows, double[] Y)? CompleteBlocks(SweepData data, int metric, int block, out int dropped)
    {
        var means = RowMeans(data, data.Values[metric]);
        var rows = new List<int>();
        dropped = 0;
        for (var b = 0; b < data.DesignRows / block; b++)
        {
            var range = Enumerable.Range(b * block, block);
            if (range.All(r => !double.IsNaN(means[r]))) rows.AddRange(range);
            else dropped++;
        }
        return data.DesignRows / block - dropped >= 2 ? (rows.ToArray(), rows.Select(r => means[r]).ToArray()) : null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] RowMeans(SweepData data, double[] runValues)
    {
        var sum = new double[data.DesignRows];
        var count = new int[data.DesignRows];
        for (var run = 0; run < runValues.Length; run++)
        {
            if (double.IsNaN(runValues[run])) continue;
            sum[data.RunRow[run]] += runValues[run];
            count[data.RunRow[run]]++;
        }
        return sum.Select((s, r) => count[r] > 0 ? s / count[r] : double.NaN).ToArray();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsConstant(double[] values)
    {
        var first = double.NaN;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            if (double.IsNaN(first)) first = v;
            else if (v != first) return false;
        }
        return true;
    }

    private static (List<VerdictGroup>, List<DiscoveryTarget>) VerdictAndDiscovery(SweepData data,
        AnalysisSettings settings, List<string> notes)
    {
        var m = data.Metrics.ToList().IndexOf(VerdictMetric);
        if (m < 0)
        {
            notes.Add($"summary.csv has no '{VerdictMetric}' metric: no verdict and no scenario discovery");
            return ([], []);
        }
        var values = data.Values[m];
        var runs = Enumerable.Range(0, values.Length).Where(r => !double.IsNaN(values[r])).ToArray();
        foreach (var r in runs)
            if (values[r] is not (0 or 1))
                throw new AnalysisInputException(
                    $"summary.csv: {VerdictMetric} of run_id {data.RunIds[r]} is {DesignTable.Format(values[r])}; allowed 0 or 1");
        if (runs.Length < values.Length)
            notes.Add($"verdict and scenario discovery leave out {values.Length - runs.Length} failed runs or runs " +
                $"without a verdict (an empty or missing '{VerdictMetric}', e.g. a run that ends before 2028)");

        var verdict = new List<VerdictGroup> { Group("all", runs, values) };
        var parameters = data.Manifest.Parameters;
        for (var j = 0; j < parameters.Count; j++)
        {
            if (!parameters[j].IsCategorical) continue;
            for (var k = 0; k < parameters[j].Values!.Count; k++)
            {
                var (dim, value) = (j, k);
                verdict.Add(Group($"{parameters[j].Key}={parameters[j].Values![k]}",
                    runs.Where(r => data.RowValueIndex[data.RunRow[r]][dim] == value).ToArray(), values));
            }
        }

        var x = runs.Select(r => data.RowCodes[data.RunRow[r]]).ToArray();
        var categorical = parameters.Select(p => p.IsCategorical).ToArray();
        (string Target, double Flag)[] targets = [("not_justified", 0.0), ("justified", 1.0)];
        foreach (var key in settings.PrimSteps.Keys)
            if (key != "*" && !targets.Any(t => t.Target == key))
                throw new AnalysisInputException($"--prim-step: target '{key}' is not allowed; allowed justified or not_justified");
        var discovery = new DiscoveryTarget?[targets.Length];
        var failures = new AnalysisInputException?[targets.Length];
        Parallel.For(0, targets.Length, k =>
        {
            var (target, flag) = targets[k];
            var isTarget = runs.Select(r => values[r] == flag).ToArray();
            if (!isTarget.Any(t => t)) return;
            int? step = settings.PrimSteps.TryGetValue(target, out var s) ? s : settings.PrimSteps.TryGetValue("*", out var all) ? all : null;
            try
            {
                discovery[k] = new DiscoveryTarget(target, Prim.Find(x, isTarget, categorical, settings.Prim, step));
            }
            catch (ArgumentOutOfRangeException e) when (step is not null)
            {
                failures[k] = new AnalysisInputException($"--prim-step: {target}: {e.Message.Split(" (Parameter")[0]}");
            }
        });
        if (failures.OfType<AnalysisInputException>().FirstOrDefault() is { } failure) throw failure;
        foreach (var (target, _) in targets.Where((_, k) => discovery[k] is null))
            notes.Add($"scenario discovery: no {target.Replace('_', ' ')} runs, so no box for '{target}'");
        return (verdict, discovery.OfType<DiscoveryTarget>().ToList());
    }

    private static VerdictGroup Group(string name, int[] runs, double[] values)
    {
        var justified = runs.Count(r => values[r] == 1);
        return new VerdictGroup(name, runs.Length, justified, WilsonInterval.Compute(justified, runs.Length));
    }
}
