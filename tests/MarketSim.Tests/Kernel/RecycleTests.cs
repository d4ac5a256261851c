using MarketSim.Core;
using MarketSim.Core.Results;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

/// <summary>
/// A recycled result hands its storage (series values, event blocks, vintages, contracts, lists) to the next run on
/// its thread. A run on reused storage must record the same bits as a run on fresh storage, whatever ran before it,
/// and a recycled result must refuse to be read.
/// </summary>
public class RecycleTests
{
    // Runs of different lengths, agents, buyers and histories (shocks, defaults, broken contracts, no deals).
    private static readonly (Func<Scenario> Scenario, int Seed)[] Variations =
    [
        (() => ScenarioLoader.Load(null, []), 1),
        (() => ScenarioLoader.Load("backtest", []), 2),
        (() => ScenarioLoader.Load(null, ["Clock:End=2029-12"]), 3),
        (() => ScenarioLoader.Load(null, ["Demand:Buyers=15000"]), 4),
        (() => ScenarioLoader.Load(null, ["Shocks:LabDefault:Enabled=true", "Shocks:PriceWar:Enabled=true",
            "Shocks:PowerCrunch:Enabled=true", "Shocks:RateRise:Enabled=true"]), 5),
        (() => ScenarioLoader.Load(null, ["Deals:Enabled=false", "Demand:Buyers=6000"]), 6),
        (() => ScenarioLoader.Load(null, ["Shocks:DemandShortfall:Enabled=true", "Shocks:DemandShortfall:Fraction=0.6",
            "Finance:Leverage=4"]), 7),
        (WithAnotherCloud, 8),
    ];

    /// <summary>The baseline with one cloud more: a copy of its first open cloud under another name.</summary>
    private static Scenario WithAnotherCloud()
    {
        var baseline = ScenarioLoader.Load(null, []);
        var open = baseline.Clouds.First(c => c.Value.CaptiveLab.Length == 0).Value;
        return baseline with { Clouds = new Dictionary<string, CloudOptions>(baseline.Clouds) { ["Zeta"] = open } };
    }

    private static string Fingerprint(RunResult r) => string.Join("|",
        r.Dates.Concat(r.Series.Select(s => $"{s.Agent}{s.Kind}{s.Metric}{s.Aggregation}{string.Join(',', s.Values.Select(v => v.ToString("R")))}"))
            .Concat(r.Events.Select(e => e.ToString())).Concat(r.Summary.Select(m => $"{m.Metric}={m.Value:R}")));

    private static RunResult Run(int variation, int? seed = null)
    {
        var (scenario, defaultSeed) = Variations[variation];
        return Simulation.Create(scenario(), seed ?? defaultSeed).Run();
    }

    private static string[] FreshFingerprints() => FreshThread.Run(() =>
    {
        // Each run on a thread of its own, with nothing recycled before it: storage made afresh.
        return Enumerable.Range(0, Variations.Length).Select(v => FreshThread.Run(() => Fingerprint(Run(v)))).ToArray();
    });

    [Fact]
    public void Runs_on_recycled_storage_record_the_same_bits_as_fresh_runs_in_any_order()
    {
        var fresh = FreshFingerprints();
        Assert.Equal(fresh.Length, fresh.Distinct().Count());
        // Longer after shorter, more agents after fewer, more buyers after fewer and back, shocks after calm ones.
        int[] order = [1, 0, 2, 3, 0, 7, 4, 5, 1, 6, 7, 2, 0, 3, 6, 4, 7, 1];
        var recycled = FreshThread.Run(() => order.Select(v =>
        {
            var result = Run(v);
            var text = Fingerprint(result);
            result.Recycle();
            return text;
        }).ToArray());
        for (var i = 0; i < order.Length; i++) Assert.True(fresh[order[i]] == recycled[i], $"run {i} (variation {order[i]}) differs");
    }

