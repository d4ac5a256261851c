namespace MarketSim.Analysis;

/// <summary>Morris screening measures per parameter; Effects counts the elementary effects behind them.</summary>
public sealed record MorrisResult(
    int Trajectories,
    double[] Mu,
    double[] MuStar,
    double[] Sigma,
    double[] MuStarConf,
    int[] Effects);

/// <summary>
/// Elementary effects (Morris 1991) with mu* (Campolongo et al. 2007) from trajectories of D+1 consecutive rows in
/// unit space, each step moving one parameter. An effect is dy / du with du the step actually taken, which equals
/// SALib's +/-Delta for continuous parameters and stays right when a categorical's grid makes the step longer.
/// </summary>
public static class MorrisEffects
{
    /// <summary>Steps shorter than this in unit space are "no move" (a categorical that stayed on its value).</summary>
    private const double NoMove = 1e-9;

    public static MorrisResult Analyze(double[][] unitRows, double[] y, int dimensions,
        int bootstrap = 1000, int seed = 0, double confidenceLevel = 0.95)
    {
        if (dimensions < 1) throw new ArgumentOutOfRangeException(nameof(dimensions), "need at least one parameter");
        if (bootstrap < 0) throw new ArgumentOutOfRangeException(nameof(bootstrap), "resample count must be >= 0");
        if (unitRows.Length != y.Length) throw new ArgumentException("one output per design row is needed", nameof(y));
        var size = dimensions + 1;
        if (y.Length == 0 || y.Length % size != 0)
            throw new ArgumentException($"{y.Length} rows is not a whole number of trajectories of {size} rows");

        var effects = new List<double>[dimensions];
        for (var j = 0; j < dimensions; j++) effects[j] = [];
        var trajectories = y.Length / size;
        for (var t = 0; t < trajectories; t++)
            for (var step = 0; step < dimensions; step++)
            {
                var from = t * size + step;
                var moved = MovedParameter(unitRows[from], unitRows[from + 1], dimensions, t, step);
                if (moved < 0) continue;
                var du = unitRows[from + 1][moved] - unitRows[from][moved];
                var effect = (y[from + 1] - y[from]) / du;
                if (!double.IsFinite(effect)) throw new ArgumentException("outputs must be finite", nameof(y));
                effects[moved].Add(effect);
            }

        var random = new Random(seed);
        var z = Bootstrap.Z(confidenceLevel);
        var mu = new double[dimensions];
        var muStar = new double[dimensions];
        var sigma = new double[dimensions];
        var conf = new double[dimensions];
        for (var j = 0; j < dimensions; j++)
        {
            var ee = effects[j].ToArray();
            var absolute = ee.Select(Math.Abs).ToArray();
            mu[j] = ee.Length > 0 ? ee.Average() : double.NaN;
            muStar[j] = absolute.Length > 0 ? absolute.Average() : double.NaN;
            sigma[j] = Bootstrap.StandardDeviation(ee, ddof: 1);
            conf[j] = z * ResampledMeanSpread(absolute, bootstrap, random);
        }
        return new MorrisResult(trajectories, mu, muStar, sigma, conf, effects.Select(e => e.Count).ToArray());
    }

    /// <summary>Throws ArgumentException naming the first step that moves more than one parameter.</summary>
    public static void CheckTrajectories(double[][] unitRows, int dimensions)
    {
        var size = dimensions + 1;
        for (var t = 0; t < unitRows.Length / size; t++)
            for (var step = 0; step < dimensions; step++)
                MovedParameter(unitRows[t * size + step], unitRows[t * size + step + 1], dimensions, t, step);
    }

    /// <summary>The index of the one parameter that changes between two rows, or -1 when none does.</summary>
    private static int MovedParameter(double[] from, double[] to, int dimensions, int trajectory, int step)
    {
        var moved = -1;
        for (var j = 0; j < dimensions; j++)
        {
            if (Math.Abs(to[j] - from[j]) <= NoMove) continue;
            if (moved >= 0)
                throw new ArgumentException(
                    $"trajectory {trajectory} step {step + 1} changes more than one parameter; " +
                    "a Morris trajectory moves one parameter per row");
            moved = j;
        }
        return moved;
    }

    /// <summary>SALib's mu* interval: population spread of the mean |effect| over bootstrap resamples.</summary>
    private static double ResampledMeanSpread(double[] absolute, int bootstrap, Random random)
    {
        if (absolute.Length == 0 || bootstrap == 0) return double.NaN;
        var means = new double[bootstrap];
        for (var r = 0; r < bootstrap; r++)
        {
            double sum = 0;
            for (var i = 0; i < absolute.Length; i++) sum += absolute[random.Next(absolute.Length)];
            means[r] = sum / absolute.Length;
        }
        return Bootstrap.StandardDeviation(means, ddof: 0);
    }
}
