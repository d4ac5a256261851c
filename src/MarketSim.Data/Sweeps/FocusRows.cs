using MarketSim.Data.Csv;

namespace MarketSim.Data.Sweeps;

/// <summary>
/// The delta-moment index of one parameter for one metric with its bootstrap half-width, and the first-order index
/// from the same densities; Runs is how many runs had a value, Classes how many conditioning classes were used.
/// </summary>
public readonly record struct DeltaRow(string Metric, string Parameter, double Delta, double DeltaConf, double S1,
    double S1Conf, int Runs, int Classes) : ICsvRow<DeltaRow>
{
    public void Write(CsvWriter csv) => csv.Text(Metric).Text(Parameter).Number(Delta).Number(DeltaConf).Number(S1)
        .Number(S1Conf).Integer(Runs).Integer(Classes);

    public static DeltaRow Read(CsvReader csv) => new(csv.Name(0), csv.Name(1), csv.Number(2), csv.Number(3), csv.Number(4),
        csv.Number(5), csv.Integer(6), csv.Integer(7));
}

/// <summary>PAWN statistics (Kolmogorov-Smirnov distances over the slices) of one parameter for one metric.</summary>
public readonly record struct PawnRow(string Metric, string Parameter, double Minimum, double Mean, double Median,
    double Maximum, double Cv, double Stdev, double MedianConf, int Runs, int Slices) : ICsvRow<PawnRow>
{
    public void Write(CsvWriter csv) => csv.Text(Metric).Text(Parameter).Number(Minimum).Number(Mean).Number(Median)
        .Number(Maximum).Number(Cv).Number(Stdev).Number(MedianConf).Integer(Runs).Integer(Slices);

    public static PawnRow Read(CsvReader csv) => new(csv.Name(0), csv.Name(1), csv.Number(2), csv.Number(3), csv.Number(4),
        csv.Number(5), csv.Number(6), csv.Number(7), csv.Number(8), csv.Integer(9), csv.Integer(10));
}

/// <summary>Sobol indices of one parameter (or group) estimated on the first Samples base samples.</summary>
public readonly record struct SobolConvergenceRow(string Metric, string Parameter, int Samples, double S1, double S1Conf,
    double ST, double STConf) : ICsvRow<SobolConvergenceRow>
{
    public void Write(CsvWriter csv) => csv.Text(Metric).Text(Parameter).Integer(Samples).Number(S1).Number(S1Conf)
        .Number(ST).Number(STConf);

    public static SobolConvergenceRow Read(CsvReader csv) => new(csv.Name(0), csv.Name(1), csv.Integer(2), csv.Number(3),
        csv.Number(4), csv.Number(5), csv.Number(6));
}

/// <summary>
/// The extra-trees importance of one parameter for a target: the justified flag (Mode classification) or a metric
/// (Mode regression), from Runs runs.
/// </summary>
public readonly record struct FeatureScoreRow(string Target, string Mode, string Parameter, double Score, int Runs)
    : ICsvRow<FeatureScoreRow>
{
    public const string Classification = "classification";
    public const string Regression = "regression";

    public void Write(CsvWriter csv) => csv.Text(Target).Text(Mode).Text(Parameter).Number(Score).Integer(Runs);

    public static FeatureScoreRow Read(CsvReader csv) =>
        new(csv.Name(0), csv.Name(1), csv.Name(2), csv.Number(3), csv.Integer(4));
}
