using MathNet.Numerics.Random;

namespace MarketSim.Experiments.Design;

/// <summary>
/// Randomises a Sobol sequence the way scipy.stats.qmc.Sobol(scramble=True), and so SALib, does: a linear matrix
/// scramble (Matousek 1998) and a digital shift, drawn per dimension. Each point's binary digits are multiplied by
/// a random lower-triangular matrix with a unit diagonal, so digit k becomes itself plus a random combination of the
/// more significant digits, and then XORed with a random shift. The scrambled points keep the sequence's net
/// structure (every power-of-two block stays balanced) but lose its corner at zero and the bias it brings at small
/// N (Owen 1998; Owen 2020 "On dropping the first Sobol' point"). The draws come from our own seeded generator, so
/// the points are not scipy's, only scrambled in the same way.
/// </summary>
public static class SobolScrambling
{
    public static (uint[][] Directions, uint[] Shift) Scramble(uint[][] directions, int seed)
    {
        const int bits = SobolSequence.Bits;
        var rng = new MersenneTwister(seed);
        var scrambled = new uint[directions.Length][];
        var shift = new uint[directions.Length];
        for (var d = 0; d < directions.Length; d++)
        {
            // rows[p] yields output digit p (p = 0 the most significant, bit 31): the diagonal and random bits above it.
            var rows = new uint[bits];
            for (var p = 0; p < bits; p++)
            {
                var diagonal = 1u << (bits - 1 - p);
                var moreSignificant = p == 0 ? 0u : ~((diagonal << 1) - 1);
                rows[p] = diagonal | (Draw(rng) & moreSignificant);
            }
            scrambled[d] = directions[d].Select(v => Multiply(rows, v)).ToArray();
        }
        for (var d = 0; d < directions.Length; d++) shift[d] = Draw(rng);
        return (scrambled, shift);
    }

    private static uint Multiply(uint[] rows, uint v)
    {
        uint result = 0;
        for (var p = 0; p < rows.Length; p++)
            if ((System.Numerics.BitOperations.PopCount(rows[p] & v) & 1) != 0) result |= 1u << (rows.Length - 1 - p);
        return result;
    }

    private static uint Draw(MersenneTwister rng) => unchecked((uint)rng.NextFullRangeInt32());
}
