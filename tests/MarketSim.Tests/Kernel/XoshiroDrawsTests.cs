using MarketSim.Core.Engine;
using MathNet.Numerics.Random;

namespace MarketSim.Tests.Kernel;

/// <summary>Draws made from a generator's taken state against the same calls on MathNet's generator, bit for bit.</summary>
public class XoshiroDrawsTests
{
    [Fact]
    public void Doubles_drawn_from_the_state_are_the_generators_own_and_leave_it_where_it_would_be()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var (ours, theirs) = (Stream(seed), Stream(seed));
            Assert.True(XoshiroDraws.CanTake(ours));
            var count = seed % 37 * 11;
            var (a, b) = (new double[count], new double[count]);
            XoshiroDraws.NextDoubles(ours, a);
            theirs.NextDoubles(b);
            Assert.Equal(Bits(b), Bits(a));
            Assert.Equal(BitConverter.DoubleToInt64Bits(theirs.NextDouble()), BitConverter.DoubleToInt64Bits(XoshiroDraws.NextDouble(ours)));
            Assert.Equal(theirs.Next(), ours.Next());
        }
    }

    [Fact]
    public void Integers_in_a_range_are_those_of_the_generators_Next_for_every_kind_of_range()
    {
        var ranges = new List<(int Min, int Max)> { (0, 1), (0, 2), (0, 3), (5, 6), (-7, 9), (0, 1 << 20), (3, (1 << 20) + 3),
            (0, (1 << 20) + 1), (0, int.MaxValue), (1, int.MaxValue), (0, int.MaxValue - 1), (-1000, 1 << 29),
            (0, (1 << 30) + 1), (0, 1 << 30), (100, 12_000) };
        for (var n = 2; n < 70; n++) ranges.Add((n % 5, n + n % 5));
        for (var seed = 0; seed < 100; seed++)
        {
            var (ours, theirs) = (Stream(seed), Stream(seed));
            foreach (var (min, max) in ranges)
            {
                var state = XoshiroDraws.Take(ours);
                var drawn = Enumerable.Range(0, 5).Select(_ => state.Next(min, max)).ToArray();
                state.Return(ours);
                Assert.Equal(Enumerable.Range(0, 5).Select(_ => theirs.Next(min, max)), drawn);
            }
            Assert.Equal(theirs.NextDouble(), ours.NextDouble());
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(17)]
    [InlineData(1024)]
    [InlineData(12_000)]
    public void A_shuffle_drawn_from_the_state_is_Random_Shuffle_on_the_generator(int count)
    {
        for (var seed = 0; seed < 30; seed++)
        {
            var (ours, theirs) = (Stream(seed), Stream(seed));
            var (a, b) = (Enumerable.Range(0, count).ToArray(), Enumerable.Range(0, count).ToArray());
            XoshiroDraws.Shuffle(ours, a);
            theirs.Shuffle(b);
            Assert.Equal(b, a);
            Assert.Equal(theirs.NextDouble(), ours.NextDouble());
        }
    }

    [Fact]
    public void Draws_from_the_state_and_from_the_generator_interleave_as_one_stream()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var (ours, theirs) = (Stream(seed), Stream(seed));
            var pattern = new Random(seed);
            for (var call = 0; call < 300; call++)
            {
                switch (pattern.Next(5))
                {
                    case 0:
                        Assert.Equal(theirs.NextDouble(), XoshiroDraws.NextDouble(ours));
                        break;
                    case 1:
                        Assert.Equal(theirs.NextDouble(), ours.NextDouble());
                        break;
                    case 2:
                        var (a, b) = (Enumerable.Range(0, 40).ToArray(), Enumerable.Range(0, 40).ToArray());
                        XoshiroDraws.Shuffle(ours, a);
                        theirs.Shuffle(b);
                        Assert.Equal(b, a);
                        break;
                    case 3:
                        var (x, y) = (new double[9], new double[9]);
                        XoshiroDraws.NextDoubles(ours, x);
                        theirs.NextDoubles(y);
                        Assert.Equal(Bits(y), Bits(x));
                        break;
                    default:
                        Assert.Equal(theirs.Next(3, 1000), ours.Next(3, 1000));
                        break;
                }
            }
        }
    }

    [Fact]
    public void Generators_whose_state_is_not_taken_are_drawn_through_their_own_methods()
    {
        foreach (Random make in new Random[] { new Xoshiro256StarStar(5, threadSafe: true), new Random(5), new MersenneTwister(5, false) })
        {
            Assert.False(XoshiroDraws.CanTake(make));
        }
        var (ours, theirs) = (new Xoshiro256StarStar(9, threadSafe: true), new Xoshiro256StarStar(9, threadSafe: true));
        var (a, b) = (Enumerable.Range(0, 500).ToArray(), Enumerable.Range(0, 500).ToArray());
        XoshiroDraws.Shuffle(ours, a);
        theirs.Shuffle(b);
        Assert.Equal(b, a);
        var (x, y) = (new double[50], new double[50]);
        XoshiroDraws.NextDoubles(ours, x);
        theirs.NextDoubles(y);
        Assert.Equal(Bits(y), Bits(x));
        Assert.Equal(theirs.NextDouble(), XoshiroDraws.NextDouble(ours));
    }

    private static Random Stream(int seed) => RandomStreams.Create(seed * 7919, RandomStreams.Demand);

    private static IEnumerable<long> Bits(IEnumerable<double> values) => values.Select(BitConverter.DoubleToInt64Bits);
}
