using System.Globalization;
using System.Runtime.CompilerServices;

namespace MarketSim.Core.Results;

/// <summary>
/// One piece of an event's detail: the literal text before a hole and what filled the hole, a number with its format
/// (kept as a number until the text is read) or a text. A literal at the end of a detail is a part with no hole.
/// </summary>
internal readonly struct EventDetailPart(string? literal, byte kind, string? textOrFormat, double number)
{
    public const byte NoHole = 0, Text = 1, Double = 2, Int = 3;

    public readonly string? Literal = literal;
    public readonly string? TextOrFormat = textOrFormat;
    public readonly double Number = number;
    public readonly byte Kind = kind;

    /// <summary>Appends the part as string interpolation would have written it (invariant culture).</summary>
    public void AppendTo(ref DefaultInterpolatedStringHandler text)
    {
        if (Literal is not null) text.AppendLiteral(Literal);
        switch (Kind)
        {
            case Text: text.AppendLiteral(TextOrFormat ?? ""); break;
            case Double: text.AppendFormatted(Number, TextOrFormat); break;
            case Int: text.AppendFormatted((int)Number, TextOrFormat); break;
        }
    }
}

/// <summary>
/// Collects an interpolated detail such as <c>$"h100e={qty:F0}"</c> without formatting it: numbers are kept as
/// numbers, anything else is formatted at once, exactly as string interpolation would (invariant culture). The parts
/// go into a buffer of the thread's, and the event log copies them into its own store, only for months it records.
/// </summary>
[InterpolatedStringHandler]
public ref struct EventDetailHandler
{
    // One buffer per thread; a detail whose holes themselves record an event takes a buffer of its own.
    [ThreadStatic] private static EventDetailPart[]? _shared;
    [ThreadStatic] private static bool _sharedInUse;

    private readonly EventDetailPart[] _parts;
    private readonly bool _ownsShared;
    private int _count;
    private string? _literal;

    public EventDetailHandler(int literalLength, int formattedCount)
    {
        _ = literalLength;
        var slots = 2 * formattedCount + 1;
        _ownsShared = !_sharedInUse;
        if (_ownsShared)
        {
            if (_shared is null || _shared.Length < slots) _shared = new EventDetailPart[Math.Max(16, slots)];
            _sharedInUse = true;
            _parts = _shared;
        }
        else _parts = new EventDetailPart[slots];
        _count = 0;
        _literal = null;
    }

    public void AppendLiteral(string value)
    {
        if (value.Length == 0) return;
        if (_literal is not null) Add(EventDetailPart.NoHole, null, 0);
        _literal = value;
    }

    public void AppendFormatted<T>(T value, string? format = null)
    {
        if (typeof(T) == typeof(double)) Add(EventDetailPart.Double, format, (double)(object)value!);
        else if (typeof(T) == typeof(int)) Add(EventDetailPart.Int, format, (int)(object)value!);
        else
        {
            var text = new DefaultInterpolatedStringHandler(0, 1, CultureInfo.InvariantCulture);
            text.AppendFormatted(value, format);
            Add(EventDetailPart.Text, text.ToStringAndClear(), 0);
        }
    }

    public void AppendFormatted(string? value)
    {
        if (!string.IsNullOrEmpty(value)) Add(EventDetailPart.Text, value, 0);
    }

    private void Add(byte kind, string? textOrFormat, double number)
    {
        _parts[_count++] = new EventDetailPart(_literal, kind, textOrFormat, number);
        _literal = null;
    }

    /// <summary>The parts collected, valid until <see cref="Release"/>; a detail with none is one empty part, so
    /// that its text still has the space after the rule's name that interpolation gives.</summary>
    internal ReadOnlySpan<EventDetailPart> Parts()
    {
        if (_literal is not null) Add(EventDetailPart.NoHole, null, 0);
        if (_count == 0) _parts[_count++] = new EventDetailPart(null, EventDetailPart.Text, "", 0);
        return _parts.AsSpan(0, _count);
    }

    /// <summary>Frees the thread's buffer (once the parts have been copied, or in a month that is not recorded).</summary>
    internal void Release()
    {
        if (_ownsShared) _sharedInUse = false;
    }
}
