using System.Globalization;
using MarketSim.Data.Csv;

namespace MarketSim.Tests.Cli;

public class ParamsCommandTests
{
    private static List<Dictionary<string, string>> CsvRows(params string[] args)
    {
        var outcome = CliOutcome.Run(["params", "--format", "csv", .. args]);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("", outcome.Stderr);
        Assert.DoesNotContain('\r', outcome.Stdout);
        // Read back with the project's own strict CSV reader, as analyze would read a table.
        string[] columns = ["key", "type", "default", "unit", "min", "max", "source", "allowed"];
        using var csv = CsvReader.Open(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(outcome.Stdout)), "params", columns);
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read()) rows.Add(columns.Select((c, i) => (c, v: csv.Text(i))).ToDictionary(p => p.c, p => p.v));
        return rows;
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void Csv_lists_every_key_with_a_unit_a_range_and_a_source()
    {
        var rows = CsvRows();
        Assert.True(rows.Count >= 90, $"{rows.Count} keys");
        Assert.Equal(rows.Count, rows.Select(r => r["key"]).Distinct().Count());
        Assert.All(rows, r =>
        {
            Assert.NotEqual("", r["unit"]);
            Assert.NotEqual("", r["source"]);
            var numeric = r["type"] is "double" or "int";
            Assert.Equal(numeric, r["min"].Length > 0 && r["max"].Length > 0);
            if (numeric)
                Assert.InRange(Number(r["default"]), Number(r["min"]), Number(r["max"]));
        });
    }

    [Fact]
    public void Csv_shows_baseline_defaults_agent_keys_and_rule_names()
    {
        var rows = CsvRows().ToDictionary(r => r["key"]);
        Assert.Equal("0.9", rows["Demand:PriceElasticity"]["default"]);
        Assert.Equal("2025-01", rows["Clock:Start"]["default"]);
        Assert.Equal("1000000", rows["Clouds:<name>:PoweredMw"]["max"]);
        Assert.Equal("ContractBackedCapacity|ForecastCapacity", rows["Policies:Capacity"]["allowed"]);
        Assert.Equal("ForecastCapacity", rows["Policies:Capacity"]["default"]);
        Assert.Equal("(empty)|ContractBackedCapacity|ForecastCapacity", rows["Clouds:<name>:Policies:Capacity"]["allowed"]);
        Assert.Equal("0.45", rows["Labs:<name>:MatureGrossMargin"]["default"]);
        Assert.Contains("Chipmakers:<name>:InHouse", rows.Keys);
        Assert.Equal("2023-01", CsvRows("--scenario", "backtest").Single(r => r["key"] == "Clock:Start")["default"]);
    }

    [Fact]
    public void Table_is_the_default_format_and_counts_the_keys()
    {
        var outcome = CliOutcome.Run("params");
        Assert.Equal(0, outcome.ExitCode);
        var lines = outcome.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^\s*key\s.*\stype\s.*\sdefault\s.*\sunit\s.*\srange\s.*\ssource$", lines[0]);
        Assert.Contains(lines, l => l.Contains("Demand:PriceElasticity") && l.Contains("0.05 to 4"));
        Assert.Matches(@"^\d+ keys; ", lines[^1]);
        Assert.All(lines, l => Assert.Equal(l.TrimEnd(), l));
    }

    [Fact]
    public void An_unknown_format_is_refused_on_one_line()
    {
        var outcome = CliOutcome.Run("params", "--format", "xml");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal("error: --format: 'xml' is not one of the allowed values: table, csv", Assert.Single(outcome.StderrLines));
        Assert.Equal("", outcome.Stdout);
    }
}
