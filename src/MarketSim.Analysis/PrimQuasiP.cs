using MathNet.Numerics;

namespace MarketSim.Analysis;

/// <summary>
/// Quasi-p values of a box's restrictions (Bryant and Lempert 2010), as the EMA Workbench computes them: drop one
/// restriction (a limit back to the data's end, or a categorical dimension back to all its values) and let p be the
/// density of that larger box among the remaining points; the quasi-p value is the one-sided binomial probability
/// P(X &gt;= H) of X ~ Binomial(T, p), with T points and H target points in the box itself. A restriction that
/// really concentrates the target gives a tiny value; one that only trims noise gives a value near 1/2 or above.
/// Not a true p-value: the box was chosen by looking at the same data.
/// </summary>
public static class PrimQuasiP
{
    /// <summary>P(X &gt;= successes) for X ~ Binomial(trials, p), through the regularized incomplete beta function,
    /// which keeps its precision far into the tail where 1 - CDF would round to 0.</summary>
    public static double UpperTail(int successes, int trials, double p)
    {
        if (successes <= 0) return 1;
        if (successes > trials || p <= 0) return 0;
        if (p >= 1) return 1;
        return SpecialFunctions.BetaRegularized(successes, trials - successes + 1, p);
    }

    internal static (double[] Low, double[] High) Compute(PrimSpace space, PrimBoxState box)
    {
        var low = Enumerable.Repeat(double.NaN, space.D).ToArray();
        var high = Enumerable.Repeat(double.NaN, space.D).ToArray();
        var points = new int[2 * space.D];
        var targets = new int[2 * space.D];
        foreach (var i in box.Remaining)
        {
            var side = box.Violation(i);
            if (side < 0) continue;
            points[side]++;
            if (space.Target[i]) targets[side]++;
        }
        for (var j = 0; j < space.D; j++)
        {
            if (!box.IsRestricted(j)) continue;
            for (var s = 0; s < 2; s++)
            {
                var restricted = space.Categorical[j] ? s == 0
                    : s == 0 ? box.Low[j] > space.DataLow[j] : box.High[j] < space.DataHigh[j];
                if (!restricted) continue;
                var p = (double)(box.TargetPoints + targets[2 * j + s]) / (box.Points + points[2 * j + s]);
                (s == 0 ? low : high)[j] = UpperTail(box.TargetPoints, box.Points, p);
            }
        }
        return (low, high);
    }
}
