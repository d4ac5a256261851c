using System.Runtime.CompilerServices;
using MathNet.Numerics.Distributions;

namespace MarketSim.Analysis;

/// <summary>Shared pieces of the percentile-free bootstrap SALib uses: resample indices and z * spread.</summary>
public static class Bootstrap
{
    /// <summary>Two-sided standard normal quantile for a confidence level (0.95 gives 1.959964...).</summary>
    public static double Z(double confidenceLevel = 0.95) => Normal.InvCDF(0, 1, 0.5 + confidenceLevel / 2);

    /// <summary>
    /// <paramref name="resamples"/> rows of <paramref name="n"/> indices drawn uniformly with replacement from 0..n-1.
    /// A seeded System.Random is stable across runtimes, so the same seed gives the same intervals everywhere.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[][] Indices(int n, int resamples, int seed)
    {
        var random = new Random(seed);
        var rows = new int[resamples][];
        for (var r = 0; r < resamples; r++)
        {
            var row = new int[n];
            for (var i = 0; i < n; i++) row[i] = random.Next(n);
            rows[r] = row;
        }
        return rows;
    }

    /// <summary>
    /// The resamples of <see cref="Indices"/>, drawn a batch at a time into reused rows (a Saltelli design's 1,000
    /// resamples of 8,192 base samples would otherwise hold 32 MB) and handed to <paramref name="resample"/> in
    /// parallel, with the resample's number and a state of its thread's own from <paramref name="local"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForEach<TLocal>(int n, int resamples, int seed, Func<TLocal> local, Action<int, int[], TLocal> resample)
    {
        const int batch = 64;
        var random = new Random(seed);
        var rows = new int[Math.Min(batch, resamples)][];
        for (var r = 0; r < rows.Length; r++) rows[r] = new int[n];
        for (var start = 0; start < resamples; start += batch)
        {
            var count = Math.Min(batch, resamples - start);
            for (var r = 0; r < count; r++)
                for (var i = 0; i < n; i++) rows[r][i] = random.Next(n);
            var first = start;
            Parallel.For(0, count, local, (r, _, state) =>
            {
                resample(first + r, rows[r], state);
                return state;
            }, _ => { });
        }
    }

    /// <summary>Standard deviation with the given delta degrees of freedom, ignoring NaN draws.</summary>
    public static double StandardDeviation(ReadOnlySpan<double> values, int ddof)
    {
        double sum = 0;
        var count = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            sum += v;
            count++;
        }
        if (count - ddof <= 0) return double.NaN;
        var mean = sum / count;
        double squares = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            squares += (v - mean) * (v - mean);
        }
        return Math.Sqrt(squares / (count - ddof));
    }
}
