using System.Diagnostics;
using System.Text.RegularExpressions;
using MarketSim.Cli.Commands;
using MarketSim.Data.Sweeps;
using MarketSim.Experiments.Design;
using MarketSim.Experiments.Running;
using MarketSim.Experiments.Specs;

namespace MarketSim.Experiments.Tests;

/// <summary>
/// Worker processes take runs in blocks as they get through them: every position is handed out once, in order, in
/// blocks that shrink towards the end and stay within the window; a slower worker takes fewer runs without changing
/// a byte; a worker killed while it holds blocks ends the sweep after exactly the runs before the first it owed.
/// </summary>
public partial class WorkerBlockTests
{
    [Theory]
    [InlineData(2048, 2)]
    [InlineData(400, 3)]
    [InlineData(5, 2)]
    [InlineData(1, 1)]
    public void Blocks_cover_every_position_once_in_order_and_shrink_to_single_runs_at_the_end(int length, int workers)
    {
        var schedule = new BlockSchedule(length, workers, window: int.MaxValue / 2);
        var blocks = new List<(int Start, int Count)>();
        while (schedule.Take(blocksHeld: 0, consumed: 0) is { } block) blocks.Add(block);

        Assert.True(schedule.Done);
        Assert.Equal(Enumerable.Range(0, length), blocks.SelectMany(b => Enumerable.Range(b.Start, b.Count)));
        Assert.All(blocks, b => Assert.InRange(b.Count, 1, BlockSchedule.LargestBlock));
        var sizes = blocks.Select(b => b.Count).ToArray();
        Assert.True(sizes.Zip(sizes.Skip(1)).All(pair => pair.Second <= pair.First), "blocks grow again");
        for (var i = 0; i < blocks.Count; i++) // guided: a quarter of each worker's share of what was left
        {
            var remaining = length - blocks[i].Start;
            Assert.Equal(Math.Min(remaining, Math.Clamp(remaining / (BlockSchedule.BlocksPerWorkerShare * workers), 1, BlockSchedule.LargestBlock)), sizes[i]);
        }
        // The tail: whatever a worker may still hold when the other has nothing left is a few runs.
        Assert.True(sizes[^Math.Min(sizes.Length, 2 * workers)..].All(size => size <= BlockSchedule.BlocksPerWorkerShare),
            $"last blocks {string.Join(",", sizes[^Math.Min(sizes.Length, 2 * workers)..])}");
    }

