using System.Diagnostics;
using MarketSim.Cli;
using MarketSim.Core.Scenarios;
using MarketSim.Data;
using MarketSim.Experiments.Running;

namespace MarketSim.Experiments.Tests;

/// <summary>A directory has one writer and one kind: runs, sweeps and other files never overwrite each other.</summary>
public class DirectoryTests
{
    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Invoke(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static void AssertRefused((int Code, string Out, string Err) outcome, string message)
    {
        Assert.Equal(2, outcome.Code);
        Assert.Single(outcome.Err.TrimEnd('\n').Split('\n'));
        Assert.Contains(message, outcome.Err);
    }

    private static void WriteRunManifest(string dir)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "manifest.json"), """{ "tool": "MarketSim", "scenario_name": "baseline", "seed": 1, "scenario": {} }""");
        File.WriteAllText(Path.Combine(dir, "timeseries.csv"), "step,date,agent,kind,metric,value\n");
    }

    [Fact]
    public void Sweep_refuses_a_run_directory_and_a_foreign_one_and_changes_nothing()
    {
        using var tmp = new TempDir();
        var spec = Specs.Write(tmp, Specs.Small);
        WriteRunManifest(tmp["run"]);
        AssertRefused(Cli("sweep", spec, "--out", tmp["run"]), "holds a run; a sweep never writes into one");
        Directory.CreateDirectory(tmp["mine"]);
        File.WriteAllText(tmp["mine/summary.csv"], "my own table\n");
        AssertRefused(Cli("sweep", spec, "--out", tmp["mine"], "--design-only"), "is not empty and holds no MarketSim sweep");
        Assert.Equal("my own table\n", File.ReadAllText(tmp["mine/summary.csv"]));
        Assert.Equal(["summary.csv"], Directory.GetFileSystemEntries(tmp["mine"]).Select(Path.GetFileName));
        Assert.False(File.Exists(tmp["run/design.csv"]));
    }

    [Fact]
    public void Run_refuses_a_sweep_directory_and_files_it_did_not_write()
    {
        using var tmp = new TempDir();
        SweepRunner.Run(Specs.Parse(Specs.Small), new SweepOptions(tmp["sweep"]), _ => new FakeModel());
        var before = Specs.Tables(tmp["sweep"]);
        AssertRefused(Cli("run", "--out", tmp["sweep"], "--no-plots"), "holds a sweep; a run never replaces one");
        Assert.Equal(before.Keys, Specs.Tables(tmp["sweep"]).Keys);

        WriteRunManifest(tmp["run"]);
        File.WriteAllText(tmp["run/notes.txt"], "mine");
        AssertRefused(Cli("run", "--out", tmp["run"], "--no-plots"), "holds 'notes.txt', which a run does not write");
        Assert.Equal("mine", File.ReadAllText(tmp["run/notes.txt"]));
    }

    [Fact]
    public void Design_only_obeys_the_spec_check_of_a_resume()
    {
        using var tmp = new TempDir();
        SweepRunner.Run(Specs.Parse(Specs.Small), new SweepOptions(tmp["out"]), _ => new FakeModel());
        var before = Specs.Tables(tmp["out"]);
        var other = Specs.Parse(Specs.Small.Replace("\"name\": \"t\"", "\"name\": \"other\"").Replace("\"samples\": 40", "\"samples\": 8"));
        var e = Assert.Throws<SpecException>(() =>
            SweepRunner.Run(other, new SweepOptions(tmp["out"], Resume: true, DesignOnly: true), _ => throw new InvalidOperationException()));
        Assert.Contains("already holds results of another spec ('t')", e.Message);
        // The same spec's design-only leaves the finished sweep as it is.
        SweepRunner.Run(Specs.Parse(Specs.Small), new SweepOptions(tmp["out"], DesignOnly: true), _ => throw new InvalidOperationException());
        var after = Specs.Tables(tmp["out"]);
        foreach (var (file, bytes) in before) Assert.True(bytes.AsSpan().SequenceEqual(after[file]), $"{file} changed");
    }

    [Fact]
    public void Resume_accepts_a_spec_with_reordered_keys_and_refuses_an_edited_scenario()
    {
        using var tmp = new TempDir();
        var spec = Specs.Parse(Specs.Small);
        SweepRunner.Run(spec, new SweepOptions(tmp["out"]), _ => new HashedModel("aa".PadRight(64, '0')));
        var reordered = Specs.Parse(Specs.Small.Replace("\"name\": \"t\", ", "").Replace("\"outputs\"", "\"name\": \"t\", \"outputs\""));
        Assert.NotEqual(spec.Given.ToJsonString(), reordered.Given.ToJsonString());
        var resumed = SweepRunner.Run(reordered, new SweepOptions(tmp["out"], Resume: true), _ => new HashedModel("aa".PadRight(64, '0')));
        Assert.Equal(resumed.Total, resumed.Skipped);

        var e = Assert.Throws<SpecException>(() =>
            SweepRunner.Run(spec, new SweepOptions(tmp["out"], Resume: true), _ => new HashedModel("bb".PadRight(64, '0'))));
        Assert.Contains("holds results of this spec on another scenario (scenario_sha256 aa0000000000..., now bb0000000000...)", e.Message);
    }

    [Fact]
    public void The_scenario_hash_is_of_the_resolved_scenario()
    {
        var baseline = new ScenarioRunModel(ScenarioLoader.Load(null, []));
        Assert.Equal(baseline.ScenarioSha256, new ScenarioRunModel(ScenarioLoader.Load(null, [])).ScenarioSha256);
        Assert.NotEqual(baseline.ScenarioSha256, new ScenarioRunModel(ScenarioLoader.Load(null, ["Demand:PriceElasticity=1.1"])).ScenarioSha256);
        Assert.Matches("^[0-9a-f]{64}$", baseline.ScenarioSha256);
    }

    [Fact]
    public void A_second_writer_in_the_same_process_is_refused_naming_the_holder()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["out"]);
        using (DirectoryLock.Acquire(tmp["out"], "test"))
        {
            var e = Assert.Throws<DataFileException>(() => SweepRunner.Run(Specs.Parse(Specs.Small), new SweepOptions(tmp["out"]), _ => new FakeModel()));
            Assert.Contains("another marketsim is writing here (this process)", e.Message);
            Assert.False(File.Exists(tmp["out/design.csv"]));
        }
        SweepRunner.Run(Specs.Parse(Specs.Small), new SweepOptions(tmp["out"]), _ => new FakeModel());
        Assert.True(File.Exists(tmp["out/manifest.json"]));
    }

    [Fact]
    public void A_running_sweep_refuses_a_second_writer_and_its_lock_does_not_outlive_kill_9()
    {
        using var tmp = new TempDir();
        var spec = Specs.Write(tmp, Specs.Small.Replace("\"samples\": 40", "\"samples\": 200"));
        Assert.Equal(0, Cli("sweep", spec, "--out", tmp["ref"], "--workers", "2").Code);

        using (var process = Start(["sweep", spec, "--out", tmp["out"], "--workers", "2"], delayMs: 8))
        {
            WaitFor(() => File.Exists(tmp["out/runs.csv"]) && File.ReadAllLines(tmp["out/runs.csv"]).Length > 20, process);
            AssertRefused(Cli("sweep", spec, "--out", tmp["out"], "--resume"), $"another marketsim is writing here (pid {process.Id} on ");
            AssertRefused(Cli("analyze", tmp["out"]), $"(pid {process.Id} on ");
            process.Kill(); // SIGKILL: the lock is never released by the process itself
            process.WaitForExit();
        }
        Assert.Equal(0, Cli("sweep", spec, "--out", tmp["out"], "--resume").Code);
        Specs.AssertSameTables(tmp["ref"], tmp["out"]);
    }

    internal static Process Start(string[] args, int delayMs = 0)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "marketsim.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", cli, .. args])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        if (delayMs > 0) start.Environment["MARKETSIM_SWEEP_RUN_DELAY_MS"] = delayMs.ToString();
        return Process.Start(start)!;
    }

    internal static void WaitFor(Func<bool> condition, Process process)
    {
        var clock = Stopwatch.StartNew();
        // Generous: a sweep with worker processes starts three runtimes, slow on a loaded machine.
        while (!condition() && clock.Elapsed < TimeSpan.FromSeconds(90) && !process.HasExited) Thread.Sleep(10);
        Assert.True(condition(), process.HasExited
            ? $"the process ended first (exit code {process.ExitCode}): {process.StandardError.ReadToEnd()}"
            : "the process never got there");
    }

    /// <summary>The fake model on a scenario with a given hash.</summary>
    private sealed class HashedModel(string sha256) : IRunModel
    {
        private readonly FakeModel _inner = new();
        public string? ScenarioSha256 => sha256;
        public void Check(IReadOnlyList<KeyValuePair<string, string>> overrides) => _inner.Check(overrides);
        public Core.Results.RunResult Run(IReadOnlyList<KeyValuePair<string, string>> overrides, int seed) => _inner.Run(overrides, seed);
    }
}
