namespace MarketSim.Core.Results;

/// <summary>How a monthly series collapses to a calendar year (annual outputs, plots).</summary>
public enum Aggregation
{
    /// <summary>A flow over the month (revenue, capex, units shipped): the year is the sum of its months.</summary>
    Flow,
    /// <summary>A stock at month end (cash, debt, installed compute): the year is its December value.</summary>
    Stock,
    /// <summary>A level or ratio (prices, utilization, sentiment, capability): the year is the mean of its months.</summary>
    Level,
}

/// <summary>One metric of one agent, one value per step.</summary>
public sealed record Series(string Agent, string Kind, string Metric, Aggregation Aggregation, double[] Values);

/// <summary>Something a rule did. <see cref="Detail"/> starts with <c>rule=&lt;RuleName&gt;</c>.</summary>
public sealed record SimEvent(int Step, string Date, string Agent, string Event, string Counterparty, double AmountUsdBn, string Detail);

/// <summary>One run-level answer, e.g. <c>cohort_2026_2027_npv_usd_bn</c>.</summary>
public sealed record SummaryMetric(string Metric, double Value);

/// <summary>Everything a run produced. Series are ordered by agent kind, agent, metric; events by step.</summary>
public sealed record RunResult(
    string ScenarioName,
    int Seed,
    IReadOnlyList<string> Dates,
    IReadOnlyList<Series> Series,
    IReadOnlyList<SimEvent> Events,
    IReadOnlyList<SummaryMetric> Summary)
{
    public double SummaryValue(string metric) =>
        Summary.FirstOrDefault(m => m.Metric == metric)?.Value
        ?? throw new KeyNotFoundException($"summary metric '{metric}' not found");
}