    [Fact]
    public void A_worker_holds_at_most_two_blocks_and_no_block_ends_beyond_the_window_past_the_writer()
    {
        var schedule = new BlockSchedule(10_000, 2, window: 100);
        Assert.Null(schedule.Take(BlockSchedule.BlocksAhead, consumed: 0)); // holds enough already
        Assert.Equal((0, 32), schedule.Take(0, 0));
        Assert.Equal((32, 32), schedule.Take(1, 0));
        Assert.Equal((64, 32), schedule.Take(0, 0));
        Assert.Null(schedule.Take(0, consumed: 0)); // 96 + 32 > 0 + 100: it would end past the window
        Assert.Null(schedule.Take(0, consumed: 27));
        Assert.Equal((96, 32), schedule.Take(0, consumed: 28)); // the writer moved on: 128 <= 28 + 100
        Assert.Equal(128, schedule.Next);
        Assert.Equal((128, 5), schedule.Take(0, consumed: 128, most: 5)); // large runs: fewer may be held
        Assert.Null(schedule.Take(0, consumed: 128, most: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BlockSchedule(10, 2, window: BlockSchedule.LargestBlock - 1));
    }

    [Fact]
    public void A_slower_worker_takes_fewer_runs_and_every_run_is_the_same()
    {
        using var tmp = new TempDir();
        var (path, todo, fingerprint) = Sweep(tmp, samples: 150, timeseries: "annual");
        var alone = Execute(todo, 1, path, fingerprint, slowWorker: -1, out var aloneCounts);
        var shared = Execute(todo, 2, path, fingerprint, slowWorker: 1, out var counts);

        Assert.Equal(todo.Length, aloneCounts.Single());
        Assert.Equal(todo.Length, counts.Sum());
        Assert.True(counts[0] > 2 * counts[1], $"the faster worker ran {counts[0]} runs, the slower {counts[1]}");
        Assert.Equal(todo, shared.Select(run => run.RunId));
        Assert.Equal(alone.Select(WithoutSeconds), shared.Select(WithoutSeconds));
    }

    [Fact]
    public void A_worker_killed_while_holding_blocks_ends_the_sweep_after_exactly_the_runs_before_the_first_it_owed()
    {
        using var tmp = new TempDir();
        var (path, todo, fingerprint) = Sweep(tmp, samples: 200, timeseries: "monthly");
        var consumed = new List<long>();
        var started = 0;
        var e = Assert.Throws<SweepWorkerException>(() => ProcessRuns.Execute(todo, 2, () => Start(path, delayMs: 10, ++started),
            fingerprint, run =>
            {
                consumed.Add(run.RunId);
                if (consumed.Count == 50) KillWorker(path, number: 2);
                return run.Ok;
            }, skipped: 0, progress: null));

        Assert.Contains("sweep worker 2 of 2", e.Message);
        var owed = long.Parse(FirstOwed().Match(e.Message).Groups[1].Value);
        Assert.InRange(owed, 50, todo.Length - 1); // the runs consumed before the kill arrived whole
        Assert.Equal(todo.TakeWhile(id => id != owed), consumed); // every run before it, in order, and none after
    }

    [GeneratedRegex("stopped before sending run ([0-9]+)")]
    private static partial Regex FirstOwed();

    private static RenderedRun WithoutSeconds(RenderedRun run) => run with { Status = run.Status with { Seconds = 0 } };

    private static (string Path, long[] Todo, string Fingerprint) Sweep(TempDir tmp, int samples, string timeseries)
    {
        var path = Specs.Write(tmp, Specs.Small.Replace("\"samples\": 40", $"\"samples\": {samples}").Replace("\"annual\"", $"\"{timeseries}\""));
        var spec = SpecParser.Load(path);
        var design = SweepDesign.Build(spec);
        var fingerprint = WorkerProtocol.Fingerprint(spec, design, SweepModel.Load(spec).ScenarioSha256);
        return (path, [.. Enumerable.Range(0, 2 * samples).Select(i => (long)i)], fingerprint);
    }

    [Fact]
    public void Large_runs_are_handed_out_a_few_at_a_time_so_the_buffered_runs_stay_within_the_byte_budget()
    {
        using var tmp = new TempDir();
        var (path, todo, fingerprint) = Sweep(tmp, samples: 30, timeseries: "monthly"); // about 3 MB of text a run
        const long budget = 8L << 20;
        var alone = Execute(todo, 1, path, fingerprint, slowWorker: -1, out _);
        var shared = Execute(todo, 2, path, fingerprint, slowWorker: 1, out var counts, budget, out var peak);

        Assert.True(counts[0] > counts[1], $"the faster worker ran {counts[0]} runs, the slower {counts[1]}");
        // Within the budget but for the runs handed out before the first told the size (one a block) and the error
        // of sizing runs by their average; without the budget the faster worker would buffer most of the 60 runs.
        var largest = alone.Max(run => 2L * (run.SummaryText.Length + run.TimeseriesText.Length));
        Assert.InRange(peak, 1, budget + 2 * largest);
        Assert.Equal(alone.Select(WithoutSeconds), shared.Select(WithoutSeconds));
    }

    private static List<RenderedRun> Execute(long[] todo, int workers, string path, string fingerprint, int slowWorker, out long[] counts) =>
        Execute(todo, workers, path, fingerprint, slowWorker, out counts, ProcessRuns.DefaultBufferBytes, out _);

    private static List<RenderedRun> Execute(long[] todo, int workers, string path, string fingerprint, int slowWorker, out long[] counts,
        long bufferBytes, out long peakBufferedBytes)
    {
        var runs = new List<RenderedRun>();
        var started = 0;
        var outcome = ProcessRuns.Execute(todo, workers, () => Start(path, started == slowWorker ? 150 : 0, ++started), fingerprint,
            run => { runs.Add(run); return run.Ok; }, skipped: 0, progress: null, bufferBytes);
        Assert.Equal(todo.Length, outcome.Ran);
        (counts, peakBufferedBytes) = (outcome.RunsPerWorker, outcome.PeakBufferedBytes);
        return runs;
    }

    // MARKETSIM_SWEEP_RUN_DELAY_MS is the model's test delay (SweepModel.Load); the marker tells the workers apart.
    private static ProcessStartInfo Start(string path, int delayMs, int number)
    {
        var start = SweepWorkerCommand.StartInfo(path);
        start.Environment.Remove("MARKETSIM_SWEEP_RUN_DELAY_MS");
        if (delayMs > 0) start.Environment["MARKETSIM_SWEEP_RUN_DELAY_MS"] = delayMs.ToString();
        start.Environment[WorkerMarker] = number.ToString();
        return start;
    }

    private const string WorkerMarker = "MARKETSIM_TEST_WORKER";

    /// <summary>Kills the worker of this test (its spec file) started <paramref name="number"/>-th (1-based).</summary>
    private static void KillWorker(string specPath, int number)
    {
        foreach (var pid in Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit)).Select(int.Parse!))
        {
            try
            {
                if (!File.ReadAllText($"/proc/{pid}/cmdline").Contains(specPath)) continue;
                var marker = File.ReadAllText($"/proc/{pid}/environ").Split('\0').FirstOrDefault(v => v.StartsWith(WorkerMarker + "="));
                if (marker != $"{WorkerMarker}={number}") continue;
                using var victim = Process.GetProcessById(pid);
                victim.Kill();
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { }
        }
        Assert.Fail($"no worker {number} of {specPath} to kill");
    }
}
