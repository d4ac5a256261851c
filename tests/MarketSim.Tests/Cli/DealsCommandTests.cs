using System.Globalization;
using CsvHelper;

namespace MarketSim.Tests.Cli;

public class DealsCommandTests
{
    [Fact]
    public void Deals_lists_every_id_with_the_agents_its_parties_map_to()
    {
        var outcome = CliOutcome.Run("deals");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("", outcome.Stderr);
        using var csv = new CsvReader(new StringReader(outcome.Stdout), CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(MarketSim.Core.Market.DealBook.Announced.Count, rows.Count);
        var broadcom = rows.Single(r => (string)r["id"] == "broadcom-openai-2025-10");
        Assert.Equal(("OpenAI", "CustomSilicon"), ((string)broadcom["payer_as"], (string)broadcom["payee_as"]));
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
