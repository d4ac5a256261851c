using MarketSim.Cli;
using MarketSim.Experiments.Specs;

namespace MarketSim.Experiments.Tests;

/// <summary>Absurd requests are refused in one line before any work starts, and nothing is written.</summary>
public class LimitsTests
{
    private static (int Code, string Err) Cli(params string[] args)
    {
        var stderr = new StringWriter();
        var code = Program.Invoke(args, new StringWriter(), stderr);
        return (code, stderr.ToString());
    }

    private static void AssertRefused((int Code, string Err) outcome, string message)
    {
        Assert.Equal(2, outcome.Code);
        Assert.Equal($"error: {message}\n", outcome.Err);
    }

    [Fact]
    public void A_design_of_a_billion_runs_is_refused_with_the_ceiling_and_its_reason()
    {
        using var tmp = new TempDir();
        var spec = Specs.Write(tmp, Specs.Small.Replace("\"samples\": 40", "\"samples\": 10000000").Replace("\"replications\": 2", "\"replications\": 100"));
        AssertRefused(Cli("sweep", spec, "--out", tmp["out"]),
            $"{spec}: design: would have 10,000,000 rows x 100 replications = 1,000,000,000 runs; at most 10,000,000 are allowed " +
            $"({SweepLimits.RunsReason})");
        Assert.False(Directory.Exists(tmp["out"]));
    }

    [Fact]
    public void A_million_workers_is_refused_before_any_thread_starts()
    {
        using var tmp = new TempDir();
        var spec = Specs.Write(tmp, Specs.Small);
        AssertRefused(Cli("sweep", spec, "--out", tmp["out"], "--workers", "1000000"),
            $"--workers: 1000000 is out of range; allowed 1 to {SweepLimits.MaxWorkers} ({SweepLimits.WorkersReason})");
        Assert.False(Directory.Exists(tmp["out"]));
        var e = Assert.Throws<SpecException>(() => SweepRunner.Run(Specs.Parse(Specs.Small),
            new SweepOptions(tmp["out"], SweepLimits.MaxWorkers + 1), _ => new FakeModel()));
        Assert.StartsWith($"--workers: {SweepLimits.MaxWorkers + 1} is out of range", e.Message);
    }

    [Fact]
    public void A_monthly_timeseries_too_large_to_hold_in_memory_is_refused_before_the_first_run()
    {
        // 200,000 runs of the baseline with every monthly series would hold ~15,000 rows each in memory.
        var builder = Sweep.Define("huge").Scenario("baseline").Vary("Demand:PriceElasticity", 0.5, 2.0)
            .Sampler(Sampler.Lhs(200_000)).Timeseries(TimeseriesOutput.Monthly);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<SpecException>(() => builder.Run());
        Assert.Matches(@"the sweep would need about \d+\.\d GB of memory \(200,000 runs, monthly timeseries, 1 workers, held in memory\); " +
            @"this process may use \d+\.\d GB; write it to disk with marketsim sweep", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "refused before running");
    }

    [Fact]
    public void The_memory_estimate_grows_with_workers_and_timeseries_and_not_with_runs_on_disk()
    {
        var model = Running.ScenarioRunModel.Load("baseline");
        var spec = Specs.Parse(Specs.Small.Replace("\"annual\"", "\"monthly\""));
        var none = Specs.Parse(Specs.Small.Replace("\"annual\"", "\"none\""));
        var more = Specs.Parse(Specs.Small.Replace("\"annual\"", "\"monthly\"").Replace("\"samples\": 40", "\"samples\": 4000"));
        var oneWorker = SweepLimits.EstimateBytes(spec, model, 1, inMemory: false);
        Assert.True(SweepLimits.EstimateBytes(spec, model, 8, inMemory: false) > 4 * oneWorker);
        Assert.True(SweepLimits.EstimateBytes(none, model, 1, inMemory: false) < oneWorker / 2);
        // On disk only the design grows with the runs; in memory every row of every run is held.
        Assert.True(SweepLimits.EstimateBytes(more, model, 1, inMemory: false) < 2 * oneWorker);
        Assert.True(SweepLimits.EstimateBytes(more, model, 1, inMemory: true) > 50 * SweepLimits.EstimateBytes(spec, model, 1, inMemory: true));
    }
}
