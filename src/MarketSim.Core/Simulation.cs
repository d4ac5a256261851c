using MarketSim.Core.Results;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core;

/// <summary>The entry point: <c>Simulation.Create(scenario, seed).Run()</c>.</summary>
public sealed class Simulation
{
    private readonly Scenario _scenario;
    private readonly int _seed;

    private Simulation(Scenario scenario, int seed)
    {
        _scenario = scenario;
        _seed = seed;
    }

    public static Simulation Create(Scenario scenario, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        return new Simulation(scenario, seed);
    }

    // TEMPORARY until the kernel lands: a tiny deterministic result with the output contract's shape.
    public RunResult Run()
    {
        var months = _scenario.Clock.End.MonthsSince(_scenario.Clock.Start) + 1;
        var dates = Enumerable.Range(0, months).Select(i => _scenario.Clock.Start.AddMonths(i).ToString()).ToArray();
        var rng = new Random(_seed);
        var series = new List<Series>
        {
            new("Nvidia", "chipmaker", "revenue_usd_bn", Aggregation.Flow, dates.Select(_ => 10 + rng.NextDouble()).ToArray()),
            new("AWS", "cloud", "utilization", Aggregation.Level, dates.Select(_ => rng.NextDouble()).ToArray()),
            new("Market", "market", "sentiment", Aggregation.Level, dates.Select(_ => 1.0).ToArray()),
        };
        var summary = new List<SummaryMetric>
        {
            new("capex_2026_2027_usd_bn", 800 * _scenario.Demand.PriceElasticity),
            new("cohort_2026_2027_npv_usd_bn", rng.NextDouble() - 0.5),
            new("justified", 1),
        };
        return new RunResult(_scenario.Name, _seed, dates, series, [], summary);
    }
}
