namespace MarketSim.Analysis;

/// <summary>
/// How PRIM scores a candidate peel or paste that turns a box with mean m_old and n_old points into one with m_new
/// and n_new (the EMA Workbench's three objectives; the mean of a 0/1 target is the box's density).
/// </summary>
public enum PrimObjective
{
    /// <summary>(m_new - m_old) / |n_new - n_old|: the density gained per point removed (or added). The default.</summary>
    Lenient1,
    /// <summary>n_new (m_new - m_old) / |n_new - n_old| (Friedman and Fisher 1999, eq. 14.6).</summary>
    Lenient2,
    /// <summary>m_new: the densest candidate, however many points it costs (Friedman and Fisher 1999).</summary>
    Original,
}

public enum PrimPhase { Start, Peel, Paste }

/// <summary>
/// PRIM settings: peel (and paste) this share of the box per step, stop before the box holds less than MinimumMass
/// of all points, score candidates with Objective, select the densest step still covering MinimumCoverage of the
/// target points the box started from, and find up to MaxBoxes boxes in sequence, stopping once the target points
/// left outside the boxes are fewer than MinimumTargetsLeft of them all.
/// </summary>
public sealed record PrimOptions(double PeelAlpha = 0.05, double MinimumMass = 0.05, double MinimumCoverage = 0.5)
{
    public PrimObjective Objective { get; init; } = PrimObjective.Lenient1;
    public double PasteAlpha { get; init; } = 0.05;
    public int MaxBoxes { get; init; } = 3;
    public double MinimumTargetsLeft { get; init; } = 0.05;
}

/// <summary>
/// One box of a trajectory. Low/High are the limits (a point is in the box when Low &lt;= x &lt;= High; for a
/// categorical dimension the smallest and largest kept code); Kept lists a categorical dimension's kept codes (null
/// for continuous ones). QpLow/QpHigh are the quasi-p values of the restricted limits (NaN where not restricted; a
/// categorical restriction's value is in QpLow). Coverage is a share of all target points, Mass of all points.
/// </summary>
public sealed record PrimStep(int Step, PrimPhase Phase, double[] Low, double[] High, IReadOnlyList<double>?[] Kept,
    int Points, int TargetPoints, double Coverage, double Density, double Mass, double[] QpLow, double[] QpHigh);

/// <summary>
/// The peeling and pasting trajectory of one box, the index of its selected step, and the data range (to tell
/// restrictions). Box counts from 1; box b &gt; 1 was found on the points that earlier boxes' selected steps left.
/// </summary>
public sealed record PrimResult(IReadOnlyList<PrimStep> Steps, int Selected, double[] DataLow, double[] DataHigh)
{
    public int Box { get; init; } = 1;

    public bool IsRestricted(PrimStep step, int dimension) => step.Kept[dimension] is { } kept
        ? step.Low[dimension] > DataLow[dimension] || step.High[dimension] < DataHigh[dimension] || HasGaps(kept, dimension)
        : step.Low[dimension] > DataLow[dimension] || step.High[dimension] < DataHigh[dimension];

    /// <summary>A categorical box keeping {0, 2} of {0, 1, 2} has full low and high codes and is still restricted.</summary>
    private bool HasGaps(IReadOnlyList<double> kept, int dimension) => kept.Count < Steps[0].Kept[dimension]!.Count;
}
