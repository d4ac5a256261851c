namespace MarketSim.Experiments.Running;

/// <summary>
/// Seeds depend only on the spec seed and the run id (never on the worker or shard that runs it):
/// SplitMix64 of seed * 2^32 + run_id, top 31 bits, so every run id gets an independent non-negative int seed.
/// </summary>
public static class RunSeeds
{
    public static int ForRun(int specSeed, long runId) => (int)(SplitMix64(((ulong)(uint)specSeed << 32) + (ulong)runId) >> 33);

    /// <summary>The seed of the design's own random draws (random, lhs, morris), a stream apart from the run seeds.</summary>
    public static int ForDesign(int specSeed) => (int)(SplitMix64(((ulong)(uint)specSeed << 32) ^ 0xD1B54A32D192ED03UL) >> 33);

    public static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
