using System.Runtime.CompilerServices;
using MarketSim.Data.Csv;
using MarketSim.Data.Sweeps;

namespace MarketSim.Analysis.Sweeps;

/// <summary>
/// A sweep checked for analysis: design rows with parameter codes and unit positions, runs in design.csv order, and
/// every summary metric as one value per run (NaN when missing, undefined or the run failed). Built from a sweep
/// directory or from the tables of a sweep run in memory.
/// </summary>
public sealed class SweepData
{
    public required SweepManifest Manifest { get; init; }
    /// <summary>[row][parameter]: continuous value, or the categorical code (see SweepParameter.Code).</summary>
    public required double[][] RowCodes { get; init; }
    /// <summary>[row][parameter]: position in unit space (made on first use: only Morris designs and plots need it).</summary>
    public double[][] RowUnits => LazyInitializer.EnsureInitialized(ref _rowUnits, Units);
    /// <summary>[row][parameter]: categorical value index, -1 for continuous parameters (made on first use).</summary>
    public int[][] RowValueIndex => LazyInitializer.EnsureInitialized(ref _rowValueIndex, ValueIndices);
    public required int[] RunIds { get; init; }
    public required int[] RunRow { get; init; }
    public required bool[] RunFailed { get; init; }
    public required IReadOnlyList<string> Metrics { get; init; }
    /// <summary>[metric][run]</summary>
    public required double[][] Values { get; init; }

    public int DesignRows => RowCodes.Length;

    /// <summary>Categorical value indices, D per row; null when no parameter is categorical.</summary>
    private int[]? _valueIndex;
    private double[][]? _rowUnits;
    private int[][]? _rowValueIndex;

    /// <summary>The values of one metric over the runs that have a finite one, in run order; empty when unknown.</summary>
    public double[] Finite(string metric)
    {
        var m = Metrics.ToList().IndexOf(metric);
        return m < 0 ? [] : Values[m].Where(double.IsFinite).ToArray();
    }

    /// <summary>
    /// A sweep directory's tables, design.csv checked as it is read (its rows' texts are not kept: at 80,000 runs
    /// they were most of what the collector had to copy).
    /// </summary>
    public static SweepData Load(string directory)
    {
        if (!Directory.Exists(directory))
            throw new AnalysisInputException($"{directory}: sweep directory not found");
        var (manifest, design, summary, runs) = SweepTables.Read(directory, (manifest, path, columns, rows) =>
        {
            var builder = new DesignTable.Builder(path, manifest, (int)Math.Min(rows ?? 0, 1 << 20));
            CsvTable.ReadRecords(path, columns, builder.Add, rows);
            return builder;
        });
        return From(manifest, design.Build(), summary, runs);
    }

    public static SweepData From(SweepTables tables) =>
        From(tables.Manifest, DesignTable.From(tables.Design, tables.Manifest), tables.Summary, tables.Runs);

    private static SweepData From(SweepManifest manifest, DesignTable design, TableRows<SweepSummaryRow> summary,
        TableRows<RunStatusRow>? runs)
    {
        var runIndex = design.RunIndex;
        var failed = Failures(runs, runIndex);
        var (metrics, values) = Summary(summary, runIndex, failed);
        return new SweepData
        {
            Manifest = manifest,
            RowCodes = design.Codes,
            RunIds = design.RunIds,
            RunRow = design.RunRow,
            RunFailed = failed,
            Metrics = metrics,
            Values = values,
            _valueIndex = design.ValueIndex,
        };
    }

    private int[][] ValueIndices()
    {
        var d = Manifest.Parameters.Count;
        return Enumerable.Range(0, DesignRows).Select(r => _valueIndex is null
            ? Enumerable.Repeat(-1, d).ToArray()
            : _valueIndex.AsSpan(r * d, d).ToArray()).ToArray();
    }

    /// <summary>A continuous value's position in its range (clamped: samplers round), a category's in its list.</summary>
    private double[][] Units()
    {
        var parameters = Manifest.Parameters;
        var index = RowValueIndex;
        return Enumerable.Range(0, DesignRows).Select(r => Enumerable.Range(0, parameters.Count).Select(j =>
            parameters[j].IsCategorical
                ? parameters[j].Unit(0, index[r][j])
                : Math.Clamp(parameters[j].Unit(RowCodes[r][j], -1), 0, 1)).ToArray()).ToArray();
    }

    /// <summary>Failed runs count as missing; without runs.csv no run is known to have failed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool[] Failures(TableRows<RunStatusRow>? runs, RunIndex runIndex)
    {
        var failed = new bool[runIndex.Count];
        for (var i = 0; i < (runs?.Count ?? 0); i++)
        {
            if (!runIndex.TryGetValue(Id(runs![i].RunId), out var run))
                throw new AnalysisInputException($"{runs.Path} line {runs.LineOf(i)}: run_id {runs[i].RunId} is not in design.csv");
            failed[run] = !runs[i].Ok;
        }
        return failed;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (List<string>, double[][]) Summary(TableRows<SweepSummaryRow> summary, RunIndex runIndex,
        bool[] failed)
    {
        var runs = runIndex.Count;
        var metrics = new List<string>();
        var metricIndex = new Dictionary<string, int>();
        var values = new List<double[]>();
        var seen = new List<bool[]>();
        for (var i = 0; i < summary.Count; i++)
        {
            var (id, metric, value) = summary[i];
            var line = i;
            string Where() => $"{summary.Path} line {summary.LineOf(line)}";
            if (!runIndex.TryGetValue(Id(id), out var run))
                throw new AnalysisInputException(
                    $"{Where()}: run_id {id} is not in design.csv; summary and design must come from the same sweep");
            if (metric.Length == 0) throw new AnalysisInputException($"{Where()}: empty metric name");
            if (double.IsInfinity(value))
                throw new AnalysisInputException(
                    $"{Where()}: value of {metric} is {DesignTable.Format(value)}; allowed a finite number or NaN");
            if (!metricIndex.TryGetValue(metric, out var m))
            {
                m = metrics.Count;
                metricIndex[metric] = m;
                metrics.Add(metric);
                values.Add(Enumerable.Repeat(double.NaN, runs).ToArray());
                seen.Add(new bool[runs]);
            }
            if (seen[m][run]) throw new AnalysisInputException($"{Where()}: run_id {id} has {metric} twice");
            seen[m][run] = true;
            if (!failed[run]) values[m][run] = value;
        }
        if (metrics.Count == 0) throw new AnalysisInputException($"{summary.Path}: no metrics; nothing to analyse");
        return (metrics, values.ToArray());
    }

    private static int Id(long id) => id <= int.MaxValue ? (int)id : -1;
}
