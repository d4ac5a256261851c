using System.Text.Json;
using MarketSim.Core.Results;
using MarketSim.Core.Scenarios;
using MarketSim.Tests.Scenarios;

namespace MarketSim.Tests.Cli;

public sealed class RunCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void RunWritesTheFourContractFilesAndASummary()
    {
        var outDir = _dir.Combine("run");
        var outcome = CliOutcome.Run("run", "--seed", "3", "--out", outDir, "--no-plots");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("", outcome.Stderr);
        Assert.Contains("Capex 2026-2027", outcome.Stdout);
        Assert.Contains("Cohort NPV, end users", outcome.Stdout);
        Assert.Contains("Cohort NPV, owners", outcome.Stdout);
        Assert.Matches(@"Verdict, end users\s+(justified|not justified)\n", outcome.Stdout);
        Assert.Matches(@"Verdict, owners\s+(justified|not justified)\n", outcome.Stdout);
        Assert.Contains(outDir, outcome.Stdout);
        Assert.Equal(["events.csv", "manifest.json", "summary.csv", "timeseries.csv"],
            Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.StartsWith("step,date,agent,kind,metric,value\n", File.ReadAllText(Path.Combine(outDir, "timeseries.csv")));
        Assert.StartsWith("metric,value\n", File.ReadAllText(Path.Combine(outDir, "summary.csv")));
        Assert.StartsWith("step,date,agent,event,counterparty,amount_usd_bn,detail\n", File.ReadAllText(Path.Combine(outDir, "events.csv")));
        Assert.Equal([outDir], Directory.GetDirectories(_dir.Path));
    }

    [Fact]
    public void A_run_that_ends_before_2028_has_no_verdict_in_any_output()
    {
        var outDir = _dir.Combine("short");
        var outcome = CliOutcome.Run("run", "--out", outDir, "--set", "Clock:End=2027-06");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Matches(@"Verdict, end users\s+no verdict \(", outcome.Stdout);
        Assert.Matches(@"Verdict, owners\s+no verdict \(", outcome.Stdout);
        var summary = File.ReadAllText(Path.Combine(outDir, "summary.csv"));
        // Empty, never NaN and never a 0 that would read as "not justified".
        Assert.Contains("\njustified,\n", summary);
        Assert.Contains("\njustified_owners,\n", summary);
        Assert.Contains("\nenduser_cohort_2026_2027_npv_usd_bn,\n", summary);
        Assert.Contains("\nstranded_mw_2030,\n", summary);
        Assert.DoesNotContain("NaN", summary);
        Assert.Contains("This run has no verdict", File.ReadAllText(Path.Combine(outDir, "report.html")));
    }

    [Fact]
    public void ManifestHoldsTheResolvedScenarioThatLoadsBackEqual()
    {
        var outDir = _dir.Combine("manifest");
        Assert.Equal(0, CliOutcome.Run("run", "--out", outDir, "--set", "Demand:PriceElasticity=1.25").ExitCode);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json")));
        var root = manifest.RootElement;
        Assert.Equal(["tool", "version", "scenario_name", "seed", "tables", "scenario"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(File.ReadAllLines(Path.Combine(outDir, "timeseries.csv")).Length - 1,
            root.GetProperty("tables").GetProperty("timeseries.csv").GetProperty("rows").GetInt64());
        Assert.Equal("MarketSim", root.GetProperty("tool").GetString());
        Assert.Equal("0.1.0", root.GetProperty("version").GetString());
        Assert.Equal("baseline", root.GetProperty("scenario_name").GetString());
        Assert.Equal(1, root.GetProperty("seed").GetInt32());

        var expected = ScenarioLoader.Load(null, ["Demand:PriceElasticity=1.25"]);
        var reloaded = ScenarioLoader.Load(_dir.File("again.json", root.GetProperty("scenario").GetRawText()), []);
        Assert.Equal(expected with { Name = "again" }, reloaded);
    }

    [Fact]
    public void RerunIsByteIdenticalAndReplacesTheEarlierRun()
    {
        var first = _dir.Combine("first");
        var second = _dir.Combine("second");
        Assert.Equal(0, CliOutcome.Run("run", "--seed", "7", "--out", first).ExitCode);
        Assert.Equal(0, CliOutcome.Run("run", "--seed", "7", "--out", second).ExitCode);
        var before = Snapshot(second);
        Assert.Equal(0, CliOutcome.Run("run", "--seed", "7", "--out", second).ExitCode);

        Assert.Equal(Snapshot(first), Snapshot(second));
        Assert.Equal(before, Snapshot(second));
        Assert.Equal([first, second], Directory.GetDirectories(_dir.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ScenarioNameAndSeedNameTheDefaultOutputDirectory()
    {
        var scenario = ScenarioLoader.Load(_dir.File("cheap-power.json", """{ "Hardware": { "PowerPriceUsdPerMwh": 40 } }"""), []);
        Assert.Equal(Path.Combine("results", "cheap-power-4"), MarketSim.Cli.Commands.RunCommand.DefaultOutDir(scenario, 4));
    }

    [Fact]
    public void AForeignDirectoryIsNeverReplaced()
    {
        var outDir = _dir.Combine("mine");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "notes.txt"), "keep me");
        var outcome = CliOutcome.Run("run", "--out", outDir);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal($"error: output directory '{outDir}' is not empty and holds no MarketSim manifest.json; choose another --out",
            Assert.Single(outcome.StderrLines));
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(outDir).Select(Path.GetFileName));
    }

    [Fact]
    public void BenchReportsThroughputWithoutWritingFiles()
    {
        var outcome = CliOutcome.Run("bench", "--runs", "3", "--warmup", "1", "--max-warmup", "1", "--seed", "5");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("", outcome.Stderr);
        Assert.Matches(@"^bench baseline: 3 runs \(seeds 5\.\.7\) after 1 warm-up runs; \d+ steps x \d+ agents\n", outcome.Stdout);
        foreach (var label in new[] { "wall ms/run", "cpu ms/run", "runs/s", "agent-steps/s", "allocated MB/run", "methods jitted" })
            Assert.Matches($@"\n  {label}\s+[0-9.E+]+\n", outcome.Stdout);
    }

    [Fact]
    public void BenchWarmsUpPastItsMinimumUntilABatchCompilesNothingWithinItsCap()
    {
        // The first runs in a fresh JIT always compile something, so a warm-up of 2 goes on in batches of 20 up to the cap.
        var outcome = CliOutcome.Run("bench", "--runs", "2", "--warmup", "2", "--max-warmup", "42", "--seed", "5");
        Assert.Equal(0, outcome.ExitCode);
        var warmed = int.Parse(System.Text.RegularExpressions.Regex.Match(outcome.Stdout, @"after (\d+) warm-up runs").Groups[1].Value);
        Assert.InRange(warmed, 22, 42);
    }

    private static Dictionary<string, byte[]> Snapshot(string directory) =>
        Directory.GetFiles(directory).ToDictionary(path => Path.GetFileName(path), File.ReadAllBytes);
}
