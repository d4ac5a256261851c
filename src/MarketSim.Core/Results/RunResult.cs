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
public sealed record SimEvent
{
    // An event read from a run's log formats its detail once, when the detail is first read.
    private readonly Engine.EventLog? _log;
    private readonly int _index;
    private string? _detail;

    public SimEvent(int step, string date, string agent, string @event, string counterparty, double amountUsdBn, string detail)
        : this(step, date, agent, @event, counterparty, amountUsdBn) => _detail = detail;

    internal SimEvent(int step, string date, string agent, string @event, string counterparty, double amountUsdBn,
        Engine.EventLog log, int index)
        : this(step, date, agent, @event, counterparty, amountUsdBn)
    {
        _log = log;
        _index = index;
    }

    private SimEvent(int step, string date, string agent, string @event, string counterparty, double amountUsdBn)
    {
        Step = step;
        Date = date;
        Agent = agent;
        Event = @event;
        Counterparty = counterparty;
        AmountUsdBn = amountUsdBn;
    }

    public int Step { get; }
    public string Date { get; }
    public string Agent { get; }
    public string Event { get; }
    public string Counterparty { get; }
    public double AmountUsdBn { get; }
    public string Detail => _detail ??= _log!.Detail(_index);

    public bool Equals(SimEvent? other) =>
        other is not null && Step == other.Step && Date == other.Date && Agent == other.Agent && Event == other.Event
        && Counterparty == other.Counterparty && AmountUsdBn.Equals(other.AmountUsdBn) && Detail == other.Detail;

    public override int GetHashCode() => HashCode.Combine(Step, Date, Agent, Event, Counterparty, AmountUsdBn, Detail);

    public void Deconstruct(out int step, out string date, out string agent, out string @event, out string counterparty,
        out double amountUsdBn, out string detail) =>
        (step, date, agent, @event, counterparty, amountUsdBn, detail) = (Step, Date, Agent, Event, Counterparty, AmountUsdBn, Detail);
}

/// <summary>One run-level answer, e.g. <c>cohort_2026_2027_npv_usd_bn</c>.</summary>
public sealed record SummaryMetric(string Metric, double Value);

/// <summary>
/// Everything a run produced. Series are ordered by agent kind, agent, metric; events by step.
/// <para>
/// A caller done with a result may <see cref="Recycle"/> it, so that the next run on the thread reuses its series'
/// values, its event log, its vintages and its contracts instead of allocating them (sweeps, calibration and
/// <c>bench</c> do). A result that is not recycled is never touched again.
/// </para>
/// </summary>
public sealed record RunResult(
    string ScenarioName,
    int Seed,
    IReadOnlyList<string> Dates,
    IReadOnlyList<Series> Series,
    IReadOnlyList<SimEvent> Events,
    IReadOnlyList<SummaryMetric> Summary)
{
    private readonly IReadOnlyList<string> _dates = Dates;
    private readonly IReadOnlyList<Series> _series = Series;
    private readonly IReadOnlyList<SimEvent> _events = Events;
    private readonly IReadOnlyList<SummaryMetric> _summary = Summary;
    // The run that made the result, whose storage recycling hands on; null for a result put together by hand.
    private Engine.World? _world;
    private bool _recycled;

    public IReadOnlyList<string> Dates { get => Live(_dates); init => _dates = value; }
    public IReadOnlyList<Series> Series { get => Live(_series); init => _series = value; }
    public IReadOnlyList<SimEvent> Events { get => Live(_events); init => _events = value; }
    public IReadOnlyList<SummaryMetric> Summary { get => Live(_summary); init => _summary = value; }

    /// <summary>True once this result, or the result it was copied from with <c>with</c>, was recycled.</summary>
    public bool IsRecycled => _recycled || _world is { IsRecycled: true };

    /// <summary>
    /// Hands the run's storage to the next run on the calling thread. The result, and the world of the simulation that
    /// made it (its agents' fleets, books and series), must not be used again: reading its
    /// dates, series, events or summary throws <see cref="ObjectDisposedException"/>, and a <see cref="Results.Series"/>
    /// or <see cref="SimEvent"/> taken from it before holds values that the next run overwrites. Recycling twice does
    /// nothing more.
    /// </summary>
    public void Recycle()
    {
        _recycled = true;
        _world?.Recycle();
    }

    internal RunResult OfWorld(Engine.World world)
    {
        _world = world;
        return this;
    }

    private T Live<T>(T value) where T : class
    {
        ObjectDisposedException.ThrowIf(IsRecycled, this);
        return value;
    }

    public double SummaryValue(string metric) =>
        Summary.FirstOrDefault(m => m.Metric == metric)?.Value
        ?? throw new KeyNotFoundException($"summary metric '{metric}' not found");
}
