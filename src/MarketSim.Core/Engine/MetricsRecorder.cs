using MarketSim.Core.Results;

namespace MarketSim.Core.Engine;

/// <summary>
/// Holds every series of a run as preallocated arrays. Agents register their metrics once and then write by handle,
/// so recording costs an array store per metric and step.
/// </summary>
public sealed class MetricsRecorder
{
    private readonly List<Series> _series = [];
    private readonly Clock _clock;
    // Where the values come from: the run's storage, which the next run reuses once the result is recycled.
    private readonly RunStorage? _storage;

    public MetricsRecorder(Clock clock) : this(clock, null)
    {
    }

    internal MetricsRecorder(Clock clock, RunStorage? storage)
    {
        _clock = clock;
        _storage = storage;
    }

    public IReadOnlyList<Series> Series => _series;

    public int Register(string agent, string kind, string metric, Aggregation aggregation)
    {
        _series.Add(new Series(agent, kind, metric, aggregation, _storage?.Doubles(_clock.Steps) ?? new double[_clock.Steps]));
        return _series.Count - 1;
    }

    /// <summary>Records this month's value; months after <c>Clock:End</c> are not recorded.</summary>
    public void Set(int handle, double value)
    {
        if (_clock.IsRecording) _series[handle].Values[_clock.Step] = value;
    }

    public double[] Values(int handle) => _series[handle].Values;
}

/// <summary>The four money metrics every agent reports.</summary>
public readonly record struct MoneyHandles(int Revenue, int Capex, int Cash, int Debt)
{
    public static MoneyHandles Register(MetricsRecorder metrics, string agent, string kind) => new(
        metrics.Register(agent, kind, "revenue_usd_bn", Aggregation.Flow),
        metrics.Register(agent, kind, "capex_usd_bn", Aggregation.Flow),
        metrics.Register(agent, kind, "cash_usd_bn", Aggregation.Stock),
        metrics.Register(agent, kind, "debt_usd_bn", Aggregation.Stock));
}
