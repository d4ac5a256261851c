using MarketSim.Analysis;
using MarketSim.Experiments.Design;

namespace MarketSim.Experiments.Tests;

public class ScramblingTests
{
    [Fact]
    public void Scrambled_points_keep_one_point_per_cell_in_every_power_of_two_block()
    {
        var points = new SobolSequence(12, scrambleSeed: 5).Points(0, 512);
        foreach (var (start, count) in new[] { (0, 512), (0, 64), (64, 64), (256, 256) })
            for (var d = 0; d < 12; d++)
            {
                var cells = points.Skip(start).Take(count).Select(p => (int)(p[d] * count)).Order();
                Assert.Equal(Enumerable.Range(0, count), cells);
            }
        Assert.All(points[0], x => Assert.NotEqual(0, x)); // no corner at zero
    }

    [Fact]
    public void Scrambling_is_reproducible_per_seed_and_differs_between_seeds()
    {
        var a = new SobolSequence(4, 1).Points(0, 16);
        Assert.Equal(a, new SobolSequence(4, 1).Points(0, 16));
        Assert.NotEqual(a, new SobolSequence(4, 2).Points(0, 16));
        Assert.Equal(a[5..], new SobolSequence(4, 1).Points(5, 11)); // jumping ahead still works
    }

    /// <summary>
    /// The G-function (Saltelli and Sobol 1995) with a = (0, 1, 4.5, 9, 99, 99, 99, 99) has
    /// S1_i = V_i / V with V_i = 1/(3(1 + a_i)^2) and V = prod(1 + V_i) - 1.
    /// </summary>
    private static readonly double[] A = [0, 1, 4.5, 9, 99, 99, 99, 99];

    private static double G(double[] x) => x.Select((xi, i) => (Math.Abs(4 * xi - 2) + A[i]) / (1 + A[i])).Aggregate(1.0, (p, f) => p * f);

    private static double[] ExactS1()
    {
        var v = A.Select(a => 1 / (3 * (1 + a) * (1 + a))).ToArray();
        var total = v.Aggregate(1.0, (p, vi) => p * (1 + vi)) - 1;
        return v.Select(vi => vi / total).ToArray();
    }

    private static double S1Error(int? seed)
    {
        var design = UnitSamplers.Saltelli(1024, A.Length, secondOrder: false, scrambleSeed: seed);
        var result = SobolIndices.Analyze(ModelAnalysis.Evaluate(G, design), A.Length, false, bootstrap: 0);
        return result.S1.Zip(ExactS1(), (e, x) => Math.Abs(e - x)).Average();
    }

    [Fact]
    public void Scrambled_Saltelli_design_estimates_the_G_function_better_than_the_unscrambled_one_at_N_1024()
    {
        var unscrambled = S1Error(null);
        var scrambled = Enumerable.Range(1, 20).Select(seed => S1Error(seed)).Order().ToArray();
        // The unscrambled design's error is a bias of the sequence, the same every time (mean |S1 error| 0.0028,
        // as SALib's design with skip_values = N); scrambling turns it into a zero-mean error that is smaller for a
        // typical seed and about half as large on average (SALib's scrambled designs: 0.0010 over 20 seeds).
        Assert.True(scrambled[10] < unscrambled / 2, $"median scrambled {scrambled[10]} against unscrambled {unscrambled}");
        Assert.True(scrambled.Average() < 0.6 * unscrambled, $"mean scrambled {scrambled.Average()} against {unscrambled}");
    }
}
