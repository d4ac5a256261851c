using MarketSim.Core.Summary;

namespace MarketSim.Tests.Kernel;

/// <summary>
/// The IRR's bisection takes each midpoint's NPV sign from discount factors built by multiplication when the sum is
/// far enough from zero, and from the powers otherwise. Checked: every sign it takes so is the sign of the NPV as
/// defined, it does take most, and the IRR is the same bits as the bisection on the powers alone.
/// </summary>
public class IrrBisectionTests
{
    [Fact]
    public void Every_quick_sign_is_the_sign_of_the_npv_and_most_midpoints_get_one()
    {
        var random = new Random(11);
        int answered = 0, asked = 0;
        for (var n = 0; n < 3000; n++)
        {
            var (flows, months, baseStep) = Flows(random);
            if (months.Length == 0) continue; // no flow: the bisection returns NaN before it asks
            // Rates across the bracket, the ends included, and rates close to where this NPV changes sign.
            var annual = n % 10 == 0 ? -0.99 : n % 10 == 1 ? 10 : -0.99 + 10.99 * Math.Pow(random.NextDouble(), 3);
            var m = Math.Pow(1 + annual, 1 / 12.0);
            var quick = IrrBisection.QuickSign(flows, months, baseStep, m);
            asked++;
            if (quick is not { } sign) continue;
            answered++;
            Assert.Equal(Math.Sign(Npv(flows, months, baseStep, m)), sign);
        }
        Assert.True(answered > asked * 0.9, $"{answered} of {asked} answered");
    }

    [Fact]
    public void The_irr_is_the_bisection_on_the_powers_alone_bit_for_bit()
    {
        var random = new Random(12);
        var roots = 0;
        for (var n = 0; n < 1500; n++)
        {
            var (flows, _, baseStep) = Flows(random);
            var expected = CohortValuationShortcutTests.ReferenceIrr(flows, baseStep);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(IrrBisection.Irr(flows, baseStep)));
            if (!double.IsNaN(expected)) roots++;
        }
        Assert.True(roots > 500);
    }

    [Fact]
    public void A_sum_too_close_to_zero_is_left_to_the_powers()
    {
        // Flows that repay exactly at a zero rate: their NPV there is zero, whose sign only the powers can give.
        double[] flows = [-1, 0, 0, 0.5, 0, 0.5];
        Assert.Null(IrrBisection.QuickSign(flows, new[] { 0, 3, 5 }, 0, 1.0));
        Assert.Equal(-1, IrrBisection.QuickSign(flows, new[] { 0, 3, 5 }, 0, Math.Pow(1.1, 1 / 12.0)));
    }

    /// <summary>Capex first and returns after, over up to 40 years, months without a flow between, any base month.</summary>
    private static (double[] Flows, int[] Months, int BaseStep) Flows(Random random)
    {
        var length = random.Next(2, 480);
        var flows = new double[length];
        var first = random.Next(0, length / 3);
        var spend = random.Next(1, 36);
        var scale = Math.Pow(10, random.Next(-4, 4));
        for (var t = first; t < length; t++)
        {
            if (random.NextDouble() < 0.3) continue;
            flows[t] = (t < first + spend ? -random.NextDouble() * 10 : random.NextDouble()) * scale;
        }
        var months = Enumerable.Range(0, length).Where(t => flows[t] != 0).ToArray();
        return (flows, months, random.Next(-24, length + 24));
    }

    private static double Npv(double[] flows, int[] months, int baseStep, double m)
    {
        double v = 0;
        foreach (var t in months) v += flows[t] / Math.Pow(m, t - baseStep);
        return v;
    }
}
