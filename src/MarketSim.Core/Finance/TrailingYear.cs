namespace MarketSim.Core.Finance;

/// <summary>
/// The last twelve monthly values of a flow, as an annual rate: the sum of the months recorded, scaled to a year
/// while fewer than twelve are known. Seeded with the year before the start where a rule needs a history at once.
/// </summary>
internal sealed class TrailingYear
{
    private readonly double[] _months = new double[12];
    private int _count;

    /// <summary>The flow over the last twelve months, USD bn per year.</summary>
    public double AnnualRate { get; private set; }

    /// <summary>The latest month recorded.</summary>
    public double LastMonth { get; private set; }

    /// <summary>Fills the year before the start: <paramref name="month"/>(i) for i = 0 (a year ago) to 11 (last month).</summary>
    public void Seed(Func<int, double> month)
    {
        for (var i = 0; i < 12; i++) _months[i] = month(i);
        _count = 12;
        AnnualRate = SumOfMonths();
    }

    /// <summary>The month <paramref name="step"/> will overwrite: twelve months before it, once a year is recorded.</summary>
    public double YearBefore(int step) => _months[step % 12];

    public void Record(int step, double value)
    {
        _months[step % 12] = value;
        if (_count < 12) _count++;
        LastMonth = value;
        AnnualRate = SumOfMonths() * 12.0 / Math.Max(1, _count);
    }

    // Left to right from zero, as Enumerable.Sum adds doubles (the same bits), without its call through an interface.
    private double SumOfMonths()
    {
        var sum = 0.0;
        foreach (var month in _months) sum += month;
        return sum;
    }
}
