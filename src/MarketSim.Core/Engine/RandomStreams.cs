using MathNet.Numerics.Random;

namespace MarketSim.Core.Engine;

/// <summary>
/// Independent random streams per purpose, each derived from the run's seed and a fixed stream number, so adding
/// draws to one agent's rule never shifts another's.
/// </summary>
public static class RandomStreams
{
    public const int Demand = 1;
    public const int Labs = 2;
    public const int Clouds = 3;

    public static System.Random Create(int runSeed, int stream) => new Xoshiro256StarStar(Mix(runSeed, stream), threadSafe: false);

    /// <summary>SplitMix64 finaliser of (seed, stream), folded to a non-negative 31-bit seed.</summary>
    public static int Mix(long seed, long stream)
    {
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)stream * 0xBF58476D1CE4E5B9UL + 0x94D049BB133111EBUL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
