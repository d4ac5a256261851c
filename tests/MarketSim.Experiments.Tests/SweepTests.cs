using MarketSim.Core;
using MarketSim.Core.Scenarios;
using MarketSim.Experiments.Output;
using MarketSim.Experiments.Specs;

namespace MarketSim.Experiments.Tests;

public class SweepTests
{
    private static SweepOutcome Sweep(string json, string dir, int workers = 1, bool resume = false, int shard = 0, int shards = 1, FakeModel? model = null) =>
        SweepRunner.Run(Specs.Parse(json), new SweepOptions(dir, workers, resume, shard, shards), _ => model ?? new FakeModel());

    [Fact]
    public void Writes_the_contract_tables_in_run_id_order()
    {
        using var tmp = new TempDir();
        var outcome = Sweep(Specs.Small, tmp["out"]);
        Assert.Equal(80, outcome.Ran);
        var design = File.ReadAllLines(tmp["out/design.csv"]);
        Assert.Equal("run_id,design_row,replication,seed,Demand:PriceElasticity,Trends:AlgorithmicHalvingMonths,Shocks:EfficiencyBreakthrough:Enabled", design[0]);
        Assert.StartsWith("3,1,1,", design[4]);
        Assert.Equal(design[3].Split(',')[4..], design[4].Split(',')[4..]); // replications share the parameter values
        Assert.NotEqual(design[3].Split(',')[3], design[4].Split(',')[3]); // but not the seed
        var ts = File.ReadAllLines(tmp["out/timeseries.csv"]);
        Assert.Equal("run_id,step,date,agent,metric,value", ts[0]);
        Assert.Equal(1 + 80 * 3 * 3, ts.Length); // 3 series x 3 years per run
        Assert.Contains("0,2,2027,AWS,cash_usd_bn,35", ts); // stocks: December of 2027 is month 35
        var ids = File.ReadLines(tmp["out/summary.csv"]).Skip(1).Select(l => long.Parse(l.Split(',')[0])).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Contains("0,cohort_2026_2027_irr,", File.ReadAllLines(tmp["out/summary.csv"])); // undefined: an empty value
    }

    [Fact]
    public void A_run_too_short_for_any_retirement_has_no_mean_retirement_age_and_is_not_a_failure()
    {
        var result = Simulation.Create(ScenarioLoader.Load(null, ["Clock:End=2026-12"]), 1).Run();
        Assert.True(double.IsNaN(result.SummaryValue("mean_retirement_age_years")));
        Assert.Null(RunRenderer.Failure(result));
    }

    [Fact]
    public void Annual_flows_are_summed_and_levels_averaged()
    {
        var spec = Specs.Parse(Specs.Small);
        var result = new FakeModel().Run([new("Demand:PriceElasticity", "1")], 5);
        var rows = new RunRenderer(spec.Outputs).Timeseries(9, result).ToList();
        var revenue = result.Series[0].Values;
        var utilization = result.Series[2].Values;
        Assert.All(rows, r => Assert.Equal(9, r.RunId));
        Assert.Equal(revenue[12..24].Sum(), rows.Single(r => r.Agent == "Nvidia" && r.Date == "2026").Value, 9);
        Assert.Equal(utilization[24..36].Average(), rows.Single(r => r.Metric == "utilization" && r.Date == "2027").Value, 9);
        Assert.Equal(1, rows.Single(r => r.Metric == "utilization" && r.Date == "2026").Step);
    }

    [Fact]
    public void Files_are_byte_identical_for_one_and_three_workers()
    {
        using var tmp = new TempDir();
        Sweep(Specs.Small, tmp["one"], workers: 1);
        Sweep(Specs.Small, tmp["three"], workers: 3);
        Specs.AssertSameTables(tmp["one"], tmp["three"]);
    }

    [Fact]
    public void Three_shards_merged_equal_a_single_process_sweep()
    {
        using var tmp = new TempDir();
        Sweep(Specs.Small, tmp["single"]);
        for (var k = 0; k < 3; k++) Sweep(Specs.Small, tmp["sharded"], workers: 2, shard: k, shards: 3);
        Assert.True(File.Exists(tmp["sharded/shards/1-of-3/summary.csv"]));
        var merged = ShardMerger.Merge(tmp["sharded"]);
        Assert.Equal(80, merged.Runs);
        Specs.AssertSameTables(tmp["single"], tmp["sharded"]);
    }

    [Fact]
    public void Merge_names_missing_and_duplicate_run_ids()
    {
        using var tmp = new TempDir();
        Sweep(Specs.Small, tmp["s"], shard: 0, shards: 2);
        var missing = Assert.Throws<SpecException>(() => ShardMerger.Merge(tmp["s"]));
        Assert.Contains("40 run ids missing", missing.Message);
        Assert.Contains("1, 3, 5", missing.Message);
        Sweep(Specs.Small, tmp["s"], shard: 1, shards: 2);
        Sweep(Specs.Small, tmp["s"], shard: 0, shards: 4);
        var twice = Assert.Throws<SpecException>(() => ShardMerger.Merge(tmp["s"]));
        Assert.Contains("20 run ids present in more than one shard: 0, 4, 8", twice.Message);
        Assert.False(File.Exists(tmp["s/summary.csv"]));
    }

