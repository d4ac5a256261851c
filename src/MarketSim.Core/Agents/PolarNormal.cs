using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
        // The pairs inside the circle first, the logarithms after: with a call to Log in the loop that advances the
        // generator, the compiler kept the generator's state in memory across it.
        var state = XoshiroDraws.Take(rng);
        var index = 0;
        var pair = 0;
        var spare = 0.0;
        for (; pair < block && index < values.Length; pair += 2)
        {
            var a = state.NextDouble();
            Keep(a, state.NextDouble(), values, ref index, ref spare);
        }
        for (; pair < block; pair++) state.NextULong();
        while (index < values.Length)
        {
            var a = state.NextDouble();
            Keep(a, state.NextDouble(), values, ref index, ref spare);
        }
        state.Return(rng);
        Transform(values, spare, mean, sd);
    }

    /// <summary>The same draws through the generator's own methods, for a generator whose state cannot be taken.</summary>
    internal static void FillThroughGenerator(Random rng, double[] values, double mean, double sd, int block)
    {
        var uniforms = _uniforms is { } u && u.Length == block ? u : _uniforms = new double[block];
        for (var i = 0; i < uniforms.Length; i++) uniforms[i] = rng.NextDouble();
        var index = 0;
        var spare = 0.0;
        for (var i = 0; i < uniforms.Length && index < values.Length; i += 2)
            Keep(uniforms[i], uniforms[i + 1], values, ref index, ref spare);
        while (index < values.Length) Keep(rng.NextDouble(), rng.NextDouble(), values, ref index, ref spare);
        Transform(values, spare, mean, sd);
    }

    /// <summary>
    /// One pair of uniforms: if it falls inside the unit circle, its two coordinates into the values (the second only
    /// if room, else into <paramref name="spare"/>), for <see cref="Transform"/> to turn into draws.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Keep(double a, double b, double[] values, ref int index, ref double spare)
    {
        var v1 = (2.0 * a) - 1.0;
        var v2 = (2.0 * b) - 1.0;
        var r = (v1 * v1) + (v2 * v2);
        if (r >= 1.0 || r == 0.0) return;
        values[index++] = v1;
        if (index < values.Length) values[index++] = v2;
        else spare = v2;
    }

    /// <summary>Each kept pair (v1, v2) into two normal draws, v * sqrt(-2 ln r / r) with r = v1^2 + v2^2, in place.</summary>
    private static void Transform(double[] values, double spare, double mean, double sd)
    {
        for (var i = TransformPairs(values, mean, sd); i < values.Length; i += 2)
        {
            var v1 = values[i];
            var v2 = i + 1 < values.Length ? values[i + 1] : spare;
            var r = (v1 * v1) + (v2 * v2);
            var fac = Math.Sqrt(-2.0 * TableMath.Log(r) / r);
            values[i] = mean + sd * (v1 * fac);
            if (i + 1 < values.Length) values[i + 1] = mean + sd * (v2 * fac);
        }
    }

    /// <summary>
    /// <see cref="Transform"/> two pairs at a time where the processor can: each lane computes its pair's r (v1^2 + v2^2
    /// in one lane, v2^2 + v1^2 in the other, the same sum) and logarithm and the rest as one pair does, so the same
    /// bits. Returns where the pairs left to one at a time begin.
    /// </summary>
    private static int TransformPairs(double[] values, double mean, double sd)
    {
        if (!TableMath.Vectorised) return 0;
        var i = 0;
        var (means, sds, minusTwo) = (Vector256.Create(mean), Vector256.Create(sd), Vector256.Create(-2.0));
        for (; i + 4 <= values.Length; i += 4)
        {
            var v = Vector256.LoadUnsafe(ref values[i]);
            var squares = v * v;
            var r = squares + Vector256.Shuffle(squares, Vector256.Create(1L, 0, 3, 2));
            if (!TableMath.LogFits(r)) break;
            var fac = Vector256.Sqrt(minusTwo * TableMath.Log(r) / r);
            (means + sds * (v * fac)).StoreUnsafe(ref values[i]);
        }
        return i;
    }
}
