using System.Reflection;
using MarketSim.Experiments.Design;
using MarketSim.Experiments.Specs;

namespace MarketSim.Experiments.Tests;

public class SamplerTests
{
    [Fact]
    public void Sobol_first_points_match_scipy_unscrambled()
    {
        // scipy.stats.qmc.Sobol(d=3, scramble=False).random(8)
        double[][] expected =
        [
            [0, 0, 0], [0.5, 0.5, 0.5], [0.75, 0.25, 0.25], [0.25, 0.75, 0.75],
            [0.375, 0.375, 0.625], [0.875, 0.875, 0.125], [0.625, 0.125, 0.875], [0.125, 0.625, 0.375],
        ];
        Assert.Equal(expected, new SobolSequence(3).Points(0, 8));
    }

    [Fact]
    public void Sobol_jumping_ahead_equals_running_through()
    {
        var all = new SobolSequence(20).Points(0, 300);
        Assert.Equal(all[123..300], new SobolSequence(20).Points(123, 177));
    }

    [Fact]
    public void Sobol_has_at_least_64_dimensions_each_balanced_over_a_power_of_two_block()
    {
        Assert.True(SobolSequence.MaxDimensions >= 64);
        var points = new SobolSequence(SobolSequence.MaxDimensions).Points(0, 256);
        for (var d = 0; d < SobolSequence.MaxDimensions; d++)
        {
            // a (0, m, 1)-net in every dimension: each of the 256 cells [k/256, (k+1)/256) holds exactly one point
            var cells = points.Select(p => (int)(p[d] * 256)).Order().ToArray();
            Assert.Equal(Enumerable.Range(0, 256), cells);
        }
    }

    [Fact]
    public void Direction_numbers_are_odd_and_below_two_to_the_k()
    {
        using var stream = typeof(SobolSequence).Assembly.GetManifestResourceStream("MarketSim.Experiments.joe-kuo-6.21201.txt")!;
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Equal(SobolSequence.MaxDimensions - 1, lines.Count);
        foreach (var line in lines)
        {
            var m = line.Split(' ').Skip(1).Select(uint.Parse).ToArray();
            for (var k = 0; k < m.Length; k++) Assert.True(m[k] % 2 == 1 && m[k] < 1u << (k + 1), line);
        }
    }

    [Fact]
    public void Latin_hypercube_puts_one_point_in_each_stratum_of_each_dimension()
    {
        const int n = 50;
        var rows = UnitSamplers.LatinHypercube(n, 4, seed: 3);
        for (var d = 0; d < 4; d++)
            Assert.Equal(Enumerable.Range(0, n), rows.Select(r => (int)Math.Floor(r[d] * n)).Order());
    }

    [Theory]
    [InlineData("lhs", 64)]
    [InlineData("random", 64)]
    [InlineData("sobol", 64)]
    public void Designs_stay_in_bounds_and_are_reproducible(string sampler, int samples)
    {
        var json = Specs.Small.Replace("\"lhs\", \"samples\": 40", $"\"{sampler}\", \"samples\": {samples}");
        var a = SweepDesign.Build(Specs.Parse(json));
        var b = SweepDesign.Build(Specs.Parse(json));
        Assert.Equal(a.Rows, b.Rows);
        Assert.Equal(samples, a.Rows.Count);
        foreach (var row in a.Rows)
        {
            Assert.InRange(double.Parse(row[0]), 0.6, 1.8);
            Assert.InRange(double.Parse(row[1]), 4, 16);
            Assert.Contains(row[2], new[] { "false", "true" });
        }
        Assert.Equal(2, a.Rows.Select(r => r[2]).Distinct().Count());
        var otherSeed = SweepDesign.Build(Specs.Parse(json.Replace("\"seed\": 7", "\"seed\": 8")));
        Assert.NotEqual(a.Rows, otherSeed.Rows); // sobol too: its scrambling is seeded
    }

