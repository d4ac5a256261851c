namespace MarketSim.Analysis.Tests;

public class ExtraTreesTests
{
    private static (double[][] X, double[] Class, double[] Value) Data()
    {
        var random = new Random(5);
        var x = Enumerable.Range(0, 2000).Select(_ => Enumerable.Range(0, 4).Select(_ => random.NextDouble()).ToArray()).ToArray();
        return (x, x.Select(p => p[0] + 0.5 * p[1] + 0.2 * p[3] > 0.9 ? 1.0 : 0.0).ToArray(),
            x.Select(p => Math.Sin(3 * p[0]) + p[1] * p[1] + 0.1 * p[2]).ToArray());
    }

    [Fact]
    public void Importances_agree_with_scikit_learn_extra_trees_on_the_same_data()
    {
        // scikit-learn 1.2 ExtraTreesClassifier/Regressor with the EMA Workbench's defaults for these data
        // (max_features = round(4/3) = 1, min_samples_leaf = round(sqrt(2000/1000)) = 1, bootstrap) and 2000 trees.
        double[] classification = [0.6228, 0.1838, 0.0905, 0.1030];
        double[] regression = [0.3653, 0.4798, 0.0794, 0.0756];
        var (x, cls, value) = Data();
        var c = ExtraTrees.Importances(x, cls, classification: true, new ExtraTreesOptions(300, Seed: 1));
        var r = ExtraTrees.Importances(x, value, classification: false, new ExtraTreesOptions(300, Seed: 1));
        for (var j = 0; j < 4; j++)
        {
            Assert.Equal(classification[j], c[j], 0.02);
            Assert.Equal(regression[j], r[j], 0.02);
        }
        Assert.Equal(1, c.Sum(), 12);
    }

    [Fact]
    public void Same_seed_same_scores_whatever_the_thread_order()
    {
        var (x, cls, _) = Data();
        var a = ExtraTrees.Importances(x, cls, true, new ExtraTreesOptions(50, Seed: 3));
        var b = ExtraTrees.Importances(x, cls, true, new ExtraTreesOptions(50, Seed: 3));
        var other = ExtraTrees.Importances(x, cls, true, new ExtraTreesOptions(50, Seed: 4));
        Assert.Equal(a, b);
        Assert.NotEqual(a, other);
    }
}
