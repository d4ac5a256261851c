using MarketSim.Core;
using MarketSim.Core.Results;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

public class GenerationTests
{
    private static readonly Scenario Baseline = ScenarioLoader.Load(null, []);

    private static double[] Values(RunResult r, string agent, string metric) =>
        r.Series.Single(s => s.Agent == agent && s.Metric == metric).Values;

    [Fact]
    public void Units_shipped_count_physical_accelerators_and_h100e_shipped_their_performance()
    {
        var perUnit = Baseline.Generations.Where(g => g.Value.Vendor == "Nvidia").Select(g => $"Generations:{g.Key}:H100ePerUnit=2.5");
        var r = Simulation.Create(ScenarioLoader.Load(null, perUnit), 1).Run();
        var units = Values(r, "Nvidia", "units_shipped");
        var h100e = Values(r, "Nvidia", "h100e_shipped");
        Assert.True(h100e.Sum() > 1e6);
        for (var t = 0; t < units.Length; t++) Assert.Equal(h100e[t] / 2.5, units[t], 1e-6 * h100e[t]);
    }

    [Fact]
    public void Units_by_generation_add_up_to_units_shipped_and_divide_each_generations_h100e_by_its_own_performance()
    {
        var r = Simulation.Create(Baseline, 1).Run();
        foreach (var maker in new[] { "Nvidia", "AMD", "CustomSilicon" })
        {
            var byGeneration = r.Series.Where(s => s.Agent == maker && s.Metric.StartsWith("units_shipped_")).ToList();
            Assert.NotEmpty(byGeneration);
            var units = Values(r, maker, "units_shipped");
            for (var t = 0; t < units.Length; t++)
                Assert.Equal(units[t], byGeneration.Sum(s => s.Values[t]), 1e-6 * Math.Max(1, units[t]));
        }
        // In 2025-03 Nvidia ships GB200 (2.527 H100e a unit) phasing in, B200 (2.274) and the last H200s (1): each
        // generation's share of the H100e divided by its own H100e per unit.
        var march = r.Dates.ToList().IndexOf("2025-03");
        var mix = Simulation.Create(Baseline, 1).World.Roadmap.Line("Nvidia").MixAt(new YearMonth(2025, 3)).ToArray();
        Assert.Equal(["nvidia-gb200", "nvidia-b200", "nvidia-h200"], mix.Select(m => m.Generation.Id));
        var h100e = Values(r, "Nvidia", "h100e_shipped")[march];
        Assert.Equal(h100e * mix.Sum(m => m.Share / m.Generation.H100ePerUnit), Values(r, "Nvidia", "units_shipped")[march], 1e-6 * h100e);
        Assert.Equal(h100e * mix[0].Share / 2.527, Values(r, "Nvidia", "units_shipped_nvidia-gb200")[march], 1e-6 * h100e);
        Assert.Equal(0, Values(r, "Nvidia", "units_shipped_nvidia-rubin")[march]);
    }

    [Theory]
    [InlineData("")]
    // Generations phased in over a year and a half, and over none, on a clock that stops early.
    [InlineData("Hardware:GenerationOverlapMonths=18")]
    [InlineData("Hardware:GenerationOverlapMonths=0 Clock:End=2027-06")]
    public void A_chipmaker_has_a_series_for_each_generation_its_lines_ship_in_some_month_oldest_first(string overrides)
    {
        var sim = Simulation.Create(ScenarioLoader.Load(null, overrides.Split(' ', StringSplitOptions.RemoveEmptyEntries)), 1);
        var clock = sim.World.Clock;
        var r = sim.Run();
        foreach (var maker in sim.World.Chipmakers)
        {
            var shipped = new HashSet<string>();
            for (var step = 0; step < clock.Steps; step++)
                foreach (var line in maker.Lines)
                    foreach (var (generation, share) in line.MixAt(clock.Start.AddMonths(step)))
                        if (share > 0) shipped.Add(generation.Id);
            var expected = maker.Lines.SelectMany(l => l.Generations).Distinct().Where(g => shipped.Contains(g.Id))
                .OrderBy(g => g.FirstVolumeMonth.Index).ThenBy(g => g.Id, StringComparer.Ordinal).Select(g => "units_shipped_" + g.Id);
            var series = r.Series.Where(s => s.Agent == maker.Name && s.Metric.StartsWith("units_shipped_")).Select(s => s.Metric);
            Assert.Equal(expected, series);
            Assert.True(shipped.Count > 1, $"{maker.Name} ships {shipped.Count} generation(s)");
        }
    }

    [Fact]
    public void Vintages_remember_their_generation_and_take_its_power()
    {
        var sim = Simulation.Create(Baseline, 1);
        while (sim.World.Clock.Date < new YearMonth(2027, 6)) sim.StepOnce();
        var fleet = sim.World.Clouds.SelectMany(c => c.Fleet.Select(v => (Cloud: c.Name, Vintage: v))).ToList();
        Assert.All(fleet, f => Assert.Equal(f.Vintage.Generation.KwPerUnit / f.Vintage.Generation.H100ePerUnit, f.Vintage.KwPerH100e, 12));
        // Chips delivered in the last months are the newest generations on each roadmap; the opening fleet is older.
        var recent = fleet.Where(f => f.Vintage.InstalledStep >= sim.World.Clock.Step - 3).Select(f => f.Vintage.Generation.Id).ToHashSet();
        Assert.Contains("nvidia-rubin", recent);
        Assert.DoesNotContain("nvidia-h100", recent);
        Assert.Contains(fleet, f => f.Vintage.InstalledStep < 0 && f.Vintage.Generation.Id is "nvidia-h100" or "nvidia-h200");
        // Each cloud's custom silicon is its own family; a cloud without one takes the newest of either.
        Assert.All(fleet.Where(f => f.Cloud == "AWS" && f.Vintage.Generation.Vendor == "CustomSilicon"),
            f => Assert.Equal("AWS Trainium", f.Vintage.Generation.Family));
        Assert.All(fleet.Where(f => f.Cloud == "Google" && f.Vintage.Generation.Vendor == "CustomSilicon"),
            f => Assert.Equal("Google TPU", f.Vintage.Generation.Family));
    }

