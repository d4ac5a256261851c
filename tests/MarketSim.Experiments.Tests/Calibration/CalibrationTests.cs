using MarketSim.Data;
using MarketSim.Data.Calibration;
using MarketSim.Data.Csv;
using MarketSim.Experiments.Calibration;

namespace MarketSim.Experiments.Tests.Calibration;

public class CalibrationTests
{
    private const double TrueLevel = 1.5, TrueGrowth = 0.9, TruePrice = 4;

    private static CalibrationProblem Problem(TempDir tmp, int seed, int particles = 40, string extraParameter = "")
    {
        ToyMarket.WriteData(tmp["data.csv"], TrueLevel, TrueGrowth, TruePrice, seed: 99);
        File.WriteAllText(tmp["spec.json"], ToyMarket.Spec("data.csv", seed, particles, extraParameter));
        return CalibrationProblem.Build(CalibrationSpecParser.Load(tmp["spec.json"]), new ToyMarket());
    }

    private static CalibrationOutcome Calibrate(CalibrationProblem problem, string dir, long budget, int workers = 2, bool resume = false) =>
        CalibrationRunner.Run(problem, new ToyMarket(), new CalibrationOptions(dir, workers, resume, budget));

    [Fact]
    public void Recovers_known_parameters_within_its_90_percent_interval_and_narrows_the_prior()
    {
        double[] truth = [TrueLevel, TrueGrowth, TruePrice];
        var covered = 0;
        var seeds = new[] { 1, 2, 3 };
        foreach (var seed in seeds)
        {
            using var tmp = new TempDir();
            var problem = Problem(tmp, seed);
            var outcome = Calibrate(problem, tmp["out"], budget: 1500);
            Assert.True(outcome.Generations.Count >= 4, $"seed {seed}: only {outcome.Generations.Count} generations");
            var posterior = outcome.Posterior!;
            var weights = posterior.Particles.Select(p => p.Weight).ToArray();
            for (var i = 0; i < truth.Length; i++)
            {
                var values = posterior.Particles.Select(p => p.Values[i]).ToArray();
                var (lo, hi) = (Population.Quantile(values, weights, 0.05), Population.Quantile(values, weights, 0.95));
                if (lo <= truth[i] && truth[i] <= hi) covered++;
                var prior = problem.Parameters[i].Prior;
                var (priorLo, priorHi) = prior.Kind == PriorKind.LogUniform ? (Math.Log(prior.Low), Math.Log(prior.High)) : (prior.Low, prior.High);
                var (postLo, postHi) = prior.Kind == PriorKind.LogUniform ? (Math.Log(lo), Math.Log(hi)) : (lo, hi);
                Assert.True(postHi - postLo < 0.5 * (priorHi - priorLo),
                    $"seed {seed}: {problem.Parameters[i].Key} 90% interval {lo}-{hi} is not narrower than half the prior's range");
            }
        }
        Assert.True(covered >= 7, $"the 90% intervals hold the truth {covered} times of 9");
    }

    [Fact]
    public void The_posterior_does_not_depend_on_the_worker_count()
    {
        using var tmp = new TempDir();
        var problem = Problem(tmp, seed: 5, particles: 20);
        Calibrate(problem, tmp["one"], budget: 200, workers: 1);
        Calibrate(problem, tmp["three"], budget: 200, workers: 3);
        foreach (var file in new[] { CalibrationFiles.Posterior, CalibrationFiles.Generations, CalibrationFiles.Fit, CalibrationFiles.Manifest })
            Assert.Equal(File.ReadAllBytes(Path.Combine(tmp["one"], file)), File.ReadAllBytes(Path.Combine(tmp["three"], file)));
    }