    [Fact]
    public void Log_scale_spreads_evenly_in_log_space()
    {
        var json = Specs.Small.Replace("\"lhs\", \"samples\": 40", "\"sobol\", \"samples\": 2, \"scramble\": false");
        var rows = SweepDesign.Build(Specs.Parse(json)).Rows;
        Assert.Equal(4, double.Parse(rows[0][1]));
        Assert.Equal(8, double.Parse(rows[1][1]), 12); // sqrt(4 * 16): the midpoint in log space
    }

    [Fact]
    public void Grid_is_the_full_factorial_with_the_last_parameter_fastest()
    {
        var json = Specs.Small.Replace("\"sampler\": \"lhs\", \"samples\": 40", "\"sampler\": \"grid\"")
            .Replace("\"min\": 0.6, \"max\": 1.8 }", "\"min\": 0.5, \"max\": 1.5, \"steps\": 3 }")
            .Replace("\"scale\": \"log\" }", "\"scale\": \"log\", \"steps\": 2 }");
        var rows = SweepDesign.Build(Specs.Parse(json)).Rows;
        Assert.Equal(12, rows.Count);
        Assert.Equal(["0.5", "4", "false"], rows[0]);
        Assert.Equal(["0.5", "4", "true"], rows[1]);
        Assert.Equal(["0.5", "16", "false"], rows[2]);
        Assert.Equal(["1.5", "16", "true"], rows[11]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Saltelli_rows_follow_the_SALib_block_layout(bool secondOrder)
    {
        const int n = 8, d = 3;
        var rows = UnitSamplers.Saltelli(n, d, secondOrder);
        var block = secondOrder ? 2 * d + 2 : d + 2;
        Assert.Equal(n * block, rows.Length);
        var basePoints = new SobolSequence(2 * d).Points(n, n);
        for (var i = 0; i < n; i++)
        {
            var a = basePoints[i][..d];
            var b = basePoints[i][d..];
            var r = i * block;
            Assert.Equal(a, rows[r]);
            Assert.Equal(b, rows[r + block - 1]);
            for (var j = 0; j < d; j++)
            {
                Assert.Equal(Enumerable.Range(0, d).Select(c => c == j ? b[c] : a[c]), rows[r + 1 + j]);
                if (secondOrder) Assert.Equal(Enumerable.Range(0, d).Select(c => c == j ? a[c] : b[c]), rows[r + 1 + d + j]);
            }
        }
    }

    [Fact]
    public void Morris_steps_change_exactly_one_parameter_by_delta()
    {
        const int t = 10, d = 4, levels = 6;
        var rows = UnitSamplers.Morris(t, d, levels, seed: 11);
        Assert.Equal(t * (d + 1), rows.Length);
        var delta = levels / (2.0 * (levels - 1));
        for (var k = 0; k < t; k++)
        {
            var moved = new HashSet<int>();
            for (var s = 1; s <= d; s++)
            {
                var prev = rows[k * (d + 1) + s - 1];
                var cur = rows[k * (d + 1) + s];
                var changed = Enumerable.Range(0, d).Where(c => prev[c] != cur[c]).ToList();
                var c0 = Assert.Single(changed);
                Assert.Equal(delta, Math.Abs(cur[c0] - prev[c0]), 12);
                Assert.True(moved.Add(c0));
                Assert.All(cur, x => Assert.InRange(x, 0, 1));
            }
        }
    }

    [Fact]
    public void Integer_scenario_keys_are_rounded_in_the_design()
    {
        var json = Specs.Small.Replace("Demand:PriceElasticity\", \"min\": 0.6, \"max\": 1.8", "Power:ShellBuildMonths\", \"min\": 6, \"max\": 30");
        var rows = SweepDesign.Build(Specs.Parse(json)).Rows;
        Assert.All(rows, r => Assert.Matches("^[0-9]+$", r[0]));
    }
}
