using System.CommandLine;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using MarketSim.Core.Market;
using MarketSim.Core.Scenarios;

namespace MarketSim.Cli.Commands;

/// <summary>
/// <c>marketsim deals</c>: the deal book as CSV, one deal a row, with the company of the scenario each party maps to
/// (empty when none models it), so the ids for <c>Deals:Cancel</c> and each deal's treatment can be looked up.
/// </summary>
internal static class DealsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var scenarioOption = ScenarioArguments.Scenario();
        var command = new Command("deals", "List the announced deals (ids for Deals:Cancel) and the agents their parties map to")
        {
            scenarioOption,
        };
        command.SetAction(parse => ExitCodes.Guard(stderr, () =>
        {
            var scenario = ScenarioLoader.Load(parse.GetValue(scenarioOption), []);
            using var csv = new CsvWriter(stdout, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }, leaveOpen: true);
            foreach (var header in new[] { "id", "announced", "type", "size_usd_bn", "payer", "payer_as", "payee", "payee_as", "part_of", "assumptions" })
                csv.WriteField(header);
            csv.NextRecord();
            foreach (var d in DealBook.Announced)
            {
                csv.WriteField(d.Id);
                csv.WriteField(d.Announced.ToString());
                csv.WriteField(DealBook.TypeName(d.Type));
                csv.WriteField(d.SizeUsdBn?.ToString(CultureInfo.InvariantCulture) ?? "");
                csv.WriteField(d.Payer);
                csv.WriteField(DealBook.ModelledAs(d.Payer, scenario));
                csv.WriteField(d.Payee);
                csv.WriteField(DealBook.ModelledAs(d.Payee, scenario));
                csv.WriteField(d.PartOf);
                csv.WriteField(d.Assumptions);
                csv.NextRecord();
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
