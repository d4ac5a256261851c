using System.Text.Json;
using MarketSim.Core.Results;
using MarketSim.Core.Scenarios;
using MarketSim.Data;
using MarketSim.Data.Runs;

namespace MarketSim.Plots.Input;

/// <summary>Everything the figures and the report draw of one run, from a run directory or a result in memory.</summary>
public sealed class RunData
{
    private readonly Dictionary<(string Agent, string Metric), double[]> _series;
    private readonly Dictionary<string, string> _kinds;

    private RunData(string scenarioName, int seed, IReadOnlyList<string> dates,
        Dictionary<(string, string), double[]> series, Dictionary<string, string> kinds,
        IReadOnlyList<EventRow> events, IReadOnlyDictionary<string, double> summary, JsonElement? scenario)
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
    public IReadOnlyList<EventRow> Events { get; }
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

    /// <summary>
    /// The figures' view of a run held in memory: the same as reading the run directory it would write. With the
    /// scenario, the report lists its parameters as the directory's manifest does.
    /// </summary>
    public static RunData FromResult(RunResult r, Scenario? scenario = null) => FromRows(r.ScenarioName, r.Seed,
        r.Series.SelectMany(s => s.Values.Select((v, step) => new TimeseriesRow(step, r.Dates[step], s.Agent, s.Kind, s.Metric, v))),
        r.Events.Select(e => new EventRow(e.Step, e.Date, e.Agent, e.Event, e.Counterparty, e.AmountUsdBn, e.Detail)),
        r.Summary.ToDictionary(m => m.Metric, m => m.Value),
        scenario is null ? null : Resolved(scenario));

    private static JsonElement Resolved(Scenario scenario)
    {
        using var document = JsonDocument.Parse(ScenarioLoader.ToJson(scenario));
        return document.RootElement.Clone();
    }

    /// <summary>A run directory (see <see cref="RunTables.Read"/>): every table checked, then drawn.</summary>
    public static RunData Load(string dir)
    {
        if (!Directory.Exists(dir)) throw new PlotInputException($"{dir}: directory not found");
        var run = RunTables.Read(dir);
        return FromRows(run.Manifest.ScenarioName, run.Manifest.Seed, run.Timeseries, run.Events,
            run.Summary.GroupBy(m => m.Metric).ToDictionary(g => g.Key, g => g.Last().Value), run.Manifest.Scenario);
    }

    /// <summary>Whether <paramref name="dir"/> holds a run: a timeseries.csv and a manifest.json with a scenario.</summary>
    public static bool Looks(string dir) => TableFormats.Exists(Path.Combine(dir, RunFiles.Timeseries)) && RunFiles.HoldsRun(dir);

    public static RunData FromRows(string scenarioName, int seed, IEnumerable<TimeseriesRow> rows,
        IEnumerable<EventRow>? events = null, IReadOnlyDictionary<string, double>? summary = null,
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
