using MarketSim.Core.Results;

namespace MarketSim.Core.Engine;

/// <summary>What the rules did, in order. Each entry names the rule that fired.</summary>
public sealed class EventLog
{
    // About 30 events a month in the baseline: room for them at once spares the list's copies as it grows.
    private const int ExpectedEventsPerMonth = 32;
    private readonly List<SimEvent> _events;
    private readonly Clock _clock;

    public EventLog(Clock clock)
    {
        _clock = clock;
        _events = new List<SimEvent>(clock.Steps * ExpectedEventsPerMonth);
    }

    public IReadOnlyList<SimEvent> Events => _events;

    /// <summary>Records an event; months after <c>Clock:End</c> are not recorded.</summary>
    public void Add(string agent, string @event, string counterparty, double amountUsdBn, string rule, string detail = "")
    {
        if (_clock.IsRecording)
            _events.Add(new SimEvent(_clock.Step, _clock.DateText, agent, @event, counterparty, amountUsdBn, rule, detail, null));
    }

    /// <summary>An interpolated detail is kept unformatted until the event's text is read (events.csv, figures).</summary>
    public void Add(string agent, string @event, string counterparty, double amountUsdBn, string rule, EventDetailHandler detail)
    {
        if (!_clock.IsRecording)
        {
            detail.Release();
            return;
        }
        _events.Add(new SimEvent(_clock.Step, _clock.DateText, agent, @event, counterparty, amountUsdBn, rule, "", detail.TakeParts()));
    }
}
