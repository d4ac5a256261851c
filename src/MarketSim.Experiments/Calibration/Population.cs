using MarketSim.Data.Calibration;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace MarketSim.Experiments.Calibration;

/// <summary>
/// A generation's accepted particles with their normalised importance weights. Everything ABC-SMC derives from it
/// (the next tolerance, the perturbation kernel) is computed from the values as recorded, so a calibration resumed
/// from its checkpoints continues exactly as the uninterrupted one would.
/// </summary>
public sealed class Population
{
    public Population(IReadOnlyList<ParticleRow> particles, IReadOnlyList<Prior> priors)
    {
        Particles = particles;
        Points = [.. particles.Select(p => priors.Select((prior, i) => prior.ToScale(p.Values[i])).ToArray())];
    }

    public IReadOnlyList<ParticleRow> Particles { get; }

    /// <summary>Each particle on the priors' sampling scales (log for log-uniform priors).</summary>
    public IReadOnlyList<double[]> Points { get; }

    /// <summary>Effective sample size of the normalised weights, 1 / sum w².</summary>
    public double Ess => 1 / Particles.Sum(p => p.Weight * p.Weight);

    public double WeightedQuantile(double alpha) =>
        Quantile(Particles.Select(p => p.Distance).ToArray(), Particles.Select(p => p.Weight).ToArray(), alpha);

    /// <summary>The smallest value whose cumulative weight reaches <paramref name="alpha"/> (as pyabc's weighted_quantile).</summary>
    public static double Quantile(double[] values, double[] weights, double alpha) => MarketSim.Data.Calibration.WeightedQuantile.Of(values, weights, alpha);

    /// <summary>Normalised importance weights, for particles drawn from the kernel: prior / kernel mixture density.</summary>
    public static double[] ImportanceWeights(IReadOnlyList<double[]> points, IReadOnlyList<Prior> priors, PerturbationKernel kernel)
    {
        var raw = points.Select(z =>
        {
            var prior = 1.0;
            for (var i = 0; i < priors.Count; i++) prior *= priors[i].Density(z[i]);
            return prior / kernel.MixtureDensity(z);
        }).ToArray();
        var sum = raw.Sum();
        return [.. raw.Select(w => w / sum)];
    }
}

/// <summary>
/// The multivariate normal perturbation kernel of ABC-SMC as pyabc's MultivariateNormalTransition builds it: pick a
/// particle of the previous generation by weight and add a normal step whose covariance is the weighted sample
/// covariance of that generation times Silverman's bandwidth factor squared, (4 / (ESS (d + 2)))^(2 / (d + 4)).
/// </summary>
public sealed class PerturbationKernel
{
    private readonly Population _from;
    private readonly double[] _cumulative;
    private readonly Matrix<double> _lower;

    public PerturbationKernel(Population from)
    {
        _from = from;
        var weights = from.Particles.Select(p => p.Weight).ToArray();
        _cumulative = new double[weights.Length];
        for (double sum = 0, i = 0; i < weights.Length; i++) _cumulative[(int)i] = sum += weights[(int)i];
        var d = from.Points[0].Length;
        var factor = Math.Pow(4 / (from.Ess * (d + 2)), 1.0 / (d + 4));
        var covariance = WeightedCovariance(from.Points, weights) * (factor * factor);
        // A parameter every particle shares would make the covariance singular; a tiny ridge keeps it invertible.
        for (var i = 0; i < d; i++) covariance[i, i] += 1e-12 * Math.Max(1, Math.Abs(covariance[i, i]));
        _lower = covariance.Cholesky().Factor;
    }

    /// <summary>A perturbed copy of a particle picked by weight, on the sampling scale.</summary>
    public double[] Propose(Random random)
    {
        var u = random.NextDouble() * _cumulative[^1];
        var j = Array.FindIndex(_cumulative, c => c >= u);
        if (j < 0) j = _cumulative.Length - 1;
        var step = Vector<double>.Build.Dense(_lower.RowCount, _ => Normal.Sample(random, 0, 1));
        var moved = _lower * step;
        return [.. _from.Points[j].Select((z, i) => z + moved[i])];
    }

    /// <summary>The weighted kernel mixture density at <paramref name="z"/>, up to the normal's constant.</summary>
    public double MixtureDensity(double[] z)
    {
        var sum = 0.0;
        for (var j = 0; j < _from.Points.Count; j++)
        {
            sum += _from.Particles[j].Weight * Math.Exp(-0.5 * SquaredMahalanobis(z, _from.Points[j]));
        }
        return sum;
    }

    // |L^-1 (z - c)|² by forward substitution with the Cholesky factor L.
    private double SquaredMahalanobis(double[] z, double[] centre)
    {
        var d = z.Length;
        Span<double> y = stackalloc double[d];
        var sum = 0.0;
        for (var i = 0; i < d; i++)
        {
            var r = z[i] - centre[i];
            for (var k = 0; k < i; k++) r -= _lower[i, k] * y[k];
            y[i] = r / _lower[i, i];
            sum += y[i] * y[i];
        }
        return sum;
    }

    // numpy's cov with aweights: sum w (x - mean)(x - mean)^T / (1 - sum w²) for normalised weights.
    private static Matrix<double> WeightedCovariance(IReadOnlyList<double[]> points, double[] weights)
    {
        var d = points[0].Length;
        var mean = new double[d];
        for (var j = 0; j < points.Count; j++)
            for (var i = 0; i < d; i++) mean[i] += weights[j] * points[j][i];
        var cov = Matrix<double>.Build.Dense(d, d);
        for (var j = 0; j < points.Count; j++)
            for (var a = 0; a < d; a++)
                for (var b = 0; b < d; b++)
                    cov[a, b] += weights[j] * (points[j][a] - mean[a]) * (points[j][b] - mean[b]);
        var correction = 1 - weights.Sum(w => w * w);
        return correction > 0 ? cov / correction : cov;
    }
}
