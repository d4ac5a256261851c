namespace MarketSim.Data.Calibration;

/// <summary>Quantiles of a weighted sample, as pyabc's weighted_quantile reads a population.</summary>
public static class WeightedQuantile
{
    /// <summary>The smallest value whose cumulative weight reaches <paramref name="alpha"/>.</summary>
    public static double Of(double[] values, double[] weights, double alpha)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ThenBy(i => i).ToArray();
        var total = weights.Sum();
        var cumulative = 0.0;
        foreach (var i in order)
        {
            cumulative += weights[i] / total;
            if (cumulative >= alpha) return values[i];
        }
        return values[order[^1]];
    }
}
