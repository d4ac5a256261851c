namespace MarketSim.Analysis.Tests;

/// <summary>
/// PRIM against the EMA Workbench itself: its Prim(x, y, obj_function=...).find_box() (peel_alpha, paste_alpha and
/// mass_min at their defaults 0.05) and box._calculate_quasi_p on the same points. The points are a Weyl sequence and
/// the label noise a threshold on another, both exact in double arithmetic, so Python and C# see identical data.
/// </summary>
public class PrimWorkbenchTests
{
    private const int N = 1000;

    /// <summary>x_ij = frac((i+1) a_j); target = inside x0 in [0.3, 0.8], x1 >= 0.2, flipped for 15% of points.</summary>
    private static (double[][] X, bool[] Target) Data()
    {
        double[] a = [0.6180339887498949, 0.41421356237309515, 0.7320508075688772, 0.2360679774997898];
        var x = Enumerable.Range(0, N).Select(i => a.Select(v => (i + 1) * v % 1.0).ToArray()).ToArray();
        var target = Enumerable.Range(0, N).Select(i => (x[i][0] >= 0.3 && x[i][0] <= 0.8 && x[i][1] >= 0.2)
            ^ ((i + 1) * 0.7548776662466927 % 1.0 < 0.15)).ToArray();
        return (x, target);
    }

    public static TheoryData<PrimObjective, int[], int[], double[], double[], double[], double[]> Workbench => new()
    {
        {
            PrimObjective.Lenient1,
            [1000, 950, 902, 856, 813, 772, 733, 696, 661, 627, 595, 565, 536, 509, 483, 458, 435, 413, 392, 372, 353,
                335, 318, 302, 286, 271, 257, 244, 231, 233, 235, 236, 237, 238, 239, 240, 242, 244, 246],
            [429, 423, 416, 409, 403, 397, 392, 388, 382, 376, 372, 368, 362, 358, 354, 349, 345, 340, 328, 315, 301, 287,
                274, 261, 248, 235, 224, 213, 202, 204, 206, 207, 208, 209, 210, 211, 213, 215, 217],
            [0.3153682511963112, 0.23123959168682973, 0.0010111218288670898, 0.09090308118536505],
            [0.7981473243219517, 0.8250352560273377, 0.9273275730852975, 0.9990937922925411],
            [1.945326405251857e-18, 1.205919487473932e-11, double.NaN, 0.4398315625512001],
            [1.0915726665429855e-15, 0.24504022396159233, 0.20837906500892642, double.NaN]
        },
        {
            PrimObjective.Original,
            [1000, 950, 902, 856, 813, 772, 733, 696, 661, 627, 595, 565, 536, 509, 483, 458, 435, 413, 392, 372, 353,
                335, 318, 302, 286, 271, 257, 244, 231, 219, 208, 197, 187, 177, 168, 159, 151, 143, 135, 128, 121, 114,
                108, 102, 96, 91, 86, 81, 76, 72, 68, 64, 60, 57, 54, 51, 55, 57, 58, 59, 60, 61],
            [429, 423, 416, 409, 403, 397, 392, 388, 382, 376, 372, 368, 362, 358, 354, 349, 345, 340, 328, 315, 301, 287,
                274, 261, 248, 235, 224, 213, 202, 191, 181, 171, 162, 153, 145, 137, 130, 123, 116, 110, 105, 99, 95, 90,
                85, 81, 77, 73, 68, 64, 60, 57, 54, 52, 49, 46, 50, 52, 53, 54, 55, 56],
            [0.43842723868685596, 0.23123959168682973, 0.0010111218288670898, 0.08853059860612689],
            [0.7308164268322628, 0.6240251292506755, 0.7870020307600782, 0.9225325698932139],
            [8.548003758464205e-10, 2.0997404530924654e-07, double.NaN, 0.35565730642471827],
            [5.7980901142343e-07, 0.21624165722248018, 0.2622202572485247, 0.36884467885722294]
        },
    };

    [Theory]
    [MemberData(nameof(Workbench))]
    public void Trajectory_limits_and_quasi_p_values_equal_the_EMA_Workbench(PrimObjective objective, int[] points,
        int[] targets, double[] low, double[] high, double[] qpLow, double[] qpHigh)
    {
        var (x, target) = Data();
        var box = Prim.Find(x, target, null, new PrimOptions { Objective = objective, MaxBoxes = 1 })[0];

        Assert.Equal(points, box.Steps.Select(s => s.Points));
        Assert.Equal(targets, box.Steps.Select(s => s.TargetPoints));
        var last = box.Steps[^1];
        Assert.Equal(PrimPhase.Paste, last.Phase); // the Workbench's trajectory ends with its pasting steps, too
        Assert.Equal(low, last.Low);
        Assert.Equal(high, last.High);
        // The Workbench writes -1 for a side that is not restricted; this implementation NaN. The values come from
        // two implementations of the regularized incomplete beta function (scipy's and MathNet's).
        for (var j = 0; j < 4; j++)
        {
            AssertClose(qpLow[j], last.QpLow[j]);
            AssertClose(qpHigh[j], last.QpHigh[j]);
        }
    }

    private static void AssertClose(double expected, double actual)
    {
        if (double.IsNaN(expected)) Assert.True(double.IsNaN(actual), $"expected no quasi-p value, got {actual}");
        else Assert.Equal(1, actual / expected, 1e-9);
    }
}
