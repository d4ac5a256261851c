using System.Reflection;

namespace MarketSim.Experiments.Design;

/// <summary>
/// The Sobol sequence with Joe-Kuo direction numbers (new-joe-kuo-6.21201, see joe-kuo-6.21201.txt), in Gray-code
/// order. Unscrambled, the all-zero point comes first: the same points as scipy.stats.qmc.Sobol(scramble=False).
/// With a seed, the sequence is scrambled (see <see cref="SobolScrambling"/>).
/// </summary>
public sealed class SobolSequence
{
    internal const int Bits = 32;
    private static readonly Lazy<uint[][]> Directions = new(LoadDirections);

    public static int MaxDimensions => Directions.Value.Length;

    private readonly int _dimensions;
    private readonly uint[][] _directions;
    private readonly uint[] _shift;

    /// <summary>The unscrambled sequence, or with <paramref name="scrambleSeed"/> a scrambled one.</summary>
    public SobolSequence(int dimensions, int? scrambleSeed = null)
    {
        if (dimensions < 1 || dimensions > MaxDimensions)
            throw new ArgumentOutOfRangeException(nameof(dimensions), $"Sobol dimensions must be 1 to {MaxDimensions}");
        _dimensions = dimensions;
        (_directions, _shift) = scrambleSeed is { } seed
            ? SobolScrambling.Scramble(Directions.Value[..dimensions], seed)
            : (Directions.Value, new uint[dimensions]);
    }

    /// <summary>Points start .. start+count-1 of the sequence, each in [0, 1)^dimensions.</summary>
    public double[][] Points(long start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        if (start + count > 1L << Bits) throw new ArgumentOutOfRangeException(nameof(count), "beyond 2^32 Sobol points");
        var v = _directions;
        var x = (uint[])_shift.Clone();
        var gray = (ulong)start ^ ((ulong)start >> 1); // jump straight to point `start`
        for (var bit = 0; gray != 0; bit++, gray >>= 1)
            if ((gray & 1) != 0)
                for (var d = 0; d < _dimensions; d++) x[d] ^= v[d][bit];
        var result = new double[count][];
        for (var i = 0; i < count; i++)
        {
            var point = new double[_dimensions];
            for (var d = 0; d < _dimensions; d++) point[d] = x[d] / 4294967296.0;
            result[i] = point;
            var c = System.Numerics.BitOperations.TrailingZeroCount(~(ulong)(start + i)); // rightmost zero bit
            if (c < Bits)
                for (var d = 0; d < _dimensions; d++) x[d] ^= v[d][c];
        }
        return result;
    }

    private static uint[][] LoadDirections()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("MarketSim.Experiments.joe-kuo-6.21201.txt")
            ?? throw new InvalidOperationException("embedded Sobol direction numbers are missing");
        using var reader = new StreamReader(stream);
        var dims = new List<uint[]> { Enumerable.Range(1, Bits).Select(k => 1u << (Bits - k)).ToArray() };
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            var numbers = line.Split(' ').Select(uint.Parse).ToArray();
            dims.Add(Expand(numbers[0], numbers[1..]));
        }
        return [.. dims];
    }

    // Bratley-Fox recurrence: m_k = 2a_1 m_{k-1} ^ 4a_2 m_{k-2} ^ ... ^ 2^s m_{k-s} ^ m_{k-s}; v_k = m_k / 2^k.
    private static uint[] Expand(uint a, uint[] m0)
    {
        var s = m0.Length;
        var m = new ulong[Bits];
        for (var k = 0; k < Bits; k++)
        {
            if (k < s) { m[k] = m0[k]; continue; }
            var value = m[k - s] ^ (m[k - s] << s);
            for (var j = 1; j < s; j++)
                if (((a >> (s - 1 - j)) & 1) != 0) value ^= m[k - j] << j;
            m[k] = value;
        }
        return m.Select((mk, k) => (uint)(mk << (Bits - 1 - k))).ToArray();
    }
}
