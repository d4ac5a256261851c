using System.Globalization;
using System.Text;
using MarketSim.Experiments.Calibration;

namespace MarketSim.Experiments.Tests.Calibration;

/// <summary>
/// The committed calibration spec on the real model, against data the model itself wrote at known parameter values:
/// the targets' series, entities and periods, the backtest's start, a run with another seed standing for history.
/// If the method and the targets can identify a parameter, its posterior holds the value the data came from.
/// </summary>
public class ModelRecoveryTests
{
    // Known values inside every prior and away from its bounds (the committed posterior puts CoreWeave's preference
    // against its lower bound, where an interval cannot be centred on the truth).
    private static readonly Dictionary<string, double> Truth = new()
    {
        ["Demand:AdoptionSpeed"] = 1.0,
        ["Finance:ExpectedRevenueGrowth"] = 0.8,
        ["Capacity:ForecastBuffer"] = 1.2,
        ["Chipmakers:Nvidia:CapacityGrowthPerYear"] = 2.0,
        ["Chipmakers:Nvidia:MaxGrossMargin"] = 0.78,
        ["Demand:InitialSpendUsdBn"] = 2.0,
        ["Labs:OpenAI:Brand"] = 4.0,
        ["Labs:Anthropic:Brand"] = 0.4,
        ["Clouds:CoreWeave:Preference"] = 0.3,
    };

    // 2,500 simulations a seed (about 7 s with two workers): enough for every posterior to narrow, not to converge.
    private const long Budget = 2500;

    [Fact]
    public void Calibrating_on_data_the_model_wrote_recovers_the_values_it_was_written_with()
    {
        using var tmp = new TempDir();
        var committed = Path.Combine(TestSupport.RepositoryRoot(), "experiments", "calibration.json");
        var model = ScenarioCalibrationModel.Load("backtest");
        var problem = CalibrationProblem.Build(CalibrationSpecParser.Load(committed), model);
        Assert.Equal(Truth.Keys.Order(), problem.Parameters.Select(p => p.Key).Order());

        var overrides = problem.Spec.Fixed.Concat(Truth.Select(t => KeyValuePair.Create(t.Key, t.Value.ToString("R", CultureInfo.InvariantCulture)))).ToList();
        var written = problem.Simulated(model.Run(overrides, seed: 424242));
        WriteData(tmp["synthetic.csv"], problem, written);
        var text = File.ReadAllText(committed)
            .Replace("\"data\": \"data/calibration_targets.csv\"", "\"data\": \"synthetic.csv\"")
            .Replace("\"particles\": 200", "\"particles\": 100");
        Assert.Contains("\"seed\": 2024", text);

        var rows = new List<(int Seed, string Key, double Lo, double Hi, double Width)>();
        foreach (var seed in new[] { 11, 12 })
        {
            File.WriteAllText(tmp[$"spec{seed}.json"], text.Replace("\"seed\": 2024", $"\"seed\": {seed}"));
            var recovery = CalibrationProblem.Build(CalibrationSpecParser.Load(tmp[$"spec{seed}.json"]), model);
            var posterior = CalibrationRunner.Run(recovery, model, new CalibrationOptions(tmp[$"out{seed}"], Workers: 2, Budget: Budget)).Posterior!;
            var weights = posterior.Particles.Select(p => p.Weight).ToArray();
            for (var i = 0; i < recovery.Parameters.Count; i++)
            {
                var prior = recovery.Parameters[i].Prior;
                double Scale(double x) => prior.Kind == PriorKind.LogUniform ? Math.Log(x) : x;
                var values = posterior.Particles.Select(p => p.Values[i]).ToArray();
                var (lo, hi) = (Population.Quantile(values, weights, 0.05), Population.Quantile(values, weights, 0.95));
                rows.Add((seed, recovery.Parameters[i].Key, lo, hi, (Scale(hi) - Scale(lo)) / (Scale(prior.High) - Scale(prior.Low))));
            }
        }
        var table = string.Join("; ", rows.Select(r => $"{r.Seed} {r.Key} {r.Lo:G3}-{r.Hi:G3} (truth {Truth[r.Key]:G3}, width {r.Width:F2})"));
        var covered = rows.Count(r => r.Lo <= Truth[r.Key] && Truth[r.Key] <= r.Hi);
        Assert.True(covered >= 0.75 * rows.Count, $"the 90% intervals hold the truth {covered} times of {rows.Count}: {table}");
        // Width: the 90% interval over the prior's range (log scale for log-uniform priors).
        Assert.All(rows, r => Assert.True(r.Width < 0.9, $"{r.Seed} {r.Key} is barely narrower than its prior: {table}"));
        Assert.True(rows.Average(r => r.Width) < 0.6, $"the posteriors are on average not much narrower than the priors: {table}");
    }

    // The targets' rows with the model's values: the layout of calibration_targets.csv.
    private static void WriteData(string path, CalibrationProblem problem, double[] values)
    {
        var text = new StringBuilder("series,entity,period,period_start,period_end,value,unit,source,note\n");
        for (var p = 0; p < problem.Points.Count; p++)
        {
            var row = problem.Points[p].Row;
            text.Append(CultureInfo.InvariantCulture, $"{row.Series},\"{row.Entity}\",\"{row.Period}\",{row.Start},{row.End},{values[p]:R},USD bn,simulated,\n");
        }
        File.WriteAllText(path, text.ToString());
    }
}
