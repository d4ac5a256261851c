using MathNet.Numerics;

namespace MarketSim.Core.Agents;

/// <summary>
/// Normal draws by the polar (Marsaglia) method, the same numbers as MathNet's
/// <c>Normal.Samples(rng, values, mean, sd)</c> from the same generator, drawn one pair at a time. MathNet's version first
/// takes a block of ceil(4n/pi) uniforms (rounded up to even) into a new array, uses the pairs that fall inside the
/// unit circle and draws pairs one by one if the block runs short; this takes the same uniforms in the same order,
/// and as many of them, without the block (about 120 KB per call for a 12,000-buyer population).
/// </summary>
internal static class PolarNormal
{
    public static void Fill(Random rng, double[] values, double mean, double sd)
    {
        if (values.Length == 0) return;
        var block = (int)Math.Ceiling(values.Length * 4 * Constants.InvPi);
        if (block % 2 == 1) block++;
        var index = 0;
        var drawn = 0;
        while (index < values.Length)
        {
            var (a, b) = (rng.NextDouble(), rng.NextDouble());
            drawn += 2;
            if (!Transform(a, b, out var x, out var y)) continue;
            values[index++] = mean + sd * x;
            if (index < values.Length) values[index++] = mean + sd * y;
        }
        // The uniforms of the block that were drawn but not needed.
        for (; drawn < block; drawn++) rng.NextDouble();
    }

    private static bool Transform(double a, double b, out double x, out double y)
    {
        var v1 = (2.0 * a) - 1.0;
        var v2 = (2.0 * b) - 1.0;
        var r = (v1 * v1) + (v2 * v2);
        if (r >= 1.0 || r == 0.0)
        {
            (x, y) = (0, 0);
            return false;
        }
        var fac = Math.Sqrt(-2.0 * Math.Log(r) / r);
        (x, y) = (v1 * fac, v2 * fac);
        return true;
    }
}
