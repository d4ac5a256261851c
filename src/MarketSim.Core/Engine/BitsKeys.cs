using System.Runtime.CompilerServices;

namespace MarketSim.Core.Engine;

/// <summary>
/// What the tables that remember figures by their arguments' bits share: where a key goes, and a key no argument has.
/// </summary>
internal static class BitsKeys
{
    /// <summary>A NaN no arithmetic produces: an empty slot's key, which no argument's bits equal.</summary>
    public static readonly long None = BitConverter.DoubleToInt64Bits(double.NaN) ^ 0x5A5A5;

    /// <summary>
    /// The slot of a key among 2^<paramref name="bits"/>, by Fibonacci hashing: the top bits of the product mix every
    /// bit of the key.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Slot(long key, int bits) => (int)((ulong)key * 0x9E3779B97F4A7C15UL >> (64 - bits));
}
