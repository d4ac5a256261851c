using System.Globalization;
using MarketSim.Core.Scenarios;
using MarketSim.Data.Csv;

namespace MarketSim.Tests.Scenarios;

public sealed class GenerationTableTests
{
    private static string DataFile(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MarketSim.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("MarketSim.sln not found"), "experiments", "data", name);
    }

    /// <summary>The data file's rows, each as its columns' text by column name.</summary>
    private static List<Dictionary<string, string>> CsvRows()
    {
        using var csv = CsvReader.Open(DataFile("chip_generations.csv"), [], prefix: true);
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read()) rows.Add(csv.Header.Select((column, i) => (column, csv.Text(i))).ToDictionary(f => f.column, f => f.Item2));
        return rows;
    }

    [Fact]
    public void The_baseline_holds_every_row_of_the_data_with_its_figures_and_cites_it()
    {
        var table = ScenarioLoader.Load(null, []).Generations;
        var rows = CsvRows();
        Assert.Equal(rows.Count, table.Count);
        foreach (var row in rows)
        {
            var g = table[row["id"]];
            Assert.Equal(row["vendor"], g.Vendor);
            Assert.Equal(row["family"], g.Family);
            Assert.Equal(YearMonth.Parse(row["first_volume_month"]), g.FirstVolumeMonth);
            var column = g.PerformanceMetric == "FP8" ? row["h100e_fp8_per_unit"] : row["h100e_per_unit"];
            Assert.Equal(double.Parse(column, CultureInfo.InvariantCulture), g.H100ePerUnit);
            Assert.Equal(double.Parse(row["kw_per_unit"], CultureInfo.InvariantCulture), g.KwPerUnit);
            Assert.Equal(double.Parse(row["list_price_usd_per_unit"], CultureInfo.InvariantCulture), g.PriceUsdPerUnit);
            Assert.StartsWith($"chip_generations.csv {row["id"]}", g.Source);
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
