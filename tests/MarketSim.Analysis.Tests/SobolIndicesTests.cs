namespace MarketSim.Analysis.Tests;

public class SobolIndicesTests
{
    // Monte Carlo error of these estimators shrinks like 1/sqrt(N). With N = 2^14 base rows the 95% bootstrap
    // half-widths on Ishigami are about 0.01 to 0.03 (asserted below, so the bound cannot silently loosen);
    // a tolerance of 0.05 is roughly two half-widths, while a wrong estimator (swapped A/B, missing 0.5, wrong
    // variance) is off by 0.1 or more.
    private const int N = 1 << 14;
    private const double Tolerance = 0.05;

    [Fact]
    public void Ishigami_first_and_total_order_match_the_analytic_values()
    {
        var design = SaltelliMonteCarlo.Design(N, 3, secondOrder: false, seed: 11);
        var result = ModelAnalysis.Sobol(Ishigami.Evaluate, design, secondOrder: false, bootstrap: 200, seed: 3);

        Assert.Equal(N, result.BaseSamples);
        for (var j = 0; j < 3; j++)
        {
            Assert.InRange(result.S1[j], Ishigami.S1[j] - Tolerance, Ishigami.S1[j] + Tolerance);
            Assert.InRange(result.ST[j], Ishigami.ST[j] - Tolerance, Ishigami.ST[j] + Tolerance);
            Assert.InRange(result.S1Conf[j], 0.001, Tolerance / 1.5);
            Assert.InRange(result.STConf[j], 0.001, Tolerance / 1.5);
        }
        Assert.Null(result.S2);
    }

    [Fact]
    public void Ishigami_second_order_finds_the_x1_x3_interaction_only()
    {
        var design = SaltelliMonteCarlo.Design(N, 3, secondOrder: true, seed: 5);
        var result = ModelAnalysis.Sobol(Ishigami.Evaluate, design, secondOrder: true, bootstrap: 200, seed: 3);

        // The second-order estimator subtracts two first-order estimates, so it is about twice as noisy.
        const double s2Tolerance = 2 * Tolerance;
        Assert.InRange(result.S2![0][2], Ishigami.S13 - s2Tolerance, Ishigami.S13 + s2Tolerance);
        Assert.InRange(result.S2[0][1], -s2Tolerance, s2Tolerance);
        Assert.InRange(result.S2[1][2], -s2Tolerance, s2Tolerance);
        Assert.True(double.IsNaN(result.S2[1][0]), "only the upper triangle is estimated");
        Assert.InRange(result.S2Conf![0][2], 0.001, s2Tolerance);
        for (var j = 0; j < 3; j++) Assert.InRange(result.ST[j], Ishigami.ST[j] - Tolerance, Ishigami.ST[j] + Tolerance);
    }

    [Fact]
    public void Same_seed_gives_identical_intervals_and_another_seed_different_ones()
    {
        var design = SaltelliMonteCarlo.Design(256, 3, secondOrder: false, seed: 1);
        var y = ModelAnalysis.Evaluate(Ishigami.Evaluate, design);
        var first = SobolIndices.Analyze(y, 3, false, 100, seed: 7);
        var again = SobolIndices.Analyze(y, 3, false, 100, seed: 7);
        var other = SobolIndices.Analyze(y, 3, false, 100, seed: 8);

        Assert.Equal(first.S1Conf, again.S1Conf);
        Assert.Equal(first.S1, other.S1);
        Assert.NotEqual(first.S1Conf, other.S1Conf);
    }

    [Fact]
    public void Indices_do_not_depend_on_the_output_scale_or_offset()
    {
        var design = SaltelliMonteCarlo.Design(512, 3, secondOrder: false, seed: 2);
        var y = ModelAnalysis.Evaluate(Ishigami.Evaluate, design);
        var shifted = y.Select(v => 1000 + 50 * v).ToArray();
        var a = SobolIndices.Analyze(y, 3, false, 10, 1);
        var b = SobolIndices.Analyze(shifted, 3, false, 10, 1);
        for (var j = 0; j < 3; j++)
        {
            Assert.Equal(a.S1[j], b.S1[j], 9);
            Assert.Equal(a.ST[j], b.ST[j], 9);
        }
    }

    [Fact]
    public void A_constant_output_has_undefined_indices()
    {
        var result = SobolIndices.Analyze(Enumerable.Repeat(4.0, 50).ToArray(), 3, false, 20, 0);
        Assert.All(result.S1.Concat(result.ST).Concat(result.S1Conf), v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void An_incomplete_block_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => SobolIndices.Analyze(new double[11], 3, false, 10, 0));
        Assert.Contains("blocks of 5 rows", e.Message);
    }
}
