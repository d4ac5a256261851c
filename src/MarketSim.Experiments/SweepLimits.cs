using System.Globalization;
using MarketSim.Experiments.Design;
using MarketSim.Experiments.Output;
using MarketSim.Experiments.Running;
using MarketSim.Experiments.Specs;

namespace MarketSim.Experiments;

/// <summary>
/// What a sweep may ask for, checked before anything is built or written, so an absurd request is one line instead
/// of minutes of work ending in an out-of-memory crash: the number of runs, the workers, and the memory the sweep
/// would hold.
/// </summary>
public static class SweepLimits
{
    /// <summary>
    /// The most runs one sweep may have. The design is built in memory before the first run, and a run takes about a
    /// fifth of a CPU-second, so ten million runs is already some 23 CPU-days; a larger study is several sweeps.
    /// </summary>
    public const long MaxRuns = 10_000_000;

    public const string RunsReason = "the design is built in memory first, and at about 0.2 CPU-seconds a run 10 million runs " +
        "take some 23 CPU-days; split a larger study into several sweeps";

    /// <summary>Workers per core: runs are CPU-bound, so more workers than this only hold more runs in memory.</summary>
    public const int WorkersPerCore = 4;

    public static int MaxWorkers => WorkersPerCore * Environment.ProcessorCount;

    public static string WorkersReason => $"{WorkersPerCore} per core on this machine's {Environment.ProcessorCount} cores; " +
        "runs are CPU-bound, so more workers only hold more runs in memory";

    // Rough sizes, in bytes, of what a sweep holds: a design value (a short string and its reference), a design row,
    // a timeseries row rendered as text (about 45 UTF-16 characters) or held as a typed row, a summary row.
    private const long DesignValueBytes = 48, DesignRowBytes = 64, RenderedRowBytes = 96, TypedRowBytes = 64, SummaryRowBytes = 64;

    /// <summary>Refuses a worker count outside 1 to <see cref="MaxWorkers"/>.</summary>
    public static void CheckWorkers(string option, int workers)
    {
        if (workers < 1 || workers > MaxWorkers)
            throw new SpecException($"{option}: {workers} is out of range; allowed 1 to {MaxWorkers} ({WorkersReason})");
    }

    /// <summary>Refuses a design of more than <see cref="MaxRuns"/> runs; called by the spec parser.</summary>
    internal static void CheckRuns(string file, long rows, int replications)
    {
        var runs = rows > MaxRuns ? rows : rows * replications;
        if (runs > MaxRuns)
            throw new SpecException($"{file}: design: would have {Count(rows)} rows x {replications} replications = " +
                $"{(rows > MaxRuns ? "over " + Count(MaxRuns) : Count(runs))} runs; at most {Count(MaxRuns)} are allowed ({RunsReason})");
    }

    /// <summary>
    /// The memory a sweep would hold at its peak: its design, and either the runs waiting in the reorder window
    /// (streamed to disk) or every row of every run (in memory). Runs are sized from the model's outline of a run
    /// (without a model, the design alone). Needs only the spec, so it is checked before the design is built.
    /// </summary>
    public static long EstimateBytes(SweepSpec spec, IRunModel? model, int workers, bool inMemory)
    {
        var rows = SweepDesign.RowCount(spec.Design, spec.Parameters);
        var runs = rows * spec.Replications;
        var designBytes = rows * (DesignRowBytes + DesignValueBytes * spec.Parameters.Count);
        var outline = model?.Outline([.. spec.Parameters.Select(p => KeyValuePair.Create(p.Key, p.Values?[0] ?? p.FromUnit(0)))]);
        if (outline is null) return designBytes;
        var timeseriesRows = new RunRenderer(spec.Outputs).Timeseries(0, outline).LongCount();
        var summaryRows = Math.Max(outline.Summary.Count, 64);
        var resultBytes = outline.Series.Sum(s => 8L * s.Values.Length + 64);
        if (inMemory) return designBytes + runs * (timeseriesRows * TypedRowBytes + summaryRows * SummaryRowBytes);
        // Each worker runs one, and the reorder window lets four per worker wait, rendered.
        var inFlight = (long)Math.Max(4, workers * 4) + workers;
        return designBytes + inFlight * (resultBytes + timeseriesRows * RenderedRowBytes + summaryRows * SummaryRowBytes);
    }

    /// <summary>Refuses a sweep whose estimate exceeds the memory this process may use.</summary>
    public static void CheckMemory(SweepSpec spec, IRunModel? model, int workers, bool inMemory)
    {
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var needed = EstimateBytes(spec, model, workers, inMemory);
        if (needed <= available) return;
        var advice = inMemory
            ? "write it to disk with marketsim sweep (SweepRunner.Run), or keep fewer timeseries (outputs.timeseries annual or none, outputs.metrics)"
            : "use fewer --workers, or fewer parameters or runs";
        var runs = SweepDesign.RowCount(spec.Design, spec.Parameters) * spec.Replications;
        throw new SpecException($"{spec.SourceFile}: the sweep would need about {Gb(needed)} GB of memory " +
            $"({Count(runs)} runs, {spec.Outputs.Timeseries.ToString().ToLowerInvariant()} timeseries, {workers} workers" +
            $"{(inMemory ? ", held in memory" : "")}); this process may use {Gb(available)} GB; {advice}");
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Gb(long bytes) => (bytes / 1e9).ToString("F1", CultureInfo.InvariantCulture);
}
