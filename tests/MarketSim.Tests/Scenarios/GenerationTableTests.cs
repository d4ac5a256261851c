using System.Globalization;
using CsvHelper;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Scenarios;

public sealed class GenerationTableTests
{
    private static string DataFile(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MarketSim.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("MarketSim.sln not found"), "experiments", "data", name);
    }

    private static List<dynamic> CsvRows()
    {
        using var reader = new StreamReader(DataFile("chip_generations.csv"));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        return csv.GetRecords<dynamic>().ToList();
    }

    [Fact]
    public void The_baseline_holds_every_row_of_the_data_with_its_figures_and_cites_it()
    {
        var table = ScenarioLoader.Load(null, []).Generations;
        var rows = CsvRows();
        Assert.Equal(rows.Count, table.Count);
        foreach (var row in rows)
        {
            var g = table[(string)row.id];
            Assert.Equal((string)row.vendor, g.Vendor);
            Assert.Equal((string)row.family, g.Family);
            Assert.Equal(YearMonth.Parse(row.first_volume_month), g.FirstVolumeMonth);
            var column = g.PerformanceMetric == "FP8" ? (string)row.h100e_fp8_per_unit : (string)row.h100e_per_unit;
            Assert.Equal(double.Parse(column, CultureInfo.InvariantCulture), g.H100ePerUnit);
            Assert.Equal(double.Parse(row.kw_per_unit, CultureInfo.InvariantCulture), g.KwPerUnit);
            Assert.Equal(double.Parse(row.list_price_usd_per_unit, CultureInfo.InvariantCulture), g.PriceUsdPerUnit);
            Assert.StartsWith($"chip_generations.csv {row.id}", g.Source);
        }
        // The documented metric choice: dense BF16 throughout, Trainium3 on dense FP8.
        Assert.Equal(["aws-trainium3"], table.Where(kv => kv.Value.PerformanceMetric == "FP8").Select(kv => kv.Key));
    }

    [Fact]
    public void The_backtest_shares_the_baselines_generations() =>
        Assert.Equal(ScenarioLoader.Load(null, []).Generations, ScenarioLoader.Load("backtest", []).Generations);

    [Fact]
    public void A_generation_must_name_a_chipmaker_and_a_cloud_an_in_house_family()
    {
        string Error(params string[] sets) => Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(null, sets)).Message;
        Assert.StartsWith("Generations:nvidia-h100:Vendor: 'Intel' is not a chipmaker in the scenario; chipmakers: AMD, CustomSilicon, Nvidia",
            Error("Generations:nvidia-h100:Vendor=Intel"));
        Assert.StartsWith("Generations:gaudi3:Vendor: '' is not a chipmaker", Error("Generations:gaudi3:H100ePerUnit=1.8"));
        Assert.StartsWith("Chipmakers:Intel: no generation names it as Vendor", Error("Chipmakers:Intel:CapacityH100ePerMonth=1000"));
        Assert.StartsWith("Clouds:AWS:CustomSiliconFamily: 'Trainium' is not the family of a generation; families: AWS Trainium, Blackwell, ",
            Error("Clouds:AWS:CustomSiliconFamily=Trainium"));
        var added = ScenarioLoader.Load(null, ["Chipmakers:Intel:CapacityH100ePerMonth=1000", "Generations:intel-gaudi3:Vendor=Intel"]);
        Assert.Equal("Intel", added.Generations["intel-gaudi3"].Vendor);
    }
}
