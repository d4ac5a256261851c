namespace MarketSim.Analysis.Tests;

public class MorrisEffectsTests
{
    private const int Levels = 4;
    private static readonly double Delta = Levels / (2.0 * (Levels - 1));

    /// <summary>Morris (1991) trajectories on the 4-level grid: each factor moves once by +/- Delta, in random order.</summary>
    private static double[][] Trajectories(int count, int dimensions, int seed)
    {
        var random = new Random(seed);
        var rows = new List<double[]>();
        for (var t = 0; t < count; t++)
        {
            var point = Enumerable.Range(0, dimensions).Select(_ => random.Next(Levels) / (double)(Levels - 1)).ToArray();
            rows.Add((double[])point.Clone());
            foreach (var j in Enumerable.Range(0, dimensions).OrderBy(_ => random.Next()))
            {
                point[j] += point[j] + Delta <= 1 + 1e-12 ? Delta : -Delta;
                rows.Add((double[])point.Clone());
            }
        }
        return rows.ToArray();
    }

    // Linear terms have constant elementary effects (10, 1, 0.1); 4*u^2 has effects 4*(u + u') in {8/3, 16/3}.
    private static double Model(double[] u) => 10 * u[0] + u[1] + 0.1 * u[2] + 4 * u[3] * u[3];

    [Fact]
    public void Ranks_parameters_by_influence_and_separates_the_nonlinear_one()
    {
        var design = Trajectories(60, 4, seed: 9);
        var result = ModelAnalysis.Morris(Model, design, bootstrap: 500, seed: 1);

        Assert.Equal(60, result.Trajectories);
        Assert.All(result.Effects, count => Assert.Equal(60, count));
        Assert.Equal([0, 3, 1, 2], Enumerable.Range(0, 4).OrderByDescending(j => result.MuStar[j]).ToArray());
        Assert.Equal(10, result.MuStar[0], 9);
        Assert.Equal(1, result.MuStar[1], 9);
        Assert.Equal(0.1, result.MuStar[2], 9);
        Assert.InRange(result.MuStar[3], 8.0 / 3, 16.0 / 3);
        for (var j = 0; j < 3; j++)
        {
            Assert.Equal(0, result.Sigma[j], 9);
            Assert.Equal(0, result.MuStarConf[j], 9);
        }
        Assert.True(result.Sigma[3] > 0.5, "the quadratic term's effects vary with where the step starts");
        Assert.InRange(result.MuStarConf[3], 0.05, 1.0);
    }

    [Fact]
    public void Mu_keeps_the_sign_and_mu_star_does_not()
    {
        var design = Trajectories(20, 2, seed: 4);
        var result = ModelAnalysis.Morris(u => -3 * u[0] + 2 * u[1], design, bootstrap: 50, seed: 0);
        Assert.Equal(-3, result.Mu[0], 9);
        Assert.Equal(3, result.MuStar[0], 9);
        Assert.Equal(2, result.Mu[1], 9);
    }

    [Fact]
    public void A_step_that_moves_two_parameters_is_rejected()
    {
        double[][] design = [[0, 0], [2.0 / 3, 2.0 / 3], [2.0 / 3, 0]];
        var e = Assert.Throws<ArgumentException>(() => MorrisEffects.Analyze(design, [0, 1, 2], 2));
        Assert.Contains("more than one parameter", e.Message);
    }

    [Fact]
    public void A_step_that_moves_nothing_contributes_no_effect()
    {
        double[][] design = [[0, 0], [0, 0], [0, 2.0 / 3]];
        var result = MorrisEffects.Analyze(design, [1, 1, 3], 2, bootstrap: 10);
        Assert.Equal([0, 1], result.Effects);
        Assert.True(double.IsNaN(result.MuStar[0]));
        Assert.Equal(3, result.MuStar[1], 9);
    }
}
