using MarketSim.Data.Csv;

namespace MarketSim.Data.Sweeps;

/// <summary>
/// DIR/analysis of a sweep, as `marketsim analyze` writes it: each table is present only when its method applies
/// (Sobol indices and their convergence for a Saltelli design, Morris measures for a Morris design, the verdict and
/// PRIM boxes when the summary has the justified metric, delta, PAWN and feature scores for the focus metrics).
/// </summary>
public sealed record AnalysisTables(
    IReadOnlyList<SobolRow>? Sobol = null,
    IReadOnlyList<SobolPairRow>? SobolPairs = null,
    IReadOnlyList<MorrisRow>? Morris = null,
    IReadOnlyList<VerdictRow>? Verdict = null,
    IReadOnlyList<DiscoveryRow>? Discovery = null,
    IReadOnlyList<DeltaRow>? Delta = null,
    IReadOnlyList<PawnRow>? Pawn = null,
    IReadOnlyList<SobolConvergenceRow>? SobolConvergence = null,
    IReadOnlyList<FeatureScoreRow>? FeatureScores = null)
{
    public const string SobolFile = "sobol_indices.csv";
    public const string SobolPairsFile = "sobol_s2.csv";
    public const string MorrisFile = "morris.csv";
    public const string VerdictFile = "verdict.csv";
    public const string DiscoveryFile = "scenario_discovery.csv";
    public const string DeltaFile = "delta.csv";
    public const string PawnFile = "pawn.csv";
    public const string SobolConvergenceFile = "sobol_convergence.csv";
    public const string FeatureScoresFile = "feature_scores.csv";

    public static readonly IReadOnlyList<string> SobolColumns = ["metric", "parameter", "S1", "S1_conf", "ST", "ST_conf"];
    public static readonly IReadOnlyList<string> SobolPairsColumns = ["metric", "parameter_1", "parameter_2", "S2", "S2_conf"];
    public static readonly IReadOnlyList<string> MorrisColumns = ["metric", "parameter", "mu", "mu_star", "sigma", "mu_star_conf"];
    public static readonly IReadOnlyList<string> VerdictColumns = ["group", "runs", "justified", "share", "ci_low", "ci_high"];
    public static readonly IReadOnlyList<string> DiscoveryColumns =
        ["target", "box", "step", "selected", "coverage", "density", "mass", "parameter", "low", "high", "phase", "values", "qp_low", "qp_high"];
    public static readonly IReadOnlyList<string> DeltaColumns = ["metric", "parameter", "delta", "delta_conf", "S1", "S1_conf", "runs", "classes"];
    public static readonly IReadOnlyList<string> PawnColumns =
        ["metric", "parameter", "minimum", "mean", "median", "maximum", "cv", "stdev", "median_conf", "runs", "slices"];
    public static readonly IReadOnlyList<string> SobolConvergenceColumns = ["metric", "parameter", "samples", "S1", "S1_conf", "ST", "ST_conf"];
    public static readonly IReadOnlyList<string> FeatureScoresColumns = ["target", "mode", "parameter", "score", "runs"];

    /// <summary>
    /// Writes DIR/analysis as a whole: the files go to a staging sibling that replaces the old directory only when
    /// complete, so an interrupted analysis never leaves a mix of old and new files. Returns the names written.
    /// </summary>
    public IReadOnlyList<string> WriteTo(string sweepDirectory) =>
        AtomicFiles.WriteDirectory(Path.Combine(sweepDirectory, SweepFiles.AnalysisDirectory), staging =>
        {
            var files = new List<string>();
            void Write<T>(string file, IReadOnlyList<string> columns, IReadOnlyList<T>? rows) where T : ICsvRow<T>
            {
                if (rows is null) return;
                CsvTable.Write(Path.Combine(staging, file), columns, rows);
                files.Add(file);
            }
            Write(SobolFile, SobolColumns, Sobol);
            Write(SobolPairsFile, SobolPairsColumns, SobolPairs);
            Write(MorrisFile, MorrisColumns, Morris);
            Write(VerdictFile, VerdictColumns, Verdict);
            Write(DiscoveryFile, DiscoveryColumns, Discovery);
            Write(DeltaFile, DeltaColumns, Delta);
            Write(PawnFile, PawnColumns, Pawn);
            Write(SobolConvergenceFile, SobolConvergenceColumns, SobolConvergence);
            Write(FeatureScoresFile, FeatureScoresColumns, FeatureScores);
            return (IReadOnlyList<string>)files;
        });

    /// <summary>The tables of DIR/analysis that exist (none when the sweep was not analysed).</summary>
    public static AnalysisTables Read(string sweepDirectory)
    {
        var dir = Path.Combine(sweepDirectory, SweepFiles.AnalysisDirectory);
        IReadOnlyList<T>? Read<T>(string file, IReadOnlyList<string> columns) where T : ICsvRow<T> =>
            File.Exists(Path.Combine(dir, file)) ? CsvTable.Read<T>(Path.Combine(dir, file), columns) : null;
        return new AnalysisTables(Read<SobolRow>(SobolFile, SobolColumns), Read<SobolPairRow>(SobolPairsFile, SobolPairsColumns),
            Read<MorrisRow>(MorrisFile, MorrisColumns), Read<VerdictRow>(VerdictFile, VerdictColumns),
            Read<DiscoveryRow>(DiscoveryFile, DiscoveryColumns), Read<DeltaRow>(DeltaFile, DeltaColumns),
            Read<PawnRow>(PawnFile, PawnColumns), Read<SobolConvergenceRow>(SobolConvergenceFile, SobolConvergenceColumns),
            Read<FeatureScoreRow>(FeatureScoresFile, FeatureScoresColumns));
    }
}

