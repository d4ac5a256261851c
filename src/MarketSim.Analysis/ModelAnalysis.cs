namespace MarketSim.Analysis;

/// <summary>
/// Sensitivity analysis of any function without a sweep directory: evaluate the model on each row of a design
/// (in unit space, laid out as SALib samplers lay it out), then estimate. The model receives the row as given;
/// scale it to physical units inside the function if needed.
/// </summary>
public static class ModelAnalysis
{
    public static double[] Evaluate(Func<double[], double> model, double[][] design) =>
        design.Select(row => model((double[])row.Clone())).ToArray();

    /// <summary>Sobol indices from a Saltelli design: N blocks of D+2 rows (2D+2 with second order).</summary>
    public static SobolResult Sobol(Func<double[], double> model, double[][] saltelliDesign, bool secondOrder,
        int bootstrap = 1000, int seed = 0) =>
        SobolIndices.Analyze(Evaluate(model, saltelliDesign), Dimensions(saltelliDesign), secondOrder, bootstrap, seed);

    /// <summary>Morris measures from trajectories of D+1 rows, each row moving one parameter.</summary>
    public static MorrisResult Morris(Func<double[], double> model, double[][] morrisDesign,
        int bootstrap = 1000, int seed = 0) =>
        MorrisEffects.Analyze(morrisDesign, Evaluate(model, morrisDesign), Dimensions(morrisDesign), bootstrap, seed);

    private static int Dimensions(double[][] design) =>
        design.Length > 0 ? design[0].Length : throw new ArgumentException("the design has no rows", nameof(design));
}
