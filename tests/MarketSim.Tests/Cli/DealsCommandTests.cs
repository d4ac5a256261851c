using System.Text;
using MarketSim.Data.Csv;

namespace MarketSim.Tests.Cli;

public class DealsCommandTests
{
    [Fact]
    public void Deals_lists_every_id_with_the_agents_its_parties_map_to()
    {
        var outcome = CliOutcome.Run("deals");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("", outcome.Stderr);
        using var csv = CsvReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(outcome.Stdout)), "deals", [], prefix: true);
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read()) rows.Add(csv.Header.Select((h, i) => (h, v: csv.Text(i))).ToDictionary(p => p.h, p => p.v));
        Assert.Equal(MarketSim.Core.Market.DealBook.Announced.Count, rows.Count);
        var broadcom = rows.Single(r => r["id"] == "broadcom-openai-2025-10");
        Assert.Equal(("OpenAI", "CustomSilicon"), (broadcom["payer_as"], broadcom["payee_as"]));
    }

    [Fact]
    public void An_unknown_deal_id_is_refused_with_one_line_saying_where_the_ids_are()
    {
        var outcome = CliOutcome.Run("run", "--set", "Deals:Cancel=openai-oracle-2025-09,no-such-deal", "--out", Path.Combine(Path.GetTempPath(), "never-written"));
        Assert.Equal(2, outcome.ExitCode);
        var line = Assert.Single(outcome.StderrLines);
        Assert.Contains("Deals:Cancel: 'no-such-deal' is not a deal in the deal book; `marketsim deals` lists the ids", line);
        Assert.False(Directory.Exists(Path.Combine(Path.GetTempPath(), "never-written")));
    }
}
