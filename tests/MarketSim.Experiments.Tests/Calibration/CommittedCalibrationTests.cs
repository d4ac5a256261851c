using System.Text.Json.Nodes;
using MarketSim.Data.Calibration;
using MarketSim.Data.Csv;
using MarketSim.Experiments.Calibration;

namespace MarketSim.Experiments.Tests.Calibration;

/// <summary>
/// The committed calibrations belong to their committed specs and to this model, and their tables agree with each
/// other: the full one and the within-history check (fitted to mid-2024, the second half held out).
/// </summary>
public class CommittedCalibrationTests
{
    private static string Dir(string name) => Path.Combine(TestSupport.RepositoryRoot(), "experiments", "results", name);

    private static CalibrationProblem Problem(string name)
    {
        var spec = CalibrationSpecParser.Load(Path.Combine(TestSupport.RepositoryRoot(), "experiments", name + ".json"));
        return CalibrationProblem.Build(spec, ScenarioCalibrationModel.Load(spec.ScenarioToLoad));
    }

    [Theory]
    [InlineData("calibration")]
    [InlineData("calibration-holdout")]
    [InlineData("calibration-elasticities")]
    public void Was_run_on_the_committed_spec_with_at_least_5000_simulations(string name)
    {
        var (problem, dir) = (Problem(name), Dir(name));
        Assert.Equal(problem.Spec.SpecKey, CalibrationManifest.SpecKeyOf(dir));
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, CalibrationFiles.Manifest)))!;
        Assert.Equal("finished", (string?)manifest["status"]);
        Assert.True((long)manifest["simulations"]! >= 5000, $"{manifest["simulations"]} simulations");
        var generations = CsvTable.Read<GenerationRow>(Path.Combine(dir, CalibrationFiles.Generations), CalibrationFiles.GenerationColumns);
        Assert.Equal((int)manifest["generations"]!, generations.Count);
        foreach (var figure in new[] { "posterior_marginals", "fit_targets" })
            Assert.True(File.Exists(Path.Combine(dir, CalibrationFiles.Plots, figure + ".png")), figure);
    }

    // Generation 0 is the prior's draws and their distances: run again on today's model with the budget it took, it
    // must give the committed row byte for byte, or the committed posterior was fitted to another model.
    [Theory]
    [InlineData("calibration")]
    [InlineData("calibration-holdout")]
    [InlineData("calibration-elasticities")]
    public void Its_first_generation_simulated_again_gives_the_committed_row(string name)
    {
        using var tmp = new TempDir();
        var problem = Problem(name);
        var committed = File.ReadAllLines(Path.Combine(Dir(name), CalibrationFiles.Generations));
        var budget = long.Parse(committed[1].Split(',')[^1], System.Globalization.CultureInfo.InvariantCulture);
        CalibrationRunner.Run(problem, ScenarioCalibrationModel.Load(problem.Spec.ScenarioToLoad), new CalibrationOptions(tmp["out"], Workers: 2, Budget: budget));
        var again = File.ReadAllLines(Path.Combine(tmp["out"], CalibrationFiles.Generations));
        Assert.Equal(committed[..2], again[..2]);
    }

    [Fact]
    public void The_within_history_check_fits_nothing_after_mid_2024_and_holds_out_the_second_half()
    {
        var fit = CsvTable.Read<FitRow>(Path.Combine(Dir("calibration-holdout"), CalibrationFiles.Fit), CalibrationFiles.FitColumns);
        Assert.All(fit.Where(f => !f.Holdout), f => Assert.True(string.CompareOrdinal(f.PeriodEnd, "2024-06") <= 0, $"{f.Target} {f.Period} is fitted"));
        var held = fit.Where(f => f.Holdout).ToList();
        Assert.Equal(15, held.Count);
        Assert.All(held, f => Assert.True(string.CompareOrdinal(f.PeriodEnd, "2024-07") >= 0, $"{f.Target} {f.Period}"));
    }

    [Theory]
    [InlineData("calibration")]
    [InlineData("calibration-holdout")]
    [InlineData("calibration-elasticities")]
    public void Its_posterior_is_normalised_inside_the_priors_and_its_fit_has_a_row_per_target_point(string name)
    {
        var (problem, dir) = (Problem(name), Dir(name));
        var posterior = CsvTable.Read<PosteriorRow>(Path.Combine(dir, CalibrationFiles.Posterior),
            CalibrationFiles.PosteriorColumns(problem.Parameters.Select(p => p.Key)));
        Assert.Equal(problem.Spec.Method.Particles, posterior.Count);
        Assert.Equal(1, posterior.Sum(p => p.Weight), 9);
        for (var i = 0; i < problem.Parameters.Count; i++)
        {
            var prior = problem.Parameters[i].Prior;
            Assert.All(posterior, p => Assert.True(prior.Density(prior.ToScale(p.Parameters[i])) > 0,
                $"{problem.Parameters[i].Key} = {p.Parameters[i]} is outside its prior"));
        }
        var fit = CsvTable.Read<FitRow>(Path.Combine(dir, CalibrationFiles.Fit), CalibrationFiles.FitColumns);
        Assert.Equal(problem.Points.Count, fit.Count);
        Assert.All(fit, f => Assert.True(f.P5 <= f.Median && f.Median <= f.P95, $"{f.Target} {f.Period}"));
    }
}
