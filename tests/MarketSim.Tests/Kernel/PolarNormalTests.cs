using MarketSim.Core.Agents;
using MarketSim.Core.Engine;
using MathNet.Numerics.Distributions;

namespace MarketSim.Tests.Kernel;

public class PolarNormalTests
{
    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(2, 1.2)]
    [InlineData(7, 0.8)]
    [InlineData(12_000, 1.2)]
    [InlineData(3, 0)]
    public void Draws_the_same_bits_as_MathNet_and_leaves_the_generator_where_MathNet_leaves_it(int count, double sd)
    {
        for (var seed = 0; seed < 40; seed++)
        {
            var (ours, theirs) = (RandomStreams.Create(seed, RandomStreams.Demand), RandomStreams.Create(seed, RandomStreams.Demand));
            var (a, b) = (new double[count], new double[count]);
            PolarNormal.Fill(ours, a, 0, sd);
            Normal.Samples(theirs, b, 0, sd);
            Assert.Equal(b.Select(BitConverter.DoubleToInt64Bits), a.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(theirs.NextDouble(), ours.NextDouble());
        }
    }

    [Fact]
    public void A_generator_whose_state_is_not_taken_draws_the_same_bits_through_its_own_methods()
    {
        foreach (var count in new[] { 1, 5, 12_000 })
        {
            var (ours, theirs) = (new MathNet.Numerics.Random.Xoshiro256StarStar(count, threadSafe: true), new MathNet.Numerics.Random.Xoshiro256StarStar(count, threadSafe: true));
            var (a, b) = (new double[count], new double[count]);
            PolarNormal.Fill(ours, a, 0.3, 1.1);
            Normal.Samples(theirs, b, 0.3, 1.1);
            Assert.Equal(b.Select(BitConverter.DoubleToInt64Bits), a.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(theirs.NextDouble(), ours.NextDouble());
        }
    }
}
