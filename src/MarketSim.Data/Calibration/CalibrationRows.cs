using MarketSim.Data.Csv;

namespace MarketSim.Data.Calibration;

/// <summary>
/// One simulation of a calibration: the proposal it ran, its seed, its distance from the data, and its values (the
/// parameters, then the simulated value of each target point).
/// </summary>
public sealed record SimulationRow(long Proposal, int Seed, double Distance, double[] Values) : ICsvRow<SimulationRow>
{
    public void Write(CsvWriter writer)
    {
        writer.Integer(Proposal).Integer(Seed).Number(Distance);
        foreach (var v in Values) writer.Number(v);
    }

    public static SimulationRow Read(CsvReader reader) =>
        new(reader.Long(0), reader.Integer(1), reader.Number(2), Numbers(reader, 3));

    internal static double[] Numbers(CsvReader reader, int from)
    {
        var values = new double[reader.Header.Count - from];
        for (var i = 0; i < values.Length; i++) values[i] = reader.Number(from + i);
        return values;
    }
}

/// <summary>An accepted particle of a generation: its importance weight, distance and values (as in a simulation row).</summary>
public sealed record ParticleRow(int Particle, long Proposal, double Weight, double Distance, double[] Values) : ICsvRow<ParticleRow>
{
    public void Write(CsvWriter writer)
    {
        writer.Integer(Particle).Integer(Proposal).Number(Weight).Number(Distance);
        foreach (var v in Values) writer.Number(v);
    }

    public static ParticleRow Read(CsvReader reader) =>
        new(reader.Integer(0), reader.Long(1), reader.Number(2), reader.Number(3), SimulationRow.Numbers(reader, 4));
}

/// <summary>A row of posterior.csv: one particle's parameter values and its normalised weight.</summary>
public sealed record PosteriorRow(int Particle, double[] Parameters, double Weight) : ICsvRow<PosteriorRow>
{
    public void Write(CsvWriter writer)
    {
        writer.Integer(Particle);
        foreach (var v in Parameters) writer.Number(v);
        writer.Number(Weight);
    }

    public static PosteriorRow Read(CsvReader reader)
    {
        var all = SimulationRow.Numbers(reader, 1);
        return new PosteriorRow(reader.Integer(0), all[..^1], all[^1]);
    }
}

/// <summary>A row of generations.csv: how one ABC-SMC generation went.</summary>
public sealed record GenerationRow(int Generation, double Tolerance, int Particles, long Simulations, double AcceptanceRate,
    double Ess, double MedianDistance, long TotalSimulations) : ICsvRow<GenerationRow>
{
    public void Write(CsvWriter writer) =>
        writer.Integer(Generation).Number(Tolerance).Integer(Particles).Integer(Simulations).Number(AcceptanceRate)
            .Number(Ess).Number(MedianDistance).Integer(TotalSimulations);

    public static GenerationRow Read(CsvReader reader) =>
        new(reader.Integer(0), reader.Number(1), reader.Integer(2), reader.Long(3), reader.Number(4), reader.Number(5),
            reader.Number(6), reader.Long(7));
}

/// <summary>A row of fit.csv: one observed number beside the posterior's simulated median and 90% band.</summary>
/// A holdout row was not fitted: it checks the calibration against history it did not see.
public sealed record FitRow(string Target, string Period, string PeriodStart, string PeriodEnd, double Observed,
    double Median, double P5, double P95, bool Holdout = false) : ICsvRow<FitRow>
{
    public void Write(CsvWriter writer) =>
        writer.Text(Target).Text(Period).Text(PeriodStart).Text(PeriodEnd).Number(Observed).Number(Median).Number(P5).Number(P95).Flag(Holdout);

    public static FitRow Read(CsvReader reader) =>
        new(reader.Text(0), reader.Text(1), reader.Text(2), reader.Text(3), reader.Number(4), reader.Number(5),
            reader.Number(6), reader.Number(7), reader.Flag(8));
}
