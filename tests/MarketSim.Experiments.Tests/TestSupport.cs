using System.Text;
using MarketSim.Core.Results;
using MarketSim.Core.Scenarios;
using MarketSim.Experiments.Running;
using MarketSim.Experiments.Specs;

namespace MarketSim.Experiments.Tests;

/// <summary>A fast model with the run output's shape; values depend on the overrides and the seed only.</summary>
internal sealed class FakeModel(Func<int, bool>? fail = null, Func<int, bool>? infinite = null) : IRunModel
{
    public static readonly HashSet<string> Keys = ["Demand:PriceElasticity", "Trends:AlgorithmicHalvingMonths", "Shocks:EfficiencyBreakthrough:Enabled", "Power:ShellBuildMonths"];

    public void Check(IReadOnlyList<KeyValuePair<string, string>> overrides)
    {
        foreach (var (key, _) in overrides)
            if (!Keys.Contains(key)) throw new ScenarioException($"{key}: not a scenario key");
    }

    public RunResult Run(IReadOnlyList<KeyValuePair<string, string>> overrides, int seed)
    {
        if (fail?.Invoke(seed) == true) throw new InvalidOperationException("the model broke\non two lines");
        var rng = new Random(seed);
        var x = overrides.Sum(o => double.TryParse(o.Value, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : o.Value == "true" ? 1 : 0);
        var dates = Enumerable.Range(0, 36).Select(i => new YearMonth(2025, 1).AddMonths(i).ToString()).ToArray();
        var series = new List<Series>
        {
            new("Nvidia", "chipmaker", "revenue_usd_bn", Aggregation.Flow, dates.Select(_ => x + rng.NextDouble()).ToArray()),
            new("AWS", "cloud", "cash_usd_bn", Aggregation.Stock, dates.Select((_, i) => (double)i).ToArray()),
            new("AWS", "cloud", "utilization", Aggregation.Level, dates.Select(_ => rng.NextDouble()).ToArray()),
        };
        return new RunResult("fake", seed, dates, series, [],
            [new("capex_2026_2027_usd_bn", infinite?.Invoke(seed) == true ? double.PositiveInfinity : 800 * x), new("cohort_2026_2027_irr", double.NaN), new("justified", rng.Next(2))]);
    }
}

internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("marketsim-exp-").FullName;
    public string this[string name] => System.IO.Path.Combine(Path, name);
    public void Dispose() { try { Directory.Delete(Path, true); } catch (IOException) { } }
}

internal static class Specs
{
    public const string Small = """
        { "name": "t", "scenario": "baseline", "seed": 7, "replications": 2,
          "design": { "sampler": "lhs", "samples": 40 },
          "parameters": [
            { "key": "Demand:PriceElasticity", "min": 0.6, "max": 1.8 },
            { "key": "Trends:AlgorithmicHalvingMonths", "min": 4, "max": 16, "scale": "log" },
            { "key": "Shocks:EfficiencyBreakthrough:Enabled", "values": [false, true] } ],
          "outputs": { "timeseries": "annual" } }
        """;

    public static SweepSpec Parse(string json, string file = "spec.json") => SpecParser.Parse(json, file);

    public static string Write(TempDir dir, string json, string name = "spec.json")
    {
        File.WriteAllText(dir[name], json);
        return dir[name];
    }

    public static Dictionary<string, byte[]> Tables(string dir, bool withRuns = true) =>
        new[] { "design.csv", "summary.csv", "timeseries.csv", "manifest.json", "runs.csv" }
            .Where(f => File.Exists(System.IO.Path.Combine(dir, f)) && (withRuns || f != "runs.csv"))
            .ToDictionary(f => f, f => f == "runs.csv" ? Encoding.UTF8.GetBytes(RunsWithoutSeconds(System.IO.Path.Combine(dir, f))) : File.ReadAllBytes(System.IO.Path.Combine(dir, f)));

    /// <summary>runs.csv without the seconds column, which is the one thing that differs between identical sweeps.</summary>
    public static string RunsWithoutSeconds(string path) => string.Join("\n", File.ReadAllLines(path).Select(l =>
    {
        var parts = l.Split(',', 4);
        return $"{parts[0]},{parts[1]},{parts[3]}";
    }));

    public static void AssertSameTables(string expectedDir, string actualDir)
    {
        var expected = Tables(expectedDir);
        var actual = Tables(actualDir);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (file, bytes) in expected)
            Assert.True(bytes.AsSpan().SequenceEqual(actual[file]), $"{file} differs");
    }
}

internal static class TestSupport
{
    /// <summary>The repository's root: the first directory above the test binaries that holds MarketSim.sln.</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "MarketSim.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("MarketSim.sln not found above the test directory");
    }
}
