using System.Runtime.CompilerServices;
using MarketSim.Core.Engine;
using MathNet.Numerics;

namespace MarketSim.Core.Agents;

/// <summary>
/// Normal draws by the polar (Marsaglia) method, the same numbers as MathNet's
/// <c>Normal.Samples(rng, values, mean, sd)</c> from the same generator. MathNet's version takes a block of
/// ceil(4n/pi) uniforms (rounded up to even) into a new array, uses the pairs that fall inside the unit circle and
/// draws pairs one by one if the block runs short; this takes the same uniforms in the same order, pair by pair as
/// they are used, straight from the generator's state (<see cref="XoshiroDraws"/>), and once the values are full only
/// advances the state past the rest of the block.
/// </summary>
internal static class PolarNormal
{
    [ThreadStatic] private static double[]? _uniforms;

    public static void Fill(Random rng, double[] values, double mean, double sd)
    {
        if (values.Length == 0) return;
        var block = (int)Math.Ceiling(values.Length * 4 * Constants.InvPi);
        if (block % 2 == 1) block++;
        if (!XoshiroDraws.CanTake(rng))
        {
            FillThroughGenerator(rng, values, mean, sd, block);
            return;
        }
        var state = XoshiroDraws.Take(rng);
        var index = 0;
        var pair = 0;
        for (; pair < block && index < values.Length; pair += 2)
        {
            var a = state.NextDouble();
            Put(a, state.NextDouble(), values, ref index, mean, sd);
        }
        for (; pair < block; pair++) state.NextULong();
        while (index < values.Length)
        {
            var a = state.NextDouble();
            Put(a, state.NextDouble(), values, ref index, mean, sd);
        }
        state.Return(rng);
    }

    /// <summary>The same draws through the generator's own methods, for a generator whose state cannot be taken.</summary>
    internal static void FillThroughGenerator(Random rng, double[] values, double mean, double sd, int block)
    {
        var uniforms = _uniforms is { } u && u.Length == block ? u : _uniforms = new double[block];
        for (var i = 0; i < uniforms.Length; i++) uniforms[i] = rng.NextDouble();
        var index = 0;
        for (var i = 0; i < uniforms.Length && index < values.Length; i += 2)
            Put(uniforms[i], uniforms[i + 1], values, ref index, mean, sd);
        while (index < values.Length) Put(rng.NextDouble(), rng.NextDouble(), values, ref index, mean, sd);
    }

    /// <summary>One pair of uniforms: two draws if it falls inside the unit circle (the second only if room), else none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(double a, double b, double[] values, ref int index, double mean, double sd)
    {
        var v1 = (2.0 * a) - 1.0;
        var v2 = (2.0 * b) - 1.0;
        var r = (v1 * v1) + (v2 * v2);
        if (r >= 1.0 || r == 0.0) return;
        var fac = Math.Sqrt(-2.0 * Math.Log(r) / r);
        values[index++] = mean + sd * (v1 * fac);
        if (index < values.Length) values[index++] = mean + sd * (v2 * fac);
    }
}
