using MarketSim.Core.Results;

namespace MarketSim.Core.Kernel;

/// <summary>What the rules did, in order. Each entry names the rule that fired.</summary>
public sealed class EventLog
{
    private readonly List<SimEvent> _events = [];
    private readonly Clock _clock;

    public EventLog(Clock clock) => _clock = clock;

    public IReadOnlyList<SimEvent> Events => _events;

    public void Add(string agent, string @event, string counterparty, double amountUsdBn, string rule, string detail = "")
    {
        var text = detail.Length == 0 ? $"rule={rule}" : $"rule={rule} {detail}";
        _events.Add(new SimEvent(_clock.Step, _clock.DateText, agent, @event, counterparty, amountUsdBn, text));
    }
}
