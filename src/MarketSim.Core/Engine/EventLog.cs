using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using MarketSim.Core.Results;

namespace MarketSim.Core.Engine;

/// <summary>
/// What the rules did, in order. Each entry names the rule that fired. A run records thousands of events and a sweep
/// never writes them, so they are kept as compact records (names by reference, the detail's numbers as numbers) in
/// blocks that never move, and become <see cref="SimEvent"/>s, with their detail's text, only when read.
/// </summary>
public sealed class EventLog
{
    // Blocks of 256 records (12 KB) and 256 detail parts (6 KB): smaller than the large-object heap's threshold,
    // and a run that records more only adds a block, never copies one.
    private const int RecordShift = 8, PartShift = 8;
    private readonly List<Record[]> _records = [];
    private readonly List<EventDetailPart[]> _parts = [];
    private readonly Clock _clock;
    // Where the blocks come from: the run's storage, which the next run reuses once the result is recycled.
    private readonly RunStorage? _storage;
    private int _count, _partCount;
    private bool _recycled;

    public EventLog(Clock clock) : this(clock, null)
    {
    }

    internal EventLog(Clock clock, RunStorage? storage)
    {
        _clock = clock;
        _storage = storage;
        Events = new View(this);
    }

    /// <summary>The run's result was recycled: its blocks are the next run's, so its events can no longer be read.</summary>
    internal void MarkRecycled() => _recycled = true;

    /// <summary>The events recorded so far, in order.</summary>
    public IReadOnlyList<SimEvent> Events { get; }

    /// <summary>Records an event; months after <c>Clock:End</c> are not recorded.</summary>
    public void Add(string agent, string @event, string counterparty, double amountUsdBn, string rule, string detail = "")
    {
        if (!_clock.IsRecording) return;
        var first = _partCount;
        if (detail.Length > 0) AddPart(EventDetailPart.TextOnly(detail));
        AddRecord(new Record(agent, @event, counterparty, rule, amountUsdBn, _clock.Step, first));
    }

    /// <summary>An interpolated detail is kept unformatted until the event's text is read (events.csv, figures).</summary>
    public void Add(string agent, string @event, string counterparty, double amountUsdBn, string rule, EventDetailHandler detail)
    {
        if (_clock.IsRecording)
        {
            var first = _partCount;
            foreach (var part in detail.Parts()) AddPart(part);
            AddRecord(new Record(agent, @event, counterparty, rule, amountUsdBn, _clock.Step, first));
        }
        detail.Release();
    }

    private void AddRecord(in Record record)
    {
        if (_count >> RecordShift == _records.Count) _records.Add(_storage?.RecordBlock(1 << RecordShift) ?? new Record[1 << RecordShift]);
        _records[_count >> RecordShift][_count & ((1 << RecordShift) - 1)] = record;
        _count++;
    }

    private void AddPart(in EventDetailPart part)
    {
        if (_partCount >> PartShift == _parts.Count) _parts.Add(_storage?.PartBlock(1 << PartShift) ?? new EventDetailPart[1 << PartShift]);
        _parts[_partCount >> PartShift][_partCount & ((1 << PartShift) - 1)] = part;
        _partCount++;
    }

    private ref readonly Record At(int index) => ref _records[index >> RecordShift][index & ((1 << RecordShift) - 1)];

    private SimEvent Read(int index)
    {
        ObjectDisposedException.ThrowIf(_recycled, this);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
        ref readonly var r = ref At(index);
        return new SimEvent(r.Step, _clock.Dates[r.Step], r.Agent, r.Event, r.Counterparty, r.AmountUsdBn, this, index);
    }

    /// <summary>
    /// The detail's text, <c>rule=&lt;RuleName&gt;</c> and, if the detail has any parts, a space and the parts: exactly
    /// what <c>$"rule={rule} {detail}"</c> gave when the detail was formatted at once.
    /// </summary>
    internal string Detail(int index)
    {
        ObjectDisposedException.ThrowIf(_recycled, this);
        ref readonly var r = ref At(index);
        var end = index + 1 < _count ? At(index + 1).FirstPart : _partCount;
        if (end == r.FirstPart) return "rule=" + r.Rule;
        var text = new DefaultInterpolatedStringHandler(6, end - r.FirstPart, CultureInfo.InvariantCulture, stackalloc char[128]);
        text.AppendLiteral("rule=");
        text.AppendLiteral(r.Rule);
        text.AppendLiteral(" ");
        for (var p = r.FirstPart; p < end; p++) _parts[p >> PartShift][p & ((1 << PartShift) - 1)].AppendTo(ref text);
        return text.ToStringAndClear();
    }

    /// <summary>One event as recorded; its detail's parts run from <see cref="FirstPart"/> to the next event's first.</summary>
    internal readonly record struct Record(
        string Agent, string Event, string Counterparty, string Rule, double AmountUsdBn, int Step, int FirstPart);

    private sealed class View(EventLog log) : IReadOnlyList<SimEvent>
    {
        public SimEvent this[int index] => log.Read(index);
        public int Count
        {
            get
            {
                ObjectDisposedException.ThrowIf(log._recycled, log);
                return log._count;
            }
        }

        public IEnumerator<SimEvent> GetEnumerator()
        {
            for (var i = 0; i < log._count; i++) yield return log.Read(i);
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
