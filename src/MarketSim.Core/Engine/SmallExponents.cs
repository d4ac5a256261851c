namespace MarketSim.Core.Engine;

/// <summary>
/// e^x - 1 without losing a small x: .NET's <see cref="double.ExpM1"/> is <c>Math.Exp(x) - 1</c>, which is 0 for
/// |x| below about 1e-16 (a hardware trend of 1e-17 OOM a year, say) and imprecise well above that, so a ratio of two
/// such values (a geometric sum of monthly factors) came out infinite or wrong.
/// </summary>
public static class SmallExponents
{
    // Below this the series' first three terms are exact to double precision (the next is x^4/24 < 5e-22 relative).
    private const double SeriesBelow = 1e-5;

    public static double ExpM1(double x) =>
        Math.Abs(x) < SeriesBelow ? x * (1 + x * (0.5 + x / 6)) : TableMath.Exp(x) - 1;
}
