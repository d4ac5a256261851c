using MarketSim.Core.Finance;

namespace MarketSim.Tests.Kernel;

/// <summary>The trailing year's sums against Enumerable.Sum over the same months, bit for bit.</summary>
public sealed class TrailingYearTests
{
    [Fact]
    public void The_annual_rate_is_enumerable_sum_of_the_months_bit_for_bit()
    {
        var random = new Random(7);
        // Magnitudes far apart, so that adding in another order would give other bits.
        double Draw() => (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-6, 9));
        var months = new double[12];
        var year = new TrailingYear();
        for (var step = 0; step < 40; step++)
        {
            var value = Draw();
            months[step % 12] = value;
            year.Record(step, value);
            var expected = months.Sum() * 12.0 / Math.Min(12, step + 1);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(year.AnnualRate));
        }

        var seeded = new TrailingYear();
        var history = Enumerable.Range(0, 12).Select(_ => Draw()).ToArray();
        seeded.Seed(i => history[i]);
        Assert.Equal(BitConverter.DoubleToInt64Bits(history.Sum()), BitConverter.DoubleToInt64Bits(seeded.AnnualRate));
    }
}
