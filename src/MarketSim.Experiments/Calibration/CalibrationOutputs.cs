using MarketSim.Data.Calibration;
using MarketSim.Data.Csv;

namespace MarketSim.Experiments.Calibration;

/// <summary>The tables of a finished calibration: posterior.csv, generations.csv, fit.csv, then the manifest.</summary>
public static class CalibrationOutputs
{
    public static void Write(string dir, CalibrationProblem problem, CalibrationOutcome outcome, CalibrationManifest manifest)
    {
        var posterior = outcome.Posterior!;
        var keys = problem.Parameters.Select(p => p.Key).ToList();
        var rows = new Dictionary<string, long>
        {
            [CalibrationFiles.Posterior] = CsvTable.Write(Path.Combine(dir, CalibrationFiles.Posterior), CalibrationFiles.PosteriorColumns(keys),
                posterior.Particles.Select(p => new PosteriorRow(p.Particle, p.Values[..keys.Count], p.Weight))),
            [CalibrationFiles.Generations] = CsvTable.Write(Path.Combine(dir, CalibrationFiles.Generations), CalibrationFiles.GenerationColumns, outcome.Generations),
            [CalibrationFiles.Fit] = CsvTable.Write(Path.Combine(dir, CalibrationFiles.Fit), CalibrationFiles.FitColumns, Fit(problem, posterior)),
        };
        (manifest with
        {
            Status = "finished", Generations = outcome.Generations.Count, Simulations = outcome.Simulations, Stopped = outcome.Stopped,
            TableRows = rows,
        }).Write(dir);
    }

    /// <summary>Each target point's observed value beside the posterior's weighted median and 5th and 95th percentiles.</summary>
    public static IEnumerable<FitRow> Fit(CalibrationProblem problem, Population posterior)
    {
        var offset = problem.Parameters.Count;
        for (var p = 0; p < problem.Points.Count; p++)
        {
            var point = problem.Points[p];
            var values = posterior.Particles.Select(x => x.Values[offset + p]).ToArray();
            var weights = posterior.Particles.Select(x => double.IsFinite(x.Values[offset + p]) ? x.Weight : 0).ToArray();
            double Q(double a) => Population.Quantile(values, weights, a);
            yield return new FitRow(point.Name, point.Row.Period, point.Row.Start, point.Row.End, point.Row.Value, Q(0.5), Q(0.05), Q(0.95), point.Holdout);
        }
    }
}
