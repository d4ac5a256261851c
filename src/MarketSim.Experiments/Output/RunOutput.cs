using System.Text.Json;
using MarketSim.Core.Results;
using MarketSim.Core.Scenarios;
using MarketSim.Data;
using MarketSim.Data.Runs;

namespace MarketSim.Experiments.Output;

/// <summary>A run's result as the tables of its run directory (the format itself is MarketSim.Data's).</summary>
public static class RunOutput
{
    public static void Write(string directory, Scenario scenario, RunResult result, TableFormat format = TableFormat.Csv) =>
        Tables(scenario, result).WriteTo(directory, format);

    public static RunTables Tables(Scenario scenario, RunResult result)
    {
        using var resolved = JsonDocument.Parse(ScenarioLoader.ToJson(scenario));
        return new RunTables(
            new RunManifest(scenario.Name, result.Seed, resolved.RootElement.Clone()),
            Timeseries(result),
            result.Summary.Select(m => new SummaryRow(m.Metric, m.Value)).ToList(),
            result.Events.Select(e => new EventRow(e.Step, e.Date, e.Agent, e.Event, e.Counterparty, e.AmountUsdBn, e.Detail)).ToList());
    }

    // Step-major: every series' value for the first month, then the second, and so on.
    private static List<TimeseriesRow> Timeseries(RunResult result)
    {
        var rows = new List<TimeseriesRow>(result.Dates.Count * result.Series.Count);
        for (var step = 0; step < result.Dates.Count; step++)
            foreach (var s in result.Series)
                rows.Add(new TimeseriesRow(step, result.Dates[step], s.Agent, s.Kind, s.Metric, s.Values[step]));
        return rows;
    }
}
