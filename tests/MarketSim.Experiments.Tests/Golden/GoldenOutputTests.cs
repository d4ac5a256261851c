using System.Security.Cryptography;
using System.Text.Json;
using MarketSim.Cli;

namespace MarketSim.Experiments.Tests.Golden;

/// <summary>
/// Refactors must not change what the model computes: each case's output tables are hashed and compared with the
/// committed <c>golden-outputs.json</c>. A change that is meant to move the numbers regenerates the file with
/// <c>MARKETSIM_UPDATE_GOLDEN=1 dotnet test --filter GoldenOutputTests</c> and says why in its commit.
/// manifest.json is left out: it records the resolved scenario, which grows whenever a constant becomes a parameter.
/// </summary>
public sealed class GoldenOutputTests
{
    private static readonly string[] RunTables = ["timeseries.csv", "summary.csv", "events.csv"];
    private static readonly string[] SweepTables = ["design.csv", "summary.csv", "timeseries.csv"];

    public static TheoryData<string> Cases() => [.. RunCases.Keys, "sweep:small"];

    private static readonly Dictionary<string, string[]> RunCases = new()
    {
        ["baseline-1"] = ["--seed", "1"],
        ["baseline-2"] = ["--seed", "2"],
        ["baseline-3"] = ["--seed", "3"],
        ["backtest"] = ["--scenario", "backtest"],
        ["shock-EfficiencyBreakthrough"] = ["--set", "Shocks:EfficiencyBreakthrough:Enabled=true"],
        ["shock-DemandShortfall"] = ["--set", "Shocks:DemandShortfall:Enabled=true"],
        ["shock-PriceWar"] = ["--set", "Shocks:PriceWar:Enabled=true"],
        ["shock-PowerCrunch"] = ["--set", "Shocks:PowerCrunch:Enabled=true"],
        ["shock-RateRise"] = ["--set", "Shocks:RateRise:Enabled=true"],
        ["shock-LabDefault"] = ["--set", "Shocks:LabDefault:Enabled=true"],
        ["rule-ContractBackedCapacity"] = ["--set", "Policies:Capacity=ContractBackedCapacity"],
        ["rule-PriceWarPricing"] = ["--set", "Policies:Pricing=PriceWarPricing"],
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void OutputsMatchTheCommittedHashes(string name)
    {
        var actual = Hashes(name);
        var path = GoldenFile();
        if (Environment.GetEnvironmentVariable("MARKETSIM_UPDATE_GOLDEN") == "1")
        {
            lock (typeof(GoldenOutputTests)) Update(path, name, actual);
            return;
        }
        var expected = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(File.ReadAllText(path))!;
        Assert.True(expected.ContainsKey(name), $"no golden hashes for '{name}' in {path}");
        Assert.Equal(expected[name], actual);
    }

    private static Dictionary<string, string> Hashes(string name)
    {
        using var dir = new TempDir();
        var outDir = dir["out"];
        string[] tables;
        if (name == "sweep:small")
        {
            var spec = Path.Combine(RepositoryRoot(), "experiments", "small.json");
            Assert.Equal(0, Invoke("sweep", spec, "--out", outDir, "--workers", "2"));
            tables = SweepTables;
        }
        else
        {
            Assert.Equal(0, Invoke(["run", .. RunCases[name], "--out", outDir, "--no-plots"]));
            tables = RunTables;
        }
        return tables.ToDictionary(t => t, t => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(outDir, t)))));
    }

    private static int Invoke(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Invoke(args, stdout, stderr);
        Assert.True(code == 0, $"marketsim {string.Join(' ', args)} exited {code}: {stderr}");
        return code;
    }

    private static void Update(string path, string name, Dictionary<string, string> hashes)
    {
        var all = File.Exists(path)
            ? JsonSerializer.Deserialize<SortedDictionary<string, Dictionary<string, string>>>(File.ReadAllText(path))!
            : new SortedDictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        all[name] = hashes;
        File.WriteAllText(path, JsonSerializer.Serialize(all, new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static string GoldenFile() =>
        Path.Combine(RepositoryRoot(), "tests", "MarketSim.Experiments.Tests", "Golden", "golden-outputs.json");

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MarketSim.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("MarketSim.sln not found above the test directory");
    }
}
