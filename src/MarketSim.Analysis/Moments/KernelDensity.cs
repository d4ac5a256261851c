using System.Runtime.CompilerServices;

namespace MarketSim.Analysis.Moments;

/// <summary>
/// A Gaussian kernel density estimate on an evenly spaced grid, with Silverman's bandwidth as
/// scipy.stats.gaussian_kde(bw_method="silverman") sets it in one dimension: h = sd * (3n/4)^(-1/5), sd with ddof 1.
/// Points carry whole-number weights (a bootstrap resample's multiplicities), which is the same as repeating them.
/// </summary>
internal static class KernelDensity
{
    /// <summary>Kernel values below this (relative to the peak 1) are left out: beyond 7.4 bandwidths a point's
    /// kernel moves the density by less than 1e-12 of that point's peak, far below the estimator's error.</summary>
    private const double Negligible = 1e-12;

    /// <summary>
    /// Writes the density at grid points start + g * step (g = 0..density.Length-1) into <paramref name="density"/>.
    /// Returns false, leaving zeros, when fewer than two points are weighted or all weighted values are equal.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool OnGrid(ReadOnlySpan<double> values, ReadOnlySpan<int> weights, double start, double step,
        Span<double> density)
    {
        density.Clear();
        double n = 0, sum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            n += weights[i];
            sum += weights[i] * values[i];
        }
        if (n < 2) return false;
        var mean = sum / n;
        double squares = 0;
        for (var i = 0; i < values.Length; i++) squares += weights[i] * (values[i] - mean) * (values[i] - mean);
        var sd = Math.Sqrt(squares / (n - 1));
        if (!(sd > 0)) return false;
        var h = sd * Math.Pow(0.75 * n, -0.2);

        // Along the grid, exp(-t^2/2) at t, t+d, t+2d, ... is a product of ratios that shrink by exp(-d^2) each step,
        // so two multiplications per grid point replace an exp. Walking outwards from the nearest grid point keeps the
        // kernel falling, so the walk stops where it becomes negligible instead of underflowing early.
        var d = step / h;
        var shrink = Math.Exp(-d * d);
        var last = density.Length - 1;
        for (var i = 0; i < values.Length; i++)
        {
            if (weights[i] == 0) continue;
            var k = Math.Clamp((int)Math.Round((values[i] - start) / step), 0, last);
            var t = (start + k * step - values[i]) / h;
            var peak = Math.Exp(-0.5 * t * t);
            var w = weights[i];
            density[k] += w * peak;
            var (up, down) = (peak, peak);
            var upRatio = Math.Exp(-t * d - 0.5 * d * d);
            var downRatio = upRatio > 0 ? shrink / upRatio : Math.Exp(t * d - 0.5 * d * d); // exp(t d - d^2/2)
            var (above, below) = (k + 1, k - 1);
            // Both walks a step at a time while both go on, so their chains of multiplications overlap; they touch
            // different grid points and each keeps its own products, so every sum is what one walk after the other
            // gives. Where one would stop, each finishes alone from where it is.
            while (above <= last && below >= 0)
            {
                var (nextUp, nextDown) = (up * upRatio, down * downRatio);
                if (nextUp < Negligible || nextDown < Negligible) break;
                density[above++] += w * nextUp;
                density[below--] += w * nextDown;
                (up, down) = (nextUp, nextDown);
                upRatio *= shrink;
                downRatio *= shrink;
            }
            for (; above <= last; above++)
            {
                up *= upRatio;
                if (up < Negligible) break;
                density[above] += w * up;
                upRatio *= shrink;
            }
            for (; below >= 0; below--)
            {
                down *= downRatio;
                if (down < Negligible) break;
                density[below] += w * down;
                downRatio *= shrink;
            }
        }
        var scale = 1 / (n * h * Math.Sqrt(2 * Math.PI));
        for (var g = 0; g < density.Length; g++) density[g] *= scale;
        return true;
    }
}