    [Fact]
    public void A_month_asked_again_gets_the_mix_a_fresh_line_gives_bit_for_bit()
    {
        // The line remembers the last month's mix; months asked again, out of order and alternately must not tell.
        var months = new[] { 0, 0, 7, 7, 0, 30, 7, 7, 31, 30, 120, 0 }.Select(m => new YearMonth(2025, 1).AddMonths(m));
        var line = Simulation.Create(Baseline, 1).World.Roadmap.Line("Nvidia");
        foreach (var month in months)
        {
            var asked = line.MixAt(month).ToArray();
            var fresh = Simulation.Create(Baseline, 1).World.Roadmap.Line("Nvidia").MixAt(month).ToArray();
            Assert.Equal(fresh.Select(m => m.Generation.Id), asked.Select(m => m.Generation.Id));
            Assert.Equal(fresh.Select(m => BitConverter.DoubleToInt64Bits(m.Share)), asked.Select(m => BitConverter.DoubleToInt64Bits(m.Share)));
        }
    }

    [Fact]
    public void A_new_generation_phases_in_over_the_overlap_months()
    {
        var line = Simulation.Create(Baseline, 1).World.Roadmap.Line("Nvidia");
        var first = line.MixAt(new YearMonth(2025, 7)).ToArray(); // GB300's first volume month
        Assert.Equal(["nvidia-gb300", "nvidia-gb200"], first.Select(m => m.Generation.Id)); // GB200 took over from B200 by 2025-07
        Assert.Equal(1.0 / 6, first[0].Share, 12);
        Assert.Equal(1, first.Sum(m => m.Share), 12);
        var done = line.MixAt(new YearMonth(2025, 12)).ToArray();
        Assert.Equal("nvidia-gb300", Assert.Single(done).Generation.Id);
        var instant = Simulation.Create(ScenarioLoader.Load(null, ["Hardware:GenerationOverlapMonths=0"]), 1).World.Roadmap.Line("Nvidia");
        Assert.Equal("nvidia-gb300", Assert.Single(instant.MixAt(new YearMonth(2025, 7)).ToArray()).Generation.Id);
    }

    [Fact]
    public void Past_the_table_successors_continue_the_vendors_own_trend()
    {
        var line = Simulation.Create(Baseline, 1).World.Roadmap.Line("Nvidia");
        var feynman = line.Generations.Single(g => g.Id == "nvidia-feynman");
        var next = line.Generations.Single(g => g.Id == "nvidia-next-1");
        Assert.True(next.Extrapolated);
        Assert.Equal(new YearMonth(2030, 9), next.FirstVolumeMonth); // GenerationCadenceMonths = 24
        var h100 = line.Generations[0];
        double Trend(double first, double last) => Math.Pow(last / first, 24.0 / 71); // H100 2022-10 to Feynman 2028-09
        Assert.Equal(feynman.ListPriceUsdPerH100e * Trend(h100.ListPriceUsdPerH100e, feynman.ListPriceUsdPerH100e), next.ListPriceUsdPerH100e, 6);
        Assert.Equal(feynman.KwPerH100e * Trend(h100.KwPerH100e, feynman.KwPerH100e), next.KwPerH100e, 9);
        Assert.Equal(feynman.H100ePerUnit * Trend(h100.H100ePerUnit, feynman.H100ePerUnit), next.H100ePerUnit, 9);
    }

    [Fact]
    public void A_table_that_worsens_is_continued_flat_so_no_successor_is_worse_than_its_predecessor()
    {
        // Trainium 1 at 1,000 H100e a unit makes the custom-silicon table slower per unit and dearer and hungrier per
        // H100e from first to last: continued for decades, that trend drew 1e41 kW per H100e by 2066.
        var scenario = ScenarioLoader.Load(null, ["Generations:aws-trainium1:H100ePerUnit=1000", "Clock:End=2060-12"]);
        var line = Simulation.Create(scenario, 1).World.Roadmap.Line("CustomSilicon");
        var successors = line.Generations.Where(g => g.Extrapolated).ToArray();
        Assert.NotEmpty(successors);
        var last = line.Generations.Last(g => !g.Extrapolated);
        Assert.All(successors, g =>
        {
            Assert.Equal(last.KwPerH100e, g.KwPerH100e, 12);
            Assert.Equal(last.ListPriceUsdPerH100e, g.ListPriceUsdPerH100e, 6);
            Assert.Equal(last.H100ePerUnit, g.H100ePerUnit, 12);
        });
    }

    [Fact]
    public void A_chipmaker_prices_its_generations_list_price_by_its_margin()
    {
        var sim = Simulation.Create(Baseline, 1);
        for (var i = 0; i < 8; i++) sim.StepOnce();
        var nvidia = sim.World.Chipmakers.Single(c => c.Name == "Nvidia");
        var list = nvidia.Line.ListPriceUsdPerH100eAt(sim.World.Clock.Date);
        var o = nvidia.Options;
        Assert.NotEqual(o.BaseGrossMargin, nvidia.GrossMargin);
        Assert.Equal(list * (1 - o.BaseGrossMargin) / (1 - nvidia.GrossMargin), nvidia.PriceUsdPerH100e, 6);
        Assert.Equal(list * (1 - o.BaseGrossMargin), nvidia.UnitCostUsd, 6);
    }
}
