using System.Text.Json;

namespace MarketSim.Plots.Input;

/// <summary>One row of a run's timeseries.csv (also the shape a notebook builds from a RunResult).</summary>
public sealed record RunRow(int Step, string Date, string Agent, string Kind, string Metric, double Value);

/// <summary>One row of a run's events.csv.</summary>
public sealed record RunEvent(int Step, string Date, string Agent, string Event, string Counterparty, double AmountUsdBn, string Detail);

/// <summary>Everything the figures and the report read from a run directory.</summary>
public sealed class RunData
{
    private readonly Dictionary<(string Agent, string Metric), double[]> _series;
    private readonly Dictionary<string, string> _kinds;

    private RunData(string scenarioName, int seed, IReadOnlyList<string> dates,
        Dictionary<(string, string), double[]> series, Dictionary<string, string> kinds,
        IReadOnlyList<RunEvent> events, IReadOnlyDictionary<string, double> summary, JsonElement? scenario)
    {
        ScenarioName = scenarioName;
        Seed = seed;
        Dates = dates;
        _series = series;
        _kinds = kinds;
        Events = events;
        Summary = summary;
        Scenario = scenario;
        Years = dates.Select(Annual.YearOf).Distinct().Order().ToArray();
    }

    public string ScenarioName { get; }
    public int Seed { get; }
    /// <summary>Monthly dates <c>yyyy-MM</c>, in step order.</summary>
    public IReadOnlyList<string> Dates { get; }
    public IReadOnlyList<int> Years { get; }
    public IReadOnlyList<RunEvent> Events { get; }
    /// <summary>summary.csv as metric -> value; empty when the directory has none.</summary>
    public IReadOnlyDictionary<string, double> Summary { get; }
    /// <summary>The resolved scenario from manifest.json, when known.</summary>
    public JsonElement? Scenario { get; }

    public string Note => $"scenario {ScenarioName}, seed {Seed}";

    /// <summary>Agents of a kind (cloud, lab, chipmaker, market) in the canonical company order.</summary>
    public IReadOnlyList<string> Agents(string kind) =>
        _kinds.Where(k => k.Value == kind).Select(k => k.Key).OrderBy(CompanyOrder).ThenBy(a => a, StringComparer.Ordinal).ToList();

    public bool Has(string agent, string metric) => _series.ContainsKey((agent, metric));

    /// <summary>Monthly values, or null when the run did not write that metric.</summary>
    public double[]? Monthly(string agent, string metric) => _series.GetValueOrDefault((agent, metric));

    /// <summary>One value per <see cref="Years"/>, collapsed with the metric's flow/stock/level rule.</summary>
    public double[]? Yearly(string agent, string metric) =>
        Monthly(agent, metric) is { } m ? Annual.Collapse(Dates, m, Years, Annual.RuleFor(metric)) : null;

    public double[] MonthX => Dates.Select(Annual.XOf).ToArray();

    /// <summary>The figures' view of a run held in memory, as if it had been written and read back.</summary>
    public static RunData FromResult(MarketSim.Core.Results.RunResult r) => FromRows(r.ScenarioName, r.Seed,
        r.Series.SelectMany(s => s.Values.Select((v, step) => new RunRow(step, r.Dates[step], s.Agent, s.Kind, s.Metric, v))),
        r.Events.Select(e => new RunEvent(e.Step, e.Date, e.Agent, e.Event, e.Counterparty, e.AmountUsdBn, e.Detail)),
        r.Summary.ToDictionary(m => m.Metric, m => m.Value));

    public static RunData FromRows(string scenarioName, int seed, IEnumerable<RunRow> rows,
        IEnumerable<RunEvent>? events = null, IReadOnlyDictionary<string, double>? summary = null,
        JsonElement? scenario = null)
    {
        var byStep = new SortedDictionary<int, string>();
        var cells = new Dictionary<(string, string), Dictionary<int, double>>();
        var kinds = new Dictionary<string, string>();
        foreach (var r in rows)
        {
            if (byStep.TryGetValue(r.Step, out var d) && d != r.Date)
            {
                throw new PlotInputException($"timeseries: step {r.Step} has two dates, {d} and {r.Date}");
            }
            byStep[r.Step] = r.Date;
            kinds[r.Agent] = r.Kind;
            if (!cells.TryGetValue((r.Agent, r.Metric), out var s)) cells[(r.Agent, r.Metric)] = s = [];
            s[r.Step] = r.Value;
        }
        if (byStep.Count == 0) throw new PlotInputException("timeseries: no rows");
        var steps = byStep.Keys.ToArray();
        var series = cells.ToDictionary(c => c.Key,
            c => steps.Select(step => c.Value.TryGetValue(step, out var v) ? v : double.NaN).ToArray());
        return new RunData(scenarioName, seed, byStep.Values.ToArray(), series, kinds,
            (events ?? []).OrderBy(e => e.Step).ToList(), summary ?? new Dictionary<string, double>(), scenario);
    }

    private static int CompanyOrder(string agent)
    {
        var all = Rendering.CompanyColors.Chipmakers.Concat(Rendering.CompanyColors.Clouds).Concat(Rendering.CompanyColors.Labs).ToList();
        var i = all.IndexOf(agent);
        return i < 0 ? int.MaxValue : i;
    }
}