/// <summary>First-order and total Sobol indices of one parameter for one metric, with 95% bootstrap half-widths.</summary>
public readonly record struct SobolRow(string Metric, string Parameter, double S1, double S1Conf, double ST, double STConf)
    : ICsvRow<SobolRow>
{
    public void Write(CsvWriter csv) => csv.Text(Metric).Text(Parameter).Number(S1).Number(S1Conf).Number(ST).Number(STConf);

    public static SobolRow Read(CsvReader csv) =>
        new(csv.Name(0), csv.Name(1), csv.Number(2), csv.Number(3), csv.Number(4), csv.Number(5));
}

/// <summary>A second-order Sobol index of a pair of parameters.</summary>
public readonly record struct SobolPairRow(string Metric, string Parameter1, string Parameter2, double S2, double S2Conf)
    : ICsvRow<SobolPairRow>
{
    public void Write(CsvWriter csv) => csv.Text(Metric).Text(Parameter1).Text(Parameter2).Number(S2).Number(S2Conf);

    public static SobolPairRow Read(CsvReader csv) => new(csv.Name(0), csv.Name(1), csv.Name(2), csv.Number(3), csv.Number(4));
}

/// <summary>Morris measures of one parameter for one metric.</summary>
public readonly record struct MorrisRow(string Metric, string Parameter, double Mu, double MuStar, double Sigma, double MuStarConf)
    : ICsvRow<MorrisRow>
{
    public void Write(CsvWriter csv) => csv.Text(Metric).Text(Parameter).Number(Mu).Number(MuStar).Number(Sigma).Number(MuStarConf);

    public static MorrisRow Read(CsvReader csv) =>
        new(csv.Name(0), csv.Name(1), csv.Number(2), csv.Number(3), csv.Number(4), csv.Number(5));
}

/// <summary>The share of justified runs in a group ("all", or KEY=value of a categorical), with its Wilson interval.</summary>
public readonly record struct VerdictRow(string Group, int Runs, int Justified, double Share, double CiLow, double CiHigh)
    : ICsvRow<VerdictRow>
{
    public void Write(CsvWriter csv) => csv.Text(Group).Integer(Runs).Integer(Justified).Number(Share).Number(CiLow).Number(CiHigh);

    public static VerdictRow Read(CsvReader csv) =>
        new(csv.Text(0), csv.Integer(1), csv.Integer(2), csv.Number(3), csv.Number(4), csv.Number(5));
}

/// <summary>
/// One parameter's limits at one step of a PRIM box; a step that restricts nothing has one row with no parameter and
/// no limits. <see cref="Selected"/> marks the step chosen as the box. Phase is start, peel or paste; Values lists a
/// categorical restriction's kept values ('|'-separated, as design.csv spells them); QpLow/QpHigh are the quasi-p
/// values of the lower and upper limits (NaN where that side is not restricted; a categorical's is in QpLow).
/// </summary>
public readonly record struct DiscoveryRow(string Target, int Box, int Step, bool Selected, double Coverage, double Density,
    double Mass, string Parameter, double? Low, double? High, string Phase, string Values, double? QpLow, double? QpHigh)
    : ICsvRow<DiscoveryRow>
{
    public void Write(CsvWriter csv) => csv.Text(Target).Integer(Box).Integer(Step).Flag(Selected).Number(Coverage)
        .Number(Density).Number(Mass).Text(Parameter).Number(Low).Number(High).Text(Phase).Text(Values).Number(QpLow)
        .Number(QpHigh);

    public static DiscoveryRow Read(CsvReader csv) => new(csv.Name(0), csv.Integer(1), csv.Integer(2), csv.Flag(3),
        csv.Number(4), csv.Number(5), csv.Number(6), csv.Name(7), csv.OptionalNumber(8), csv.OptionalNumber(9), csv.Name(10),
        csv.Text(11), csv.OptionalNumber(12), csv.OptionalNumber(13));
}
