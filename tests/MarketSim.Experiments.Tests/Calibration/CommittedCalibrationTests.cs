using System.Text.Json.Nodes;
using MarketSim.Data.Calibration;
using MarketSim.Data.Csv;
using MarketSim.Experiments.Calibration;

namespace MarketSim.Experiments.Tests.Calibration;

/// <summary>The committed calibration belongs to the committed spec and its tables agree with each other.</summary>
public class CommittedCalibrationTests
{
    private static readonly string Dir = Path.Combine(TestSupport.RepositoryRoot(), "experiments", "results", "calibration");

    private static CalibrationProblem Problem()
    {
        var spec = CalibrationSpecParser.Load(Path.Combine(TestSupport.RepositoryRoot(), "experiments", "calibration.json"));
        return CalibrationProblem.Build(spec, ScenarioCalibrationModel.Load(spec.ScenarioToLoad));
    }

    [Fact]
    public void Was_run_on_the_committed_spec_with_at_least_5000_simulations()
    {
        var problem = Problem();
        Assert.Equal(problem.Spec.SpecKey, CalibrationManifest.SpecKeyOf(Dir));
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Dir, CalibrationFiles.Manifest)))!;
        Assert.Equal("finished", (string?)manifest["status"]);
        Assert.True((long)manifest["simulations"]! >= 5000, $"{manifest["simulations"]} simulations");
        var generations = CsvTable.Read<GenerationRow>(Path.Combine(Dir, CalibrationFiles.Generations), CalibrationFiles.GenerationColumns);
        Assert.Equal((int)manifest["generations"]!, generations.Count);
        foreach (var figure in new[] { "posterior_marginals", "fit_targets" })
            Assert.True(File.Exists(Path.Combine(Dir, CalibrationFiles.Plots, figure + ".png")), figure);
    }

    [Fact]
    public void Its_posterior_is_normalised_inside_the_priors_and_its_fit_has_a_row_per_target_point()
    {
        var problem = Problem();
        var posterior = CsvTable.Read<PosteriorRow>(Path.Combine(Dir, CalibrationFiles.Posterior),
            CalibrationFiles.PosteriorColumns(problem.Parameters.Select(p => p.Key)));
        Assert.Equal(problem.Spec.Method.Particles, posterior.Count);
        Assert.Equal(1, posterior.Sum(p => p.Weight), 9);
        for (var i = 0; i < problem.Parameters.Count; i++)
        {
            var prior = problem.Parameters[i].Prior;
            Assert.All(posterior, p => Assert.True(prior.Density(prior.ToScale(p.Parameters[i])) > 0,
                $"{problem.Parameters[i].Key} = {p.Parameters[i]} is outside its prior"));
        }
        var fit = CsvTable.Read<FitRow>(Path.Combine(Dir, CalibrationFiles.Fit), CalibrationFiles.FitColumns);
        Assert.Equal(problem.Points.Count, fit.Count);
        Assert.All(fit, f => Assert.True(f.P5 <= f.Median && f.Median <= f.P95, $"{f.Target} {f.Period}"));
    }
}
