using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MarketSim.Core.Engine;
using MathNet.Numerics.Random;

namespace MarketSim.Tests.Kernel;

/// <summary>
/// <see cref="TableMath"/> must give the bits <see cref="Math.Exp"/> and <see cref="Math.Log"/> give (the C library's
/// exp and log, which the golden outputs were computed with) for every argument: arguments drawn over the whole range,
/// over the range the tables serve, where the model asks, and at the edges of each path.
/// </summary>
public class TableMathTests
{
    private const int Draws = 1_000_000;

    [Fact]
    public void Exp_gives_the_bits_of_Math_Exp()
    {
        var rng = new Xoshiro256StarStar(11, threadSafe: false);
        for (var i = 0; i < Draws; i++)
        {
            AssertExp(-750 + 1465 * rng.NextDouble());
            AssertExp(1.5 * (2 * rng.NextDouble() - 1));
            AssertExp(RandomBits(rng, 0x3c0, 0x410));
        }
        double[] edges = [0.0, -0.0, double.Epsilon, Math.BitDecrement(Math.ScaleB(1, -54)), Math.ScaleB(1, -54), 511.99999999999994, 512, -512, 709.782712893384,
            709.7827128933841, -745.1332191019411, -745.1332191019412, -708.4, double.PositiveInfinity, double.NegativeInfinity,
            double.NaN, double.MaxValue, -double.MaxValue, 1, -1, Math.Log(2) / 256, -Math.Log(2) / 256];
        foreach (var x in edges) AssertExp(x);
    }

    [Fact]
    public void Log_gives_the_bits_of_Math_Log()
    {
        var rng = new Xoshiro256StarStar(12, threadSafe: false);
        for (var i = 0; i < Draws; i++)
        {
            AssertLog(1 - rng.NextDouble());
            AssertLog(1 + 0.14 * (2 * rng.NextDouble() - 1));
            AssertLog(RandomBits(rng, 0, 0x7ff));
        }
        double[] edges = [0.0, -0.0, -1, double.Epsilon, 2.2250738585072014E-308, 2.2250738585072009E-308, 1, 0.9375,
            Math.BitDecrement(0.9375), 1.064697265625, Math.BitDecrement(1.064697265625), 0.9999999999999999, 1.0000000000000002,
            double.MaxValue, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 0.5, 2, Math.E];
        foreach (var x in edges) AssertLog(x);
    }

