using System.Numerics;
using System.Runtime.CompilerServices;
using MathNet.Numerics.Random;

namespace MarketSim.Core.Engine;

/// <summary>
/// Draws from a run's stream (MathNet's <see cref="Xoshiro256StarStar"/>) without two virtual calls per number: the
/// generator's state is read into a value of this type, advanced here as MathNet advances it (the same numbers in the
/// same order, made into doubles and integers the same way) and written back, so draws made here and through the
/// generator's own methods are one stream. Any other generator, or one that locks for threads, is drawn from through
/// its own methods. The population draws about 70,000 numbers a run, where the calls cost more than the numbers.
/// </summary>
internal struct XoshiroDraws
{
    private const double UnitOf53Bits = 1.0 / (1UL << 53);
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Whether the state of <paramref name="rng"/> can be taken: MathNet's generator itself, without locks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool CanTake(Random rng) => rng.GetType() == typeof(Xoshiro256StarStar) && !ThreadSafe(rng);

    /// <summary>The state of a generator <see cref="CanTake"/> accepts; <see cref="Return"/> gives it back.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static XoshiroDraws Take(Random rng)
    {
        var x = Unsafe.As<Xoshiro256StarStar>(rng);
        return new XoshiroDraws { _s0 = S0(x), _s1 = S1(x), _s2 = S2(x), _s3 = S3(x) };
    }

    /// <summary>Writes the state, as advanced by the draws made here, back into the generator it was taken from.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Return(Random rng)
    {
        var x = Unsafe.As<Xoshiro256StarStar>(rng);
        S0(x) = _s0;
        S1(x) = _s1;
        S2(x) = _s2;
        S3(x) = _s3;
    }

    /// <summary>The next 64 bits (MathNet's NextInnerULong).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextULong()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform in [0, 1) from the top 53 bits, as the generator's NextDouble.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextULong() >> 11) * UnitOf53Bits;

    /// <summary>As the generator's <c>Next(minInclusive, maxExclusive)</c>: MathNet's unbiased integer by rejection.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(int minInclusive, int maxExclusive)
    {
        if (minInclusive >= maxExclusive) throw new ArgumentException("The exclusive maximum must be greater than the inclusive minimum.");
        if (maxExclusive == minInclusive + 1) return minInclusive;
        if (minInclusive == 0 && maxExclusive == int.MaxValue) return NextNonNegative();
        var range = maxExclusive - minInclusive;
        var bits = BitOperations.Log2((uint)range);
        // A power of two takes its bits straight; otherwise one bit more, drawn again while beyond the range.
        if (1 << bits == range) return (int)(NextULong() >> (64 - bits)) + minInclusive;
        bits++;
        int sample;
        do sample = (int)(NextULong() >> (64 - bits));
        while (sample >= range);
        return sample + minInclusive;
    }

    /// <summary>As the generator's <c>Next()</c>: 31 bits, drawn again on int.MaxValue.</summary>
    // Inlined: a call on the state would take its address, and the compiler then keeps all four words in memory in
    // every loop that draws from it (a shuffle's, for one).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int NextNonNegative()
    {
        ulong bits;
        do bits = NextULong() & 0x7fff_ffffUL;
        while (bits == 0x7fff_ffffUL);
        return (int)bits;
    }

    /// <summary>As <c>rng.NextDouble()</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double NextDouble(Random rng)
    {
        if (!CanTake(rng)) return rng.NextDouble();
        var state = Take(rng);
        var u = state.NextDouble();
        state.Return(rng);
        return u;
    }

    /// <summary>As <c>rng.NextDoubles(values)</c>: one uniform per value, in order.</summary>
    public static void NextDoubles(Random rng, Span<double> values)
    {
        if (!CanTake(rng))
        {
            for (var i = 0; i < values.Length; i++) values[i] = rng.NextDouble();
            return;
        }
        var state = Take(rng);
        for (var i = 0; i < values.Length; i++) values[i] = state.NextDouble();
        state.Return(rng);
    }

    /// <summary>As <c>rng.Shuffle(values)</c>: each place from the first, swapped with one drawn from it to the end.</summary>
    public static void Shuffle(Random rng, Span<int> values)
    {
        if (!CanTake(rng))
        {
            rng.Shuffle(values);
            return;
        }
        var state = Take(rng);
        var n = values.Length;
        for (var i = 0; i < n - 1; i++)
        {
            var j = state.Next(i, n);
            if (j != i) (values[i], values[j]) = (values[j], values[i]);
        }
        state.Return(rng);
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_s0")]
    private static extern ref ulong S0(Xoshiro256StarStar rng);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_s1")]
    private static extern ref ulong S1(Xoshiro256StarStar rng);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_s2")]
    private static extern ref ulong S2(Xoshiro256StarStar rng);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_s3")]
    private static extern ref ulong S3(Xoshiro256StarStar rng);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_threadSafe")]
    private static extern ref bool ThreadSafeField(RandomSource rng);

    private static bool ThreadSafe(Random rng) => ThreadSafeField(Unsafe.As<RandomSource>(rng));
}
