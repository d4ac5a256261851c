using MarketSim.Analysis.Moments;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace MarketSim.Analysis.Tests;

public class MomentIndependentTests
{
    /// <summary>Ishigami on [-pi, pi]^3 plus a fourth, unused input, 2000 points from System.Random(3).</summary>
    private static (double[][] X, double[] Y) Ishigami4()
    {
        var random = new Random(3);
        var x = Enumerable.Range(0, 2000)
            .Select(_ => Enumerable.Range(0, 4).Select(_ => -Math.PI + 2 * Math.PI * random.NextDouble()).ToArray()).ToArray();
        return (x, x.Select(p => Math.Sin(p[0]) + 7 * Math.Pow(Math.Sin(p[1]), 2) + 0.1 * Math.Pow(p[2], 4) * Math.Sin(p[0])).ToArray());
    }

    [Fact]
    public void Delta_and_class_based_S1_equal_SALib_on_the_same_data()
    {
        // SALib's delta.calc_delta(Y, Ygrid, X_i, m) and delta.sobol_first(Y, X_i, m) on these 2000 points (M = 12).
        double[] salibDelta = [0.21809425286792158, 0.31782250196012224, 0.16571814730791004, 0.06356199334774072];
        double[] salibS1 = [0.33610290697805445, 0.39293435591297127, 0.003670205491434187, 0.007970506435068357];
        var (x, y) = Ishigami4();
        var result = DeltaMoment.Analyze(x, y, resamples: 0);
        Assert.Equal(12, result.Classes);
        for (var j = 0; j < 4; j++)
        {
            Assert.Equal(salibDelta[j], result.Delta[j], 12);
            Assert.Equal(salibS1[j], result.S1[j], 12);
        }
    }

    /// <summary>
    /// delta_i of Y = sum a_j X_j with independent standard normal X_j: given X_i = x, Y is normal with mean a_i x and
    /// variance s^2 - a_i^2 (s^2 = sum a_j^2), so delta_i = 1/2 E_x || N(0, s^2) - N(a_i x, s^2 - a_i^2) ||_1 (Borgonovo
    /// 2007). The L1 distance of two normals is closed-form from the two points where their densities cross; the
    /// expectation over x is a one-dimensional integral, done here with the trapezoid rule.
    /// </summary>
    private static double LinearGaussianDelta(double[] a, int i)
    {
        var total = a.Sum(v => v * v);
        var conditional = total - a[i] * a[i];
        double L1(double mean)
        {
            var (qa, qb, qc) = (1 / conditional - 1 / total, -2 * mean / conditional, mean * mean / conditional - Math.Log(total / conditional));
            var root = Math.Sqrt(qb * qb - 4 * qa * qc);
            var (r1, r2) = ((-qb - root) / (2 * qa), (-qb + root) / (2 * qa));
            var narrow = Normal.CDF(mean, Math.Sqrt(conditional), r2) - Normal.CDF(mean, Math.Sqrt(conditional), r1);
            var wide = Normal.CDF(0, Math.Sqrt(total), r2) - Normal.CDF(0, Math.Sqrt(total), r1);
            return 2 * (narrow - wide);
        }
        const int steps = 4000;
        double integral = 0;
        for (var k = 0; k <= steps; k++)
        {
            var x = -9 + 18.0 * k / steps;
            integral += (k is 0 or steps ? 0.5 : 1) * Normal.PDF(0, 1, x) * L1(a[i] * x);
        }
        return 0.5 * integral * 18.0 / steps;
    }

    [Fact]
    public void Delta_recovers_Borgonovos_linear_Gaussian_case()
    {
        double[] a = [1, 2, 3];
        var exact = Enumerable.Range(0, 3).Select(i => LinearGaussianDelta(a, i)).ToArray();
        // The same integral done with scipy.integrate.quad: 0.08902, 0.20156, 0.38735.
        Assert.Equal(0.08901853262244995, exact[0], 6);
        Assert.Equal(0.20156164002678068, exact[1], 6);
        Assert.Equal(0.3873541920416669, exact[2], 6);

        var random = new MersenneTwister(1);
        var x = Enumerable.Range(0, 10000).Select(_ => Enumerable.Range(0, 3).Select(_ => Normal.Sample(random, 0, 1)).ToArray()).ToArray();
        var y = x.Select(p => p[0] + 2 * p[1] + 3 * p[2]).ToArray();
        var result = DeltaMoment.Analyze(x, y, resamples: 50, seed: 2);
        // Conditioning on a class of X_i rather than a point blurs f_Y|X_i and pulls the estimate down by about 0.01
        // to 0.02 at this N (the bootstrap removes the kernels' upward bias, not this one).
        for (var i = 0; i < 3; i++)
        {
            Assert.InRange(result.Delta[i], exact[i] - 0.03, exact[i] + 0.01);
            Assert.InRange(result.DeltaConf[i], 0.003, 0.02);
            Assert.Equal(a[i] * a[i] / 14, result.S1[i], 0.025); // first order: a_i^2 / sum a_j^2
        }
    }

    [Fact]
    public void Pawn_equals_SALib_and_separates_an_unused_input_from_the_used_ones()
    {
        // SALib's pawn.analyze(problem, X, Y, S=10) on the same 2000 points.
        double[] salibMedian = [0.26275000000000004, 0.36575, 0.09575, 0.0635];
        double[] salibMax = [0.355, 0.518, 0.2055, 0.086];
        var (x, y) = Ishigami4();
        var result = Pawn.Analyze(x, y, resamples: 100, seed: 1);
        for (var j = 0; j < 4; j++)
        {
            Assert.Equal(salibMedian[j], result.Median[j], 12);
            Assert.Equal(salibMax[j], result.Maximum[j], 12);
        }
        // x3 acts only through its interaction with x1, which conditioning on x3 alone partly reveals (max well above
        // the unused x4's); x4's KS distances are sampling noise of 200-point slices (critical value about 0.09).
        Assert.True(result.Maximum[2] > 2 * result.Maximum[3]);
        Assert.True(result.Maximum[3] < 0.1);
        Assert.All(result.MedianConf, c => Assert.InRange(c, 0.001, 0.06));
    }

    [Fact]
    public void A_categorical_input_is_conditioned_on_its_values()
    {
        var random = new Random(4);
        var x = Enumerable.Range(0, 3000).Select(_ => new[] { (double)random.Next(3), random.NextDouble() }).ToArray();
        var y = x.Select(p => 2 * p[0] + 0.5 * p[1] + 0.1 * random.NextDouble()).ToArray();
        var pawn = Pawn.Analyze(x, y, [true, false], resamples: 10);
        var delta = DeltaMoment.Analyze(x, y, [true, false], resamples: 10);
        // three well separated values: each slice's outputs lie in their own third of the range
        Assert.Equal(2.0 / 3, pawn.Maximum[0], 0.02);
        Assert.InRange(delta.Delta[0], 0.6, 0.75);
        Assert.InRange(delta.S1[0], 0.95, 1);
    }

    [Fact]
    public void A_constant_output_has_undefined_indices()
    {
        var x = Enumerable.Range(0, 50).Select(i => new[] { i / 50.0 }).ToArray();
        var result = DeltaMoment.Analyze(x, Enumerable.Repeat(2.0, 50).ToArray(), resamples: 5);
        Assert.True(double.IsNaN(result.Delta[0]) && double.IsNaN(result.S1[0]));
    }
}
