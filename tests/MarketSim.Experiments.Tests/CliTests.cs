using System.Diagnostics;
using MarketSim.Cli;

namespace MarketSim.Experiments.Tests;

public class CliTests
{
    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Invoke(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("\"sampler\": \"lhs\"", "\"sampler\": \"latin\"", "design.sampler: unknown sampler 'latin'")]
    [InlineData("\"seed\": 7,", "\"seed\": 7, \"colour\": 1,", "spec: unknown key 'colour'")]
    [InlineData("\"max\": 1.8 }", "\"max\": 1.8, \"step\": 2 }", "parameters[0]: unknown key 'step'")]
    [InlineData("Demand:PriceElasticity", "Demand:Elasticity", "parameters[0]: Demand:Elasticity: unknown key; known keys of Demand")]
    [InlineData("\"min\": 0.6, \"max\": 1.8", "\"min\": 1.8, \"max\": 0.6", "parameters[0] (Demand:PriceElasticity): min 1.8 is not below max 0.6")]
    [InlineData("\"min\": 4, \"max\": 16, \"scale\": \"log\"", "\"min\": 0, \"max\": 16, \"scale\": \"log\"", "log scale needs min above 0")]
    [InlineData("\"lhs\", \"samples\": 40", "\"sobol\", \"samples\": 40", "design.samples: 40 is not a power of two; the sobol sampler needs 2^k samples")]
    [InlineData("\"lhs\", \"samples\": 40", "\"saltelli\", \"samples\": 12", "the saltelli sampler needs 2^k samples")]
    [InlineData("\"min\": 0.6, \"max\": 1.8", "\"min\": 0.6, \"max\": 9", "Demand:PriceElasticity: 9 is out of range; allowed 0.05 to 4")]
    [InlineData("\"Shocks:EfficiencyBreakthrough:Enabled\", \"values\": [false, true]", "\"Clouds:CoreWeave:Policies:Capacity\", \"values\": [\"ForecastCapacity\", \"Guess\"]",
        "parameters[2]: Clouds:CoreWeave:Policies:Capacity: 'Guess' is not a registered ICapacityPolicy; allowed: ContractBackedCapacity, ForecastCapacity")]
    public void Bad_specs_exit_2_with_one_line_and_write_nothing(string from, string to, string message)
    {
        using var tmp = new TempDir();
        var json = Specs.Small.Replace(from, to);
        Assert.NotEqual(Specs.Small, json);
        var (code, _, err) = Cli("sweep", Specs.Write(tmp, json), "--out", tmp["out"]);
        Assert.Equal(2, code);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("error: ", err);
        Assert.Contains(message, err);
        Assert.False(Directory.Exists(tmp["out"]));
    }

    [Fact]
    public void Empty_parameters_and_missing_spec_exit_2()
    {
        using var tmp = new TempDir();
        var start = Specs.Small.IndexOf("\"parameters\"", StringComparison.Ordinal);
        var end = Specs.Small.IndexOf("\"outputs\"", StringComparison.Ordinal);
        var json = Specs.Small[..start] + "\"parameters\": [], " + Specs.Small[end..];
        var (code, _, err) = Cli("sweep", Specs.Write(tmp, json), "--out", tmp["out"]);
        Assert.Equal(2, code);
        Assert.Contains("parameters: is empty", err);
        Assert.Equal(2, Cli("sweep", tmp["nope.json"], "--out", tmp["out"]).Code);
        Assert.False(Directory.Exists(tmp["out"]));
    }

    [Fact]
    public void Resume_after_kill_9_of_a_real_process_equals_an_uninterrupted_sweep()
    {
        using var tmp = new TempDir();
        var json = Specs.Small.Replace("\"samples\": 40", "\"samples\": 200");
        var spec = Specs.Write(tmp, json);
        Assert.Equal(0, Cli("sweep", spec, "--out", tmp["ref"], "--workers", "2").Code);

        var cli = Path.Combine(AppContext.BaseDirectory, "marketsim.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", cli, "sweep", spec, "--out", tmp["killed"], "--workers", "2"])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
            Environment = { ["MARKETSIM_SWEEP_RUN_DELAY_MS"] = "8" },
        };
        using (var process = Process.Start(start)!)
        {
            var runs = tmp["killed/runs.csv"];
            var clock = Stopwatch.StartNew();
            while (!(File.Exists(runs) && File.ReadAllLines(runs).Length > 60) && clock.Elapsed < TimeSpan.FromSeconds(20) && !process.HasExited)
                Thread.Sleep(20);
            process.Kill(); // SIGKILL: no cleanup, no flush
            process.WaitForExit();
        }
        var committed = File.ReadAllLines(tmp["killed/runs.csv"]).Length - 1;
        Assert.InRange(committed, 1, 399); // really cut off mid-way

        var (code, output, _) = Cli("sweep", spec, "--out", tmp["killed"], "--workers", "3", "--resume");
        Assert.Equal(0, code);
        Assert.Contains($"{committed} already done", output);
        Specs.AssertSameTables(tmp["ref"], tmp["killed"]);
    }

    [Fact]
    public void Merge_command_reports_missing_shards_with_exit_2()
    {
        using var tmp = new TempDir();
        var spec = Specs.Write(tmp, Specs.Small);
        Assert.Equal(0, Cli("sweep", spec, "--out", tmp["out"], "--shard", "1", "--shards", "2").Code);
        var (code, _, err) = Cli("merge", tmp["out"]);
        Assert.Equal(2, code);
        Assert.Contains("run ids missing from the shards: 0, 2, 4", err);
        Assert.Equal(0, Cli("sweep", spec, "--out", tmp["out"], "--shard", "0", "--shards", "2").Code);
        Assert.Equal(0, Cli("merge", tmp["out"]).Code);
        Assert.Equal(81, File.ReadAllLines(tmp["out/runs.csv"]).Length);
    }
}
