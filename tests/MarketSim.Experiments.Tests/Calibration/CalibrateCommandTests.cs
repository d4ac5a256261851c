using System.Diagnostics;
using MarketSim.Cli;
using MarketSim.Data.Calibration;
using MarketSim.Data.Csv;

namespace MarketSim.Experiments.Tests.Calibration;

/// <summary>The committed calibration spec through the CLI, on the real model.</summary>
public class CalibrateCommandTests
{
    private static string Repo() => TestSupport.RepositoryRoot();

    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        return (Program.Invoke(args, stdout, stderr), stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Calibrates_the_committed_spec_on_a_small_budget_and_draws_its_figures()
    {
        using var tmp = new TempDir();
        var (code, stdout, stderr) = Cli("calibrate", Path.Combine(Repo(), "experiments", "calibration.json"), "--budget", "700", "--workers", "2", "--out", tmp["out"]);
        Assert.True(code == 0, stderr);
        Assert.Matches(@"\d+ generations, 700 simulations", stdout);
        foreach (var file in CalibrationFiles.Results.Append("plots/posterior_marginals.png").Append("plots/fit_targets.svg"))
            Assert.True(File.Exists(Path.Combine(tmp["out"], file)), file);
    }

    [Fact]
    public void Resume_after_kill_9_of_a_real_process_reaches_the_posterior_of_an_uninterrupted_one()
    {
        using var tmp = new TempDir();
        string[] args = ["calibrate", Path.Combine(Repo(), "experiments", "calibration.json"), "--budget", "1000", "--workers", "2", "--no-plots"];
        Assert.Equal(0, Cli([.. args, "--out", tmp["whole"]]).Code);

        var cli = Path.Combine(AppContext.BaseDirectory, "marketsim.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", cli, .. args, "--out", tmp["killed"]])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        using (var process = Process.Start(start)!)
        {
            // Generation 1 is checkpointed after 634 of the 1,000 simulations: kill during generation 2.
            var population = CalibrationFiles.PopulationPath(tmp["killed"], 1);
            var clock = Stopwatch.StartNew();
            while (!File.Exists(population) && clock.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited) Thread.Sleep(20);
            process.Kill(); // SIGKILL: no cleanup, no flush
            process.WaitForExit();
        }
        Assert.True(File.Exists(CalibrationFiles.PopulationPath(tmp["killed"], 1)), "generation 1 was never checkpointed");
        Assert.False(File.Exists(Path.Combine(tmp["killed"], CalibrationFiles.Posterior)), "the process finished before it was killed");

        var (code, stdout, stderr) = Cli([.. args, "--out", tmp["killed"], "--resume"]);

        Assert.True(code == 0, stderr);
        Assert.Contains("1000 simulations", stdout);
        Assert.DoesNotContain("(1000 run now)", stdout);
        foreach (var file in new[] { CalibrationFiles.Posterior, CalibrationFiles.Generations, CalibrationFiles.Fit, CalibrationFiles.Manifest })
            Assert.Equal(File.ReadAllBytes(Path.Combine(tmp["whole"], file)), File.ReadAllBytes(Path.Combine(tmp["killed"], file)));
    }

    [Fact]
    public void The_report_of_a_calibration_redraws_and_embeds_its_fit_figures()
    {
        using var tmp = new TempDir();
        Assert.Equal(0, Cli("calibrate", Path.Combine(Repo(), "experiments", "calibration.json"), "--budget", "300", "--workers", "2", "--out", tmp["out"]).Code);
        var fitFigure = Path.Combine(tmp["out"], "plots", "fit_targets.png");
        var drawn = File.ReadAllBytes(fitFigure);
        File.Delete(fitFigure);

        var (code, stdout, stderr) = Cli("report", tmp["out"]);

        Assert.True(code == 0, stderr);
        Assert.Contains("report.html", stdout);
        Assert.Equal(drawn, File.ReadAllBytes(fitFigure));
        var html = File.ReadAllText(Path.Combine(tmp["out"], "report.html"));
        Assert.Contains("calibration: targets against the posterior", html);
        Assert.Contains("Posterior of calibration over its priors", html);
        Assert.Contains(Convert.ToBase64String(drawn), html);
        var fit = CsvTable.Read<FitRow>(Path.Combine(tmp["out"], CalibrationFiles.Fit), CalibrationFiles.FitColumns);
        var covered = fit.Count(f => f.P5 <= f.Observed && f.Observed <= f.P95);
        Assert.Contains($"covers {covered} of {fit.Count} fitted target points", html);
    }

    [Theory]
    [InlineData("\"Demand:AdoptionSpeed\"", "\"Demand:AdoptionPace\"", "parameters[0] (Demand:AdoptionPace): unknown scenario key")]
    [InlineData("\"min\": 0.25, \"max\": 4", "\"min\": 0.25, \"max\": 40", "prior 0.25 to 40 is outside the key's range; the key's range is 0.1 to 5")]
    [InlineData("\"series\": \"coreweave_revenue\"", "\"series\": \"coreweave_sales\"", "series 'coreweave_sales' is not in calibration_targets.csv")]
    [InlineData("\"nvidia_dc_revenue_calendar_est\", \"entity\": \"Nvidia\", \"agent\": \"Nvidia\", \"metric\": \"revenue_usd_bn\", \"from\": \"2023-01\", \"to\": \"2024-12\"",
        "\"nvidia_dc_revenue\", \"entity\": \"Nvidia\", \"agent\": \"Nvidia\", \"metric\": \"revenue_usd_bn\", \"from\": \"2023-01\"",
        "nvidia_dc_revenue/Nvidia FY2025 Q4 ends 2025-01, after 2024-12")]
    [InlineData("\"agent\": \"Google\"", "\"agent\": \"Alphabet\"", "the run has no 'capex_usd_bn' for agent 'Alphabet'")]
    public void Bad_specs_exit_2_with_one_line_and_write_nothing(string from, string to, string message)
    {
        using var tmp = new TempDir();
        var text = File.ReadAllText(Path.Combine(Repo(), "experiments", "calibration.json"));
        Assert.Contains(from, text);
        Directory.CreateDirectory(tmp["experiments"]);
        File.WriteAllText(Path.Combine(tmp["experiments"], "calibration.json"), text.Replace(from, to));
        Directory.CreateDirectory(Path.Combine(tmp["experiments"], "data"));
        File.Copy(Path.Combine(Repo(), "experiments", "data", "calibration_targets.csv"), Path.Combine(tmp["experiments"], "data", "calibration_targets.csv"));
        var (code, _, stderr) = Cli("calibrate", Path.Combine(tmp["experiments"], "calibration.json"), "--out", tmp["out"]);
        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.False(Directory.Exists(tmp["out"]));
    }
}
