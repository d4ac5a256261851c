using MarketSim.Data.Csv;
using MarketSim.Data.Sweeps;
using MarketSim.Experiments.Design;
using MarketSim.Experiments.Output;
using MarketSim.Experiments.Running;
using MarketSim.Experiments.Specs;

namespace MarketSim.Experiments;

public static partial class SweepRunner
{
    /// <summary>
    /// Runs a whole sweep without writing anything and returns its tables as typed rows: the rows its files would
    /// hold, in the same order, for any worker count (<see cref="SweepTables.WriteTo"/> writes them). The same checks
    /// as <see cref="Run"/> come first. Meant for sweeps whose tables fit in memory; a large monthly timeseries is
    /// better streamed to disk with <see cref="Run"/>.
    /// </summary>
    public static SweepTables RunInMemory(SweepSpec spec, Func<SweepSpec, IRunModel> loadModel, int workers = 1,
        Action<SweepProgress>? progress = null)
    {
        if (workers < 1) throw new SpecException($"workers: {workers} is out of range; allowed 1 or more");
        var design = SweepDesign.Build(spec);
        var model = loadModel(spec);
        CheckParameters(spec, design, model);
        var renderer = new RunRenderer(spec.Outputs);
        var ids = new long[design.RunCount];
        for (var id = 0L; id < ids.Length; id++) ids[id] = id;

        var summary = new List<SweepSummaryRow>();
        var timeseries = renderer.WantsTimeseries ? new List<SweepTimeseriesRow>() : null;
        var runs = new List<RunStatusRow>(ids.Length);
        OrderedRuns.Execute(ids, workers, static () => 0,
            (id, _) =>
            {
                var (result, status) = RunOne(id, design, model);
                return (Status: status,
                    Summary: result is null ? [] : RunRenderer.Summary(id, result).ToList(),
                    Timeseries: result is null || timeseries is null ? [] : renderer.Timeseries(id, result).ToList());
            },
            run =>
            {
                runs.Add(run.Status);
                summary.AddRange(run.Summary);
                timeseries?.AddRange(run.Timeseries);
                return run.Status.Ok;
            }, 0, progress);

        return new SweepTables
        {
            Manifest = SweepManifests.Of(spec, design) with
            {
                TableRows = SweepFiles.RowCounts(ids.Length, summary.Count, timeseries?.Count, runs.Count),
            },
            Design = new TableRows<DesignedRun>(SweepFiles.Design, ids.Select(design.Run)),
            Summary = new TableRows<SweepSummaryRow>(SweepFiles.Summary, summary),
            Runs = new TableRows<RunStatusRow>(SweepFiles.Runs, runs),
            Timeseries = timeseries is null ? null : new TableRows<SweepTimeseriesRow>(SweepFiles.Timeseries, timeseries),
        };
    }
}
