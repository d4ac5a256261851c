namespace MarketSim.Analysis.Sweeps;

/// <summary>
/// A sweep directory read and checked: design rows with parameter codes and unit positions, runs in design.csv
/// order, and every summary metric as one value per run (NaN when missing, undefined or the run failed).
/// </summary>
public sealed class SweepData
{
    private static readonly string[] DesignKeys = ["run_id", "design_row", "replication", "seed"];

    public required SweepManifest Manifest { get; init; }
    /// <summary>[row][parameter]: continuous value, or the categorical code (see SweepParameter.Code).</summary>
    public required double[][] RowCodes { get; init; }
    /// <summary>[row][parameter]: position in unit space.</summary>
    public required double[][] RowUnits { get; init; }
    /// <summary>[row][parameter]: categorical value index, -1 for continuous parameters.</summary>
    public required int[][] RowValueIndex { get; init; }
    public required int[] RunIds { get; init; }
    public required int[] RunRow { get; init; }
    public required bool[] RunFailed { get; init; }
    public required IReadOnlyList<string> Metrics { get; init; }
    /// <summary>[metric][run]</summary>
    public required double[][] Values { get; init; }

    public int DesignRows => RowCodes.Length;

    public static SweepData Load(string directory)
    {
        if (!Directory.Exists(directory))
            throw new AnalysisInputException($"{directory}: sweep directory not found");
        var manifestPath = Path.Combine(directory, SweepManifest.FileName);
        if (!File.Exists(manifestPath))
            throw new AnalysisInputException($"{SweepManifest.FileName}: file not found in the sweep directory");
        var manifest = SweepManifest.Load(manifestPath);
        var design = DesignTable.Read(Path.Combine(directory, "design.csv"), manifest);
        var runIndex = new Dictionary<int, int>(design.RunIds.Length);
        for (var i = 0; i < design.RunIds.Length; i++) runIndex[design.RunIds[i]] = i;
        var failed = ReadFailures(Path.Combine(directory, "runs.csv"), runIndex);
        var (metrics, values) = ReadSummary(Path.Combine(directory, "summary.csv"), runIndex, failed);
        return new SweepData
        {
            Manifest = manifest,
            RowCodes = design.Codes,
            RowUnits = design.Units,
            RowValueIndex = design.ValueIndex,
            RunIds = design.RunIds,
            RunRow = design.RunRow,
            RunFailed = failed,
            Metrics = metrics,
            Values = values,
        };
    }

    /// <summary>runs.csv is optional (a summary made by another model has none); failed runs count as missing.</summary>
    private static bool[] ReadFailures(string path, Dictionary<int, int> runIndex)
    {
        var failed = new bool[runIndex.Count];
        if (!File.Exists(path)) return failed;
        foreach (var (f, line) in SweepCsv.Read(path, ["run_id", "status"], headerPrefixOnly: true))
        {
            var id = SweepCsv.Integer(f[0], "runs.csv", line, "run_id");
            if (!runIndex.TryGetValue(id, out var run))
                throw new AnalysisInputException($"runs.csv line {line}: run_id {id} is not in design.csv");
            failed[run] = f[1] switch
            {
                "ok" => false,
                "failed" => true,
                _ => throw new AnalysisInputException(
                    $"runs.csv line {line}: status '{f[1]}' is not allowed; allowed ok or failed"),
            };
        }
        return failed;
    }

    private static (List<string>, double[][]) ReadSummary(string path, Dictionary<int, int> runIndex, bool[] failed)
    {
        var runs = runIndex.Count;
        var metrics = new List<string>();
        var metricIndex = new Dictionary<string, int>();
        var values = new List<double[]>();
        var seen = new List<bool[]>();
        foreach (var (f, line) in SweepCsv.Read(path, ["run_id", "metric", "value"]))
        {
            var id = SweepCsv.Integer(f[0], "summary.csv", line, "run_id");
            if (!runIndex.TryGetValue(id, out var run))
                throw new AnalysisInputException(
                    $"summary.csv line {line}: run_id {id} is not in design.csv; summary and design must come from the same sweep");
            var metric = f[1];
            if (metric.Length == 0) throw new AnalysisInputException($"summary.csv line {line}: empty metric name");
            var value = SweepCsv.Number(f[2], "summary.csv", line, $"value of {metric}");
            if (double.IsInfinity(value))
                throw new AnalysisInputException(
                    $"summary.csv line {line}: value of {metric} is {f[2]}; allowed a finite number or NaN");
            if (!metricIndex.TryGetValue(metric, out var m))
            {
                m = metrics.Count;
                metricIndex[metric] = m;
                metrics.Add(metric);
                values.Add(Enumerable.Repeat(double.NaN, runs).ToArray());
                seen.Add(new bool[runs]);
            }
            if (seen[m][run])
                throw new AnalysisInputException($"summary.csv line {line}: run_id {id} has {metric} twice");
            seen[m][run] = true;
            if (!failed[run]) values[m][run] = value;
        }
        if (metrics.Count == 0) throw new AnalysisInputException("summary.csv: no metrics; nothing to analyse");
        return (metrics, values.ToArray());
    }
}
