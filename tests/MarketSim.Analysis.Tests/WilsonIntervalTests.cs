namespace MarketSim.Analysis.Tests;

public class WilsonIntervalTests
{
    // Reference values from the closed form (also statsmodels proportion_confint(method="wilson")).
    [Theory]
    [InlineData(8, 10, 0.8, 0.4902, 0.9433)]
    [InlineData(0, 10, 0.0, 0.0, 0.2775)]
    [InlineData(10, 10, 1.0, 0.7225, 1.0)]
    [InlineData(50, 100, 0.5, 0.4038, 0.5962)]
    [InlineData(1, 3, 0.33333, 0.0615, 0.7923)]
    public void Matches_known_intervals(int successes, int n, double share, double low, double high)
    {
        var interval = WilsonInterval.Compute(successes, n);
        Assert.Equal(share, interval.Share, 4);
        Assert.Equal(low, interval.Low, 4);
        Assert.Equal(high, interval.High, 4);
    }

    [Fact]
    public void No_trials_give_an_undefined_share()
    {
        var interval = WilsonInterval.Compute(0, 0);
        Assert.True(double.IsNaN(interval.Share) && double.IsNaN(interval.Low) && double.IsNaN(interval.High));
    }

    [Fact]
    public void More_successes_than_trials_are_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Compute(11, 10));
}
