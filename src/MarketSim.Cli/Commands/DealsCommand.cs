using System.CommandLine;
using System.Globalization;
using MarketSim.Core.Market;
using MarketSim.Core.Scenarios;
using MarketSim.Data.Csv;

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
            using var csv = new CsvWriter(stdout);
            csv.Header(["id", "announced", "type", "size_usd_bn", "payer", "payer_as", "payee", "payee_as", "part_of", "assumptions"]);
            foreach (var d in DealBook.Announced)
            {
                csv.Text(d.Id).Text(d.Announced.ToString()).Text(DealBook.TypeName(d.Type)).Number(d.SizeUsdBn)
                    .Text(d.Payer).Text(DealBook.ModelledAs(d.Payer, scenario)).Text(d.Payee).Text(DealBook.ModelledAs(d.Payee, scenario))
                    .Text(d.PartOf).Text(d.Assumptions);
                csv.EndRow();
            }
            csv.Flush();
            return ExitCodes.Ok;
        }));
        return command;
    }
}