    [Fact]
    public void The_variations_differ_in_months_and_agents()
    {
        // So that the order above really puts runs of different sizes after one another.
        var worlds = Variations.Select(v => Simulation.Create(v.Scenario(), 1).World).ToArray();
        Assert.NotEqual(worlds[0].Clock.Steps, worlds[1].Clock.Steps);
        Assert.NotEqual(worlds[0].Clock.Steps, worlds[2].Clock.Steps);
        Assert.Equal(worlds[0].Clouds.Count + 1, worlds[7].Clouds.Count);
        Assert.NotEqual(worlds[0].Demand.Count, worlds[3].Demand.Count);
    }

    [Fact]
    public void The_next_run_reuses_a_recycled_results_storage_and_never_a_kept_ones()
    {
        FreshThread.Run(() =>
        {
            var kept = Run(0);
            var keptText = Fingerprint(kept);
            var recycled = Run(0, seed: 2);
            var recycledValues = recycled.Series[0].Values;
            recycled.Recycle();
            var next = Run(0, seed: 3);
            Assert.Same(recycledValues, next.Series[0].Values);
            Assert.DoesNotContain(next.Series, s => kept.Series.Any(k => ReferenceEquals(k.Values, s.Values)));
            Assert.Equal(keptText, Fingerprint(kept));
            return 0;
        });
    }

    [Fact]
    public void A_recycled_result_refuses_to_be_read()
    {
        var simulation = Simulation.Create(ScenarioLoader.Load(null, []), 1);
        var result = simulation.Run();
        var unread = result.Events[^1];
        var copy = result with { ScenarioName = "copy" };
        Assert.False(result.IsRecycled);
        result.Recycle();
        result.Recycle(); // twice does nothing more
        Assert.True(result.IsRecycled);
        Assert.True(copy.IsRecycled);
        Assert.Throws<ObjectDisposedException>(() => result.Series);
        Assert.Throws<ObjectDisposedException>(() => result.Events);
        Assert.Throws<ObjectDisposedException>(() => result.Dates);
        Assert.Throws<ObjectDisposedException>(() => result.Summary);
        Assert.Throws<ObjectDisposedException>(() => result.SummaryValue("cohort_2026_2027_npv_usd_bn"));
        Assert.Throws<ObjectDisposedException>(() => copy.Series);
        Assert.Throws<ObjectDisposedException>(() => unread.Detail);
        Assert.Throws<ObjectDisposedException>(() => simulation.World.Step());
        Assert.Equal("baseline", result.ScenarioName);
    }

    [Fact]
    public void A_result_put_together_by_hand_can_be_recycled_and_then_refuses_to_be_read()
    {
        var result = new RunResult("hand", 0, ["2026-01"], [], [], []);
        result.Recycle();
        Assert.Throws<ObjectDisposedException>(() => result.Series);
    }

    [Theory]
    [MemberData(nameof(ConservationTests.Scenarios), MemberType = typeof(ConservationTests))]
    public void Money_and_capacity_are_conserved_every_step_on_recycled_storage(string[] overrides)
    {
        FreshThread.Run(() =>
        {
            // A longer run with more buyers and shocks first, so the stepped run reuses storage of another shape.
            Run(4).Recycle();
            Run(3).Recycle();
            var sim = Simulation.Create(ScenarioLoader.Load(null, overrides), 3);
            var world = sim.World;
            var installed = world.InstalledH100e();
            while (sim.StepOnce())
            {
                var before = installed;
                Assert.True(Math.Abs(world.Ledger.Total()) <= world.Ledger.Tolerance, $"ledger total {world.Ledger.Total()}");
                var delivered = world.Clouds.Sum(c => c.DeliveredThisStep);
                var retired = world.Clouds.Sum(c => c.RetiredThisStep);
                installed = world.InstalledH100e();
                Assert.Equal(before + delivered - retired, installed, 1e-6 * Math.Max(1, installed));
            }
            return 0;
        });
    }
}