    [Fact]
    public void A_failing_run_is_recorded_and_the_sweep_goes_on()
    {
        using var tmp = new TempDir();
        var model = new FakeModel(fail: seed => seed % 7 == 0, infinite: seed => seed % 7 == 1);
        var outcome = Sweep(Specs.Small, tmp["out"], workers: 2, model: model);
        var runs = File.ReadAllLines(tmp["out/runs.csv"]).Skip(1).Select(l => l.Split(',', 4)).ToList();
        Assert.Equal(80, runs.Count);
        var failed = runs.Where(r => r[1] == "failed").ToList();
        Assert.True(failed.Count > 0 && failed.Count < 80);
        Assert.Equal(failed.Count, outcome.Failed);
        Assert.Contains(failed, r => r[3] == "InvalidOperationException: the model broke on two lines");
        Assert.Contains(failed, r => r[3] == "summary metric capex_2026_2027_usd_bn is Infinity");
        var summaryIds = File.ReadLines(tmp["out/summary.csv"]).Skip(1).Select(l => l.Split(',')[0]).ToHashSet();
        Assert.All(failed, r => Assert.DoesNotContain(r[0], summaryIds));
        Assert.Equal(80 - failed.Count, summaryIds.Count);
    }

    [Fact]
    public void Resume_after_torn_writes_equals_an_uninterrupted_sweep()
    {
        using var tmp = new TempDir();
        Sweep(Specs.Small, tmp["ref"]);
        Sweep(Specs.Small, tmp["torn"], workers: 2);
        // as if killed mid-write: runs.csv committed up to run 29 plus half a line, data tables ahead of it and torn
        CutInsideRun(tmp["torn/runs.csv"], 30);
        CutInsideRun(tmp["torn/summary.csv"], 35);
        CutInsideRun(tmp["torn/timeseries.csv"], 31);
        var outcome = Sweep(Specs.Small, tmp["torn"], workers: 3, resume: true);
        Assert.Equal(30, outcome.Skipped);
        Assert.Equal(50, outcome.Ran);
        Specs.AssertSameTables(tmp["ref"], tmp["torn"]);
        Assert.Equal(0, Sweep(Specs.Small, tmp["torn"], resume: true).Ran);
    }

    private static void CutInsideRun(string path, int runId)
    {
        var text = File.ReadAllText(path);
        var at = text.IndexOf($"\n{runId},", StringComparison.Ordinal) + 1 + runId.ToString().Length + 3;
        File.WriteAllText(path, text[..at]);
    }

    [Fact]
    public void Another_spec_is_refused_in_a_directory_with_results()
    {
        using var tmp = new TempDir();
        Sweep(Specs.Small, tmp["out"]);
        var before = Specs.Tables(tmp["out"]);
        var e = Assert.Throws<SpecException>(() => Sweep(Specs.Small.Replace("\"seed\": 7", "\"seed\": 8"), tmp["out"]));
        Assert.Contains("already holds results of another spec", e.Message);
        Assert.Equal(before.Keys, Specs.Tables(tmp["out"]).Keys);
        Sweep(Specs.Small, tmp["out"]); // the same spec may be rerun from scratch
    }

    [Fact]
    public void Design_only_needs_no_scenario_and_writes_design_and_manifest()
    {
        using var tmp = new TempDir();
        var json = Specs.Small.Replace("\"scenario\": \"baseline\",", "").Replace("Demand:PriceElasticity", "Anything:Goes")
            .Replace("\"lhs\", \"samples\": 40", "\"saltelli\", \"samples\": 16, \"secondOrder\": true");
        var spec = SpecParser.Parse(json, "spec.json", requireScenario: false);
        SweepRunner.Run(spec, new SweepOptions(tmp["out"], DesignOnly: true), _ => throw new InvalidOperationException());
        Assert.Equal([".marketsim.lock", "design.csv", "manifest.json"], Directory.GetFiles(tmp["out"]).Select(Path.GetFileName).Order());
        Assert.Equal(0, new FileInfo(tmp["out/.marketsim.lock"]).Length); // released: nobody holds it
        Assert.Equal(1 + 16 * (2 * 3 + 2) * 2, File.ReadAllLines(tmp["out/design.csv"]).Length);
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(tmp["out/manifest.json"]))!;
        Assert.Equal(128, manifest["design"]!["rows"]!.GetValue<int>());
        Assert.True(manifest["design"]!["secondOrder"]!.GetValue<bool>());
        Assert.False(manifest["parameters"]![2]!["values"]![0]!.GetValue<bool>());
    }
}
