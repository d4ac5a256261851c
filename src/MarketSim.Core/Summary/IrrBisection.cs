using MarketSim.Core.Engine;

namespace MarketSim.Core.Summary;

/// <summary>
/// The annual IRR of monthly flows by bisection on [-0.99, 10]: the net present value at the midpoint says which half
/// holds the root. Only its sign is needed, so the sign is first taken from discount factors built by multiplication
/// (one per month of the span, against a power per month with a flow), and the powers are computed only when that sum
/// lies too close to zero for its sign to be certain: the same halvings, so the same bits.
/// </summary>
internal static class IrrBisection
{
    private const double Unit = 1.0 / (1L << 53);
    // Discount factors kept well inside the normal doubles, where every rounding is relative.
    private const double SmallestFactor = 1e-270, LargestFactor = 1e270;

    public static double Irr(double[] flows, int baseStep)
    {
        // A month without a flow adds a zero to the sum, which changes no sum that starts at +0: leave it out.
        var months = flows.Length <= CohortValuation.MonthsOnStack ? stackalloc int[flows.Length] : new int[flows.Length];
        var flowing = 0;
        for (var t = 0; t < flows.Length; t++)
            if (flows[t] != 0) months[flowing++] = t;
        return Bisect(flows, months[..flowing], baseStep);
    }

    private static double Bisect(double[] flows, ReadOnlySpan<int> months, int baseStep)
    {
        double lo = -0.99, hi = 10;
        double flo = Npv(flows, months, baseStep, MonthlyFactor(lo)), fhi = Npv(flows, months, baseStep, MonthlyFactor(hi));
        if (double.IsNaN(flo) || double.IsNaN(fhi) || Math.Sign(flo) == Math.Sign(fhi)) return double.NaN;
        var signAtLo = Math.Sign(flo);
        for (var i = 0; i < 100; i++)
        {
            var (lastLo, lastHi) = (lo, hi);
            var mid = 0.5 * (lo + hi);
            if (NpvSign(flows, months, baseStep, MonthlyFactor(mid)) == signAtLo) lo = mid; else hi = mid;
            // A halving is a function of the bracket alone: once one leaves it as it was (the midpoint is one of its
            // ends), every later one would too.
            if (SameBits(lo, lastLo) && SameBits(hi, lastHi)) break;
        }
        return 0.5 * (lo + hi);
    }

    private static double MonthlyFactor(double annual) => TableMath.Pow(1 + annual, 1 / 12.0);

    /// <summary>The NPV as defined: each month's flow over the monthly factor to the power of its months from the base.</summary>
    private static double Npv(double[] flows, ReadOnlySpan<int> months, int baseStep, double m)
    {
        double v = 0;
        foreach (var t in months) v += flows[t] / TableMath.Pow(m, t - baseStep);
        return v;
    }

    private static int NpvSign(double[] flows, ReadOnlySpan<int> months, int baseStep, double m) =>
        QuickSign(flows, months, baseStep, m) ?? Math.Sign(Npv(flows, months, baseStep, m));

    /// <summary>
    /// The sign of <see cref="Npv"/> from factors built by multiplication, or null when the sum is not far enough from
    /// zero for the sign to be the same. Bounds, in units of 2^-53 of the terms' total size: a factor built by
    /// multiplication is within 2|first month| + span roundings of the power (its start taken through 1/m below zero);
    /// Math.Pow is within one ulp (two units) and each division one more; a sum of n terms within n - 1 of the terms'
    /// total. Twice their sum bounds the distance between the two sums; beyond it, they have the same sign.
    /// </summary>
    internal static int? QuickSign(double[] flows, ReadOnlySpan<int> months, int baseStep, double m)
    {
        // Bisect asks only once the NPV changes sign over the bracket, so there are months, and m is 0.68 to 1.22.
        var first = months[0] - baseStep;
        var step = first < 0 ? 1 / m : m;
        var factor = 1.0;
        for (var j = Math.Abs(first); j > 0; j--) factor *= step;
        double sum = 0, size = 0;
        var k = first;
        foreach (var t in months)
        {
            for (; k < t - baseStep; k++) factor *= m;
            if (!(factor >= SmallestFactor && factor <= LargestFactor)) return null;
            var term = flows[t] / factor;
            sum += term;
            size += Math.Abs(term);
        }
        var roundings = 2.0 * Math.Abs(first) + (k - first) + 2.0 * months.Length + 8;
        var bound = 2 * Unit * size * roundings;
        if (!double.IsFinite(sum) || !double.IsFinite(bound) || !(Math.Abs(sum) > bound)) return null;
        return Math.Sign(sum);
    }

    private static bool SameBits(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);
}
