namespace MarketSim.Analysis.Tests;

/// <summary>
/// Plain seeded Monte Carlo in the Saltelli layout (A_i, AB_i^(j)..., BA_i^(j)... when second order, B_i): enough to
/// test the estimators without depending on a quasi-random sampler.
/// </summary>
internal static class SaltelliMonteCarlo
{
    public static double[][] Design(int baseSamples, int dimensions, bool secondOrder, int seed)
    {
        var random = new Random(seed);
        var rows = new List<double[]>();
        for (var i = 0; i < baseSamples; i++)
        {
            var a = Enumerable.Range(0, dimensions).Select(_ => random.NextDouble()).ToArray();
            var b = Enumerable.Range(0, dimensions).Select(_ => random.NextDouble()).ToArray();
            rows.Add(a);
            for (var j = 0; j < dimensions; j++) rows.Add(Swap(a, b, j));
            if (secondOrder)
                for (var j = 0; j < dimensions; j++) rows.Add(Swap(b, a, j));
            rows.Add(b);
        }
        return rows.ToArray();
    }

    private static double[] Swap(double[] into, double[] from, int column)
    {
        var row = (double[])into.Clone();
        row[column] = from[column];
        return row;
    }
}

/// <summary>Ishigami and Homma (1990) with a = 7, b = 0.1 on [-pi, pi]^3, taking unit-space inputs.</summary>
internal static class Ishigami
{
    public static double Evaluate(double[] unit)
    {
        var x = unit.Select(u => -Math.PI + 2 * Math.PI * u).ToArray();
        return Math.Sin(x[0]) + 7 * Math.Pow(Math.Sin(x[1]), 2) + 0.1 * Math.Pow(x[2], 4) * Math.Sin(x[0]);
    }

    public static readonly double[] S1 = [0.3139, 0.4424, 0];
    public static readonly double[] ST = [0.5576, 0.4424, 0.2437];
    public const double S13 = 0.2437;
}
