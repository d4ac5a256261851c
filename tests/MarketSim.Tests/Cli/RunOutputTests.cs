using MarketSim.Core.Results;
using MarketSim.Core.Scenarios;
using MarketSim.Data;
using MarketSim.Experiments.Output;
using MarketSim.Tests.Scenarios;

namespace MarketSim.Tests.Cli;

public sealed class RunOutputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static RunResult Sample() => new(
        "baseline", 2, ["2025-01", "2025-02"],
        [
            new Series("Nvidia", "chipmaker", "revenue_usd_bn", Aggregation.Flow, [0.1, 1e-7]),
            new Series("Odd, \"Name\"", "cloud", "utilization", Aggregation.Level, [double.NaN, 1.0 / 3]),
        ],
        [new SimEvent(1, "2025-02", "AWS", "ContractSigned", "OpenAI", 38, "rule=AnnouncedDeal months=84, \"7 years\"")],
        [new SummaryMetric("cohort_2026_2027_irr", double.NaN), new SummaryMetric("justified", 0)]);

    private string WriteSample()
    {
        var outDir = _dir.Combine("run");
        RunOutput.Write(outDir, new Scenario(), Sample());
        return outDir;
    }

    [Fact]
    public void TimeseriesIsStepMajorWithRoundTripNumbersAndQuotedNames()
    {
        var text = File.ReadAllText(Path.Combine(WriteSample(), "timeseries.csv"));
        Assert.Equal(
            "step,date,agent,kind,metric,value\n" +
            "0,2025-01,Nvidia,chipmaker,revenue_usd_bn,0.1\n" +
            "0,2025-01,\"Odd, \"\"Name\"\"\",cloud,utilization,NaN\n" +
            "1,2025-02,Nvidia,chipmaker,revenue_usd_bn,1E-07\n" +
            "1,2025-02,\"Odd, \"\"Name\"\"\",cloud,utilization,0.3333333333333333\n",
            text);
    }

    [Fact]
    public void SummaryAndEventsFollowTheContract()
    {
        var outDir = WriteSample();
        // An undefined metric is an empty value.
        Assert.Equal("metric,value\ncohort_2026_2027_irr,\njustified,0\n", File.ReadAllText(Path.Combine(outDir, "summary.csv")));
        Assert.Equal(
            "step,date,agent,event,counterparty,amount_usd_bn,detail\n" +
            "1,2025-02,AWS,ContractSigned,OpenAI,38,\"rule=AnnouncedDeal months=84, \"\"7 years\"\"\"\n",
            File.ReadAllText(Path.Combine(outDir, "events.csv")));
    }

    [Fact]
    public void ManifestStartsWithTheToolAndEndsWithTheResolvedScenario()
    {
        var manifest = File.ReadAllText(Path.Combine(WriteSample(), "manifest.json"));
        Assert.StartsWith("{\n  \"tool\": \"MarketSim\",\n  \"version\": \"0.1.0\",\n  \"scenario_name\": \"baseline\",\n  \"seed\": 2,\n" +
            "  \"tables\": {\n    \"timeseries.csv\": {\n      \"rows\": 4\n    },\n    \"summary.csv\": {\n      \"rows\": 2\n    },\n" +
            "    \"events.csv\": {\n      \"rows\": 1\n    }\n  },\n  \"scenario\": {\n    \"Base\": \"baseline\",", manifest);
        Assert.EndsWith("}\n}\n", manifest);
        Assert.DoesNotContain('\r', manifest);
    }

    [Fact]
    public void AFileInTheWayIsRefusedBeforeAnythingIsWritten()
    {
        var path = _dir.File("taken", "x");
        var error = Assert.Throws<DataFileException>(() => RunOutput.Write(path, new Scenario(), Sample()));
        Assert.Equal($"output directory '{path}' is a file", error.Message);
        Assert.Equal([path], Directory.GetFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void AnEmptyDirectoryIsFilledAndNoStagingIsLeftBehind()
    {
        var outDir = _dir.Combine("empty");
        Directory.CreateDirectory(outDir);
        RunOutput.Write(outDir + Path.DirectorySeparatorChar, new Scenario(), Sample());
        Assert.True(File.Exists(Path.Combine(outDir, "manifest.json")));
        Assert.Equal([outDir], Directory.GetFileSystemEntries(_dir.Path));
    }
}