    [Fact]
    public void ExpInPlace_gives_each_value_the_bits_of_Math_Exp_whether_its_block_is_in_range_or_not()
    {
        var rng = new Xoshiro256StarStar(13, threadSafe: false);
        double[] outOfRange = [0, 1e-300, 600, -800, double.NaN, double.PositiveInfinity];
        for (var length = 0; length < 300; length++)
        {
            var values = new double[length];
            for (var i = 0; i < length; i++)
                values[i] = rng.NextDouble() < 0.03 ? outOfRange[rng.Next(outOfRange.Length)] : 1.2 * Normal(rng);
            var expected = values.Select(x => BitConverter.DoubleToInt64Bits(Math.Exp(x))).ToArray();
            TableMath.ExpInPlace(values);
            Assert.Equal(expected, values.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void Four_logarithms_at_once_give_the_bits_of_Math_Log_near_one_and_away_from_it()
    {
        // The model takes this path only where the processor has both; elsewhere one logarithm at a time.
        Assert.Equal(Avx2.IsSupported && Fma.IsSupported, TableMath.Vectorised);
        if (!TableMath.Vectorised) return;
        var rng = new Xoshiro256StarStar(14, threadSafe: false);
        double Draw() => rng.Next(4) switch
        {
            0 => 1 + 0.14 * (2 * rng.NextDouble() - 1),
            1 => 1.0,
            _ => 1 - rng.NextDouble(),
        };
        for (var i = 0; i < Draws / 4; i++)
        {
            var x = Vector256.Create(Draw(), Draw(), Draw(), Math.Abs(RandomBits(rng, 1, 0x7fe)));
            Assert.True(TableMath.LogFits(x));
            var log = TableMath.Log(x);
            for (var lane = 0; lane < 4; lane++)
                if (BitConverter.DoubleToInt64Bits(log[lane]) != BitConverter.DoubleToInt64Bits(Math.Log(x[lane])))
                    Assert.Fail($"log({x[lane]:R}) = {Math.Log(x[lane]):R}, four at once gave {log[lane]:R}");
        }
        Assert.False(TableMath.LogFits(Vector256.Create(1, 2, 0.0, 3)));
        Assert.False(TableMath.LogFits(Vector256.Create(1, -2, 0.5, 3)));
        Assert.False(TableMath.LogFits(Vector256.Create(1, 2, double.Epsilon, 3)));
        Assert.False(TableMath.LogFits(Vector256.Create(1, 2, 0.5, double.PositiveInfinity)));
    }

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    [Fact]
    public void Pow_gives_the_bits_of_Math_Pow()
    {
        var rng = new Xoshiro256StarStar(15, threadSafe: false);
        for (var i = 0; i < Draws; i++)
        {
            // Growth over the months of a run, halvings, discounting and ratios, as the model asks; then anything.
            AssertPow(1 + 0.6 * rng.NextDouble() - 0.1, 12 * rng.NextDouble());
            AssertPow(rng.Next(2) == 0 ? 2 : 10, 40 * rng.NextDouble() - 20);
            AssertPow(1 + 0.02 * rng.NextDouble(), -rng.Next(0, 400));
            AssertPow(Math.Abs(RandomBits(rng, 1, 0x7fe)), 8 * rng.NextDouble() - 4);
            AssertPow(RandomBits(rng, 0, 0x7ff), RandomBits(rng, 0x3a0, 0x440));
        }
        double[] edges = [0.0, -0.0, 1, -1, 2, 0.5, double.Epsilon, double.MaxValue, double.PositiveInfinity, double.NegativeInfinity,
            double.NaN, -8, 1e-310, 1.0000000000000002, 0.9999999999999999];
        foreach (var x in edges)
        foreach (var y in edges.Concat([3, -3, 0.5, -0.5, 1e20, -1e20, 1e-20, 1023.9, -1074.5, 1025, Math.ScaleB(1, -66), Math.ScaleB(1, 64)]))
            AssertPow(x, y);
    }

    private static void AssertPow(double x, double y)
    {
        var (expected, actual) = (BitConverter.DoubleToInt64Bits(Math.Pow(x, y)), BitConverter.DoubleToInt64Bits(TableMath.Pow(x, y)));
        if (expected != actual) Assert.Fail($"pow({x:R}, {y:R}) = {Math.Pow(x, y):R}, TableMath gave {TableMath.Pow(x, y):R}");
    }

    /// <summary>A double of random sign and mantissa with its exponent field from <paramref name="low"/> to <paramref name="high"/>.</summary>
    private static double RandomBits(Random rng, int low, int high)
    {
        var mantissa = (ulong)rng.NextInt64() & ((1UL << 52) - 1);
        var exponent = (ulong)rng.Next(low, high + 1);
        var sign = (ulong)rng.Next(2) << 63;
        return BitConverter.UInt64BitsToDouble(sign | exponent << 52 | mantissa);
    }

    private static void AssertExp(double x)
    {
        var (expected, actual) = (BitConverter.DoubleToInt64Bits(Math.Exp(x)), BitConverter.DoubleToInt64Bits(TableMath.Exp(x)));
        if (expected != actual) Assert.Fail($"exp({x:R}) = {Math.Exp(x):R}, TableMath gave {TableMath.Exp(x):R}");
    }

    private static void AssertLog(double x)
    {
        var (expected, actual) = (BitConverter.DoubleToInt64Bits(Math.Log(x)), BitConverter.DoubleToInt64Bits(TableMath.Log(x)));
        if (expected != actual) Assert.Fail($"log({x:R}) = {Math.Log(x):R}, TableMath gave {TableMath.Log(x):R}");
    }
}
