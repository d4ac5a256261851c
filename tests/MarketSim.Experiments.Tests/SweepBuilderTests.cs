using MarketSim.Analysis.Sweeps;
using MarketSim.Cli;
using MarketSim.Data.Sweeps;
using MarketSim.Experiments.Design;
using MarketSim.Experiments.Specs;

namespace MarketSim.Experiments.Tests;

public class SweepBuilderTests
{
    private static SweepBuilder Small() => Sweep.Define("builder").Scenario("baseline")
        .Vary("Demand:PriceElasticity", 0.5, 2.0)
        .Vary("Trends:AlgorithmicHalvingMonths", 4, 16, ParameterScale.Log)
        .Vary("Shocks:EfficiencyBreakthrough:Enabled", [false, true])
        .Sampler(Sampler.Saltelli(2)).Replications(1).Seed(5)
        .Timeseries(TimeseriesOutput.Annual, "capex_usd_bn");

    [Fact]
    public void A_sweep_run_in_memory_writes_the_tables_the_command_writes_for_its_spec_file()
    {
        using var tmp = new TempDir();
        var builder = Small();
        var sweep = builder.Run(workers: 2);
        Assert.Equal(2 * (3 + 2), sweep.Design.Count);
        Assert.Equal(sweep.Design.Count, sweep.Runs!.Count);
        Assert.All(sweep.Runs, r => Assert.True(r.Ok));
        Assert.Equal(sweep.Design.Count, sweep.Metric("justified").Count);
        Assert.All(sweep.Timeseries!, r => Assert.Equal("capex_usd_bn", r.Metric));
        sweep.WriteTo(tmp["memory"]);

        var spec = Specs.Write(tmp, builder.ToJson(), "builder.json");
        Assert.Equal(0, Program.Invoke(["sweep", spec, "--out", tmp["command"], "--workers", "3"], new StringWriter(), new StringWriter()));
        Specs.AssertSameTables(tmp["command"], tmp["memory"]);
    }

    [Fact]
    public void Analysis_from_memory_equals_analysis_of_the_written_directory()
    {
        using var tmp = new TempDir();
        var sweep = Small().Run();
        var settings = new AnalysisSettings(Bootstrap: 50);
        var inMemory = AnalysisWriter.Tables(sweep.Analyze(settings));
        sweep.WriteTo(tmp["out"]);
        var fromDisk = AnalysisWriter.Tables(SweepAnalysis.Run(tmp["out"], settings).Result);
        Assert.Equal(fromDisk.Sobol, inMemory.Sobol);
        Assert.Equal(fromDisk.Verdict, inMemory.Verdict);
        Assert.Equal(fromDisk.Discovery, inMemory.Discovery);
        Assert.NotEmpty(inMemory.Sobol!);
    }

    [Theory]
    [InlineData("min", "sweep 'builder': parameters[0] (Demand:PriceElasticity): min 2 is not below max 0.5")]
    [InlineData("samples", "sweep 'builder': design.samples: 3 is not a power of two; the saltelli sampler needs 2^k samples")]
    [InlineData("key", "sweep 'builder': parameters[3]: Demand:Nope: unknown key")]
    [InlineData("sd", "sweep 'builder': parameters[3] (Demand:AdoptionSpeed): sd must be above 0, got -0.1")]
    [InlineData("scramble", "sweep 'builder': design.scramble: applies only to the sobol and saltelli samplers")]
    public void The_builder_is_checked_as_a_spec_file_is(string fault, string message)
    {
        var builder = fault switch
        {
            "min" => Sweep.Define("builder").Scenario("baseline").Vary("Demand:PriceElasticity", 2, 0.5).Sampler(Sampler.Lhs(4)),
            "samples" => Small().Sampler(Sampler.Saltelli(3)),
            "sd" => Small().Vary("Demand:AdoptionSpeed", Distribution.Normal(1, -0.1)),
            "scramble" => Small().Sampler(Sampler.Lhs(4)).Scramble(false),
            _ => Small().Vary("Demand:Nope", 0, 1),
        };
        var error = Assert.Throws<SpecException>(() => builder.Run());
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void In_memory_rows_do_not_depend_on_the_worker_count()
    {
        var spec = Specs.Parse(Specs.Small);
        var one = SweepRunner.RunInMemory(spec, _ => new FakeModel(), workers: 1);
        var three = SweepRunner.RunInMemory(spec, _ => new FakeModel(), workers: 3);
        Assert.Equal(one.Summary, three.Summary);
        Assert.Equal(one.Timeseries!, three.Timeseries!);
        Assert.Equal(one.Design.Select(d => d.RunId), Enumerable.Range(0, 80).Select(i => (long)i));
    }

    [Fact]
    public void A_builder_step_leaves_the_earlier_builder_as_it_was()
    {
        var one = Sweep.Define("x").Scenario("baseline").Vary("Demand:PriceElasticity", 0.5, 2).Sampler(Sampler.Lhs(8));
        var two = one.Vary("Demand:AdoptionSpeed", 0.5, 2);
        Assert.Single(one.ToSpec().Parameters);
        Assert.Equal(2, two.ToSpec().Parameters.Count);
    }

    [Fact]
    public void Distributions_groups_and_scrambling_give_the_design_the_same_spec_file_gives()
    {
        var builder = Sweep.Define("beliefs").Scenario("baseline")
            .Vary("Demand:PriceElasticity", Distribution.Normal(1.2, 0.3), group: "demand")
            .Vary("Demand:AdoptionSpeed", 0.5, 2.0, ParameterScale.Log, group: "demand")
            .Vary("Trends:AlgorithmicHalvingMonths", Distribution.Triangular(5, 8, 14))
            .Sampler(Sampler.Saltelli(4)).Seed(3);
        var scrambled = builder.ToSpec();
        Assert.Equal("normal", scrambled.Parameters[0].Distribution!.Name);
        Assert.Equal(0.3, scrambled.Parameters[0].Distribution!.Values["sd"]);
        Assert.Equal(["demand", "demand", null], scrambled.Parameters.Select(p => p.Group));
        Assert.True(scrambled.Design.Scramble);

        var plain = builder.Scramble(false).ToSpec();
        Assert.False(plain.Design.Scramble);
        var file = Specs.Parse("""
            { "name": "beliefs", "scenario": "baseline", "seed": 3,
              "design": { "sampler": "saltelli", "samples": 4, "scramble": false },
              "parameters": [
                { "key": "Demand:PriceElasticity", "distribution": "normal", "mean": 1.2, "sd": 0.3, "group": "demand" },
                { "key": "Demand:AdoptionSpeed", "min": 0.5, "max": 2.0, "scale": "log", "group": "demand" },
                { "key": "Trends:AlgorithmicHalvingMonths", "distribution": "triangular", "min": 5, "mode": 8, "max": 14 } ] }
            """);
        var design = SweepDesign.Build(plain);
        Assert.Equal(SweepDesign.Build(file).Rows, design.Rows);
        Assert.Equal(4 * (2 + 2), design.Rows.Count); // two groups: A, A with each group from B, B
        Assert.NotEqual(SweepDesign.Build(scrambled).Rows, design.Rows);
    }
}
