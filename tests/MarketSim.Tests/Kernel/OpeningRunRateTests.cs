using MarketSim.Core;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

/// <summary>
/// The baseline opens at the end-2024 run-rates: its first quarter of 2025, annualised, is within 10% of the
/// company's own Q4-2024 run-rate (runrate_end2024 rows of experiments/data/calibration_targets.csv).
/// </summary>
public class OpeningRunRateTests
{
    private const double Tolerance = 0.10;

    [Theory]
    [InlineData("Nvidia data-center revenue", "Nvidia", "revenue_usd_bn")]
    [InlineData("Microsoft capex incl. finance leases", "Microsoft", "capex_usd_bn")]
    [InlineData("Alphabet capex", "Google", "capex_usd_bn")]
    [InlineData("Amazon capex", "AWS", "capex_usd_bn")]
    [InlineData("Meta capex incl. finance leases", "Meta", "capex_usd_bn")]
    [InlineData("Oracle capex", "Oracle", "capex_usd_bn")]
    [InlineData("OpenAI revenue", "OpenAI", "revenue_usd_bn")]
    [InlineData("Anthropic revenue", "Anthropic", "revenue_usd_bn")]
    public void Baseline_first_quarter_matches_the_end_2024_run_rate(string target, string agent, string metric)
    {
        var runRate = RunRateEnd2024(target);
        var firstQuarter = FirstQuarterAnnualised(agent, metric);
        Assert.InRange(firstQuarter / runRate, 1 - Tolerance, 1 + Tolerance);
    }

    private static readonly Lazy<MarketSim.Core.Results.RunResult> Baseline =
        new(() => Simulation.Create(ScenarioLoader.Load("baseline", []), 1).Run());

    private static double FirstQuarterAnnualised(string agent, string metric)
    {
        var r = Baseline.Value;
        var series = r.Series.Single(s => s.Agent == agent && s.Metric == metric);
        string[] quarter = ["2025-01", "2025-02", "2025-03"];
        return 4 * Enumerable.Range(0, r.Dates.Count).Where(i => quarter.Contains(r.Dates[i])).Sum(i => series.Values[i]);
    }

    // series,entity,period,period_start,period_end,value,... : the first six fields of these rows hold no quotes.
    private static double RunRateEnd2024(string entity)
    {
        var path = Path.Combine(FindRoot(), "experiments", "data", "calibration_targets.csv");
        var row = File.ReadLines(path).Select(l => l.Split(','))
            .Single(f => f[0] == "runrate_end2024" && f[1] == entity);
        return double.Parse(row[5], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MarketSim.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("MarketSim.sln not found above the test directory");
    }
}