    [Fact]
    public void Another_seed_gives_another_posterior()
    {
        using var tmp = new TempDir();
        Calibrate(Problem(tmp, seed: 5, particles: 20), tmp["a"], budget: 120);
        Calibrate(Problem(tmp, seed: 6, particles: 20), tmp["b"], budget: 120);
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(tmp["a"], CalibrationFiles.Posterior)), File.ReadAllBytes(Path.Combine(tmp["b"], CalibrationFiles.Posterior)));
    }

    [Fact]
    public void Resuming_after_an_interruption_reaches_the_same_posterior()
    {
        using var tmp = new TempDir();
        var problem = Problem(tmp, seed: 8, particles: 20);
        var whole = Calibrate(problem, tmp["whole"], budget: 300);
        Calibrate(problem, tmp["cut"], budget: 300);
        // What a kill -9 in the middle of generation 3 leaves: its log half written with a torn last line, no
        // population checkpoint for it or later, and no results.
        var checkpoints = Path.Combine(tmp["cut"], CalibrationFiles.Checkpoints);
        foreach (var file in Directory.GetFiles(checkpoints))
            if (string.CompareOrdinal(Path.GetFileName(file)[^7..^4], "003") >= 0 && !file.Contains("simulations-003")) File.Delete(file);
        var log = CalibrationFiles.SimulationsPath(tmp["cut"], 3);
        var lines = File.ReadAllLines(log);
        File.WriteAllText(log, string.Join("\n", lines.Take(lines.Length / 2)) + "\n" + lines[lines.Length / 2][..10]);
        foreach (var file in CalibrationFiles.Results) File.Delete(Path.Combine(tmp["cut"], file));

        var resumed = Calibrate(problem, tmp["cut"], budget: 300, workers: 1, resume: true);

        Assert.InRange(resumed.SimulatedHere, 1, whole.Simulations - 1);
        foreach (var file in new[] { CalibrationFiles.Posterior, CalibrationFiles.Generations, CalibrationFiles.Fit, CalibrationFiles.Manifest })
            Assert.Equal(File.ReadAllText(Path.Combine(tmp["whole"], file)), File.ReadAllText(Path.Combine(tmp["cut"], file)));
    }

    [Fact]
    public void Shards_and_a_final_resume_reach_the_posterior_of_one_process()
    {
        using var tmp = new TempDir();
        var problem = Problem(tmp, seed: 4, particles: 20);
        Calibrate(problem, tmp["one"], budget: 200);
        for (var round = 0; round < 100; round++)
        {
            var stops = Enumerable.Range(0, 3).Select(k =>
                CalibrationRunner.Run(problem, new ToyMarket(), new CalibrationOptions(tmp["sharded"], 1, true, 200, k, 3)).Stopped).ToList();
            if (stops.All(s => s != "shard")) break;
        }
        var final = Calibrate(problem, tmp["sharded"], budget: 200, resume: true);
        Assert.Equal(0, final.SimulatedHere);
        Assert.Equal(File.ReadAllText(Path.Combine(tmp["one"], CalibrationFiles.Posterior)), File.ReadAllText(Path.Combine(tmp["sharded"], CalibrationFiles.Posterior)));
    }

    [Fact]
    public void A_calibration_holds_its_directory_against_a_second_writer_and_shards_against_a_whole_calibration()
    {
        using var tmp = new TempDir();
        var problem = Problem(tmp, seed: 4, particles: 20);
        Directory.CreateDirectory(tmp["out"]);
        using (DirectoryLock.Acquire(tmp["out"], "test"))
        {
            var e = Assert.Throws<DataFileException>(() => Calibrate(problem, tmp["out"], budget: 200));
            Assert.Contains("another marketsim is writing here (this process)", e.Message);
            Assert.Throws<DataFileException>(() => CalibrationRunner.Run(problem, new ToyMarket(), new CalibrationOptions(tmp["out"], 1, true, 200, 1, 3)));
            // Nothing but locks: the whole calibration's and the refused shard's own.
            Assert.All(Directory.EnumerateFileSystemEntries(tmp["out"]).Select(Path.GetFileName), name => Assert.EndsWith(".lock", name));
        }
        CalibrationRunner.Run(problem, new ToyMarket(), new CalibrationOptions(tmp["out"], 1, true, 200, 1, 3));
        using (DirectoryLock.Acquire(tmp["out"], "test", ".marketsim.shard-1-of-3.lock"))
        {
            var e = Assert.Throws<DataFileException>(() => Calibrate(problem, tmp["out"], budget: 200, resume: true));
            Assert.Contains("another marketsim is writing here (this process)", e.Message);
            Assert.False(File.Exists(Path.Combine(tmp["out"], CalibrationFiles.Posterior)));
        }
        Calibrate(problem, tmp["out"], budget: 200, resume: true);
        Assert.True(File.Exists(Path.Combine(tmp["out"], CalibrationFiles.Posterior)));
    }

    [Fact]
    public void Run_and_sweep_refuse_a_calibration_directory_and_a_calibration_refuses_theirs()
    {
        using var tmp = new TempDir();
        var problem = Problem(tmp, seed: 4, particles: 20);
        Calibrate(problem, tmp["calibration"], budget: 200);
        Assert.Contains("holds a calibration; a run never replaces one",
            Assert.Throws<DataFileException>(() => OutputDirectories.EnsureRunReplaceable(tmp["calibration"], new HashSet<string>())).Message);
        Assert.Contains("holds a calibration; a sweep never writes into one",
            Assert.Throws<DataFileException>(() => OutputDirectories.EnsureSweepWritable(tmp["calibration"])).Message);
        SweepRunner.Run(Specs.Parse(Specs.Small), new SweepOptions(tmp["sweep"]), _ => new FakeModel());
        Assert.Contains("holds a sweep; a calibration never writes into one",
            Assert.Throws<DataFileException>(() => Calibrate(problem, tmp["sweep"], budget: 200)).Message);
    }

    [Fact]
    public void Writes_weights_that_sum_to_one_and_a_fit_row_per_target_point()
    {
        using var tmp = new TempDir();
        var problem = Problem(tmp, seed: 3, particles: 20);
        Calibrate(problem, tmp["out"], budget: 200);
        var posterior = CsvTable.Read<PosteriorRow>(Path.Combine(tmp["out"], CalibrationFiles.Posterior),
            CalibrationFiles.PosteriorColumns(problem.Parameters.Select(p => p.Key)));
        Assert.Equal(20, posterior.Count);
        Assert.Equal(1, posterior.Sum(p => p.Weight), 9);
        var fit = CsvTable.Read<FitRow>(Path.Combine(tmp["out"], CalibrationFiles.Fit), CalibrationFiles.FitColumns);
        Assert.Equal(10, fit.Count); // eight quarters of revenue (2025 Q1 left out by "to") and two yearly prices
        Assert.All(fit, f => Assert.True(f.P5 <= f.Median && f.Median <= f.P95));
    }

    [Fact]
    public void Calibrated_on_history_to_mid_2024_its_band_covers_the_second_half_it_did_not_see()
    {
        using var tmp = new TempDir();
        ToyMarket.WriteData(tmp["data.csv"], TrueLevel, TrueGrowth, TruePrice, seed: 99);
        var spec = ToyMarket.Spec("data.csv", seed: 2)
            .Replace("\"metric\": \"revenue_usd_bn\", \"to\": \"2024-12\" }",
                "\"metric\": \"revenue_usd_bn\", \"to\": \"2024-06\" },\n" +
                "{ \"series\": \"toy_revenue\", \"entity\": \"Firm\", \"agent\": \"Firm\", \"metric\": \"revenue_usd_bn\", \"from\": \"2024-07\", \"to\": \"2024-12\", \"holdout\": true }");
        File.WriteAllText(tmp["spec.json"], spec);
        var problem = CalibrationProblem.Build(CalibrationSpecParser.Load(tmp["spec.json"]), new ToyMarket());
        var outcome = Calibrate(problem, tmp["out"], budget: 1000);

        var fit = CalibrationOutputs.Fit(problem, outcome.Posterior!).ToList();
        var unseen = fit.Where(f => f.Holdout).ToList();
        Assert.Equal(["2024 Q3", "2024 Q4"], unseen.Select(f => f.Period));
        Assert.All(unseen, f => Assert.InRange(f.Observed, f.P5, f.P95));
        // Holdout points do not move the distance: a run's distance is that of the fitted points alone.
        var shifted = outcome.Posterior!.Particles[0].Values[problem.Parameters.Count..].ToArray();
        var before = problem.Distance(shifted);
        for (var p = 0; p < problem.Points.Count; p++) if (problem.Points[p].Holdout) shifted[p] *= 10;
        Assert.Equal(before, problem.Distance(shifted));
    }

    [Theory]
    [InlineData(",\n{ \"key\": \"Toy:Colour\", \"prior\": \"uniform\", \"min\": 0, \"max\": 1 }", "parameters[3] (Toy:Colour): unknown scenario key")]
    [InlineData(",\n{ \"key\": \"Toy:Name\", \"prior\": \"uniform\", \"min\": 0, \"max\": 1 }", "parameters[3] (Toy:Name): is a string key")]
    public void Refuses_parameters_the_model_does_not_have(string extraParameter, string message)
    {
        using var tmp = new TempDir();
        var e = Assert.Throws<SpecException>(() => Problem(tmp, 1, extraParameter: extraParameter));
        Assert.Contains(message, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("\"Toy:Growth\", \"prior\": \"uniform\", \"min\": 0, \"max\": 2", "\"Toy:Growth\", \"prior\": \"uniform\", \"min\": 0, \"max\": 5",
        "parameters[1] (Toy:Growth): prior 0 to 5 is outside the key's range; the key's range is 0 to 3")]
    [InlineData("\"series\": \"toy_price\"", "\"series\": \"toy_cost\"", "targets[1] (toy_cost/Market): series 'toy_cost' is not in data.csv")]
    [InlineData("\"entity\": \"Firm\", \"agent\"", "\"entity\": \"Rival\", \"agent\"", "series 'toy_revenue' has no entity 'Rival' in data.csv; it has Firm")]
    [InlineData(", \"to\": \"2024-12\"", "", "toy_revenue/Firm 2025 Q1 ends 2025-03, after 2024-12")]
    [InlineData("\"metric\": \"gpu_hour_price_usd\"", "\"metric\": \"token_price\"", "the run has no metric 'token_price'")]
    [InlineData("\"prior\": \"log-uniform\"", "\"prior\": \"lognormal\"", "unknown prior 'lognormal'; allowed uniform, log-uniform, normal, truncated-normal")]
    [InlineData("\"mean\": 3, \"sd\": 2,", "\"mean\": 3, \"sd\": -2,", "sd -2 must be above 0")]
    [InlineData("\"transform\": \"relative\"", "\"transform\": \"sqrt\"", "unknown transform 'sqrt'; allowed log, relative")]
    public void Refuses_bad_specs_with_one_line(string from, string to, string message)
    {
        using var tmp = new TempDir();
        ToyMarket.WriteData(tmp["data.csv"], TrueLevel, TrueGrowth, TruePrice, seed: 99);
        var spec = ToyMarket.Spec("data.csv", 1);
        Assert.Contains(from, spec);
        File.WriteAllText(tmp["spec.json"], spec.Replace(from, to));
        var e = Assert.Throws<SpecException>(() => CalibrationProblem.Build(CalibrationSpecParser.Load(tmp["spec.json"]), new ToyMarket()));
        Assert.Contains(message, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
