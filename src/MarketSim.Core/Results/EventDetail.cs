using System.Globalization;
using System.Runtime.CompilerServices;

namespace MarketSim.Core.Results;

/// <summary>
/// One piece of an event's detail: a text (a literal, or a hole's text) and then, unless <see cref="Format"/> is
/// <see cref="NoNumber"/>, a number in its format (kept as a number until the text is read). Three references' worth
/// of bytes: a run keeps thousands of them.
/// </summary>
internal readonly struct EventDetailPart(string? text, string? format, double number)
{
    /// <summary>The format of a part without a number; no format string written in code is this instance.</summary>
    public static readonly string NoNumber = new('-', 1);

    public readonly string? Text = text;
    public readonly string? Format = format;
    public readonly double Number = number;

    public static EventDetailPart TextOnly(string? text) => new(text, NoNumber, 0);

    /// <summary>Appends the part as string interpolation would have written it (invariant culture).</summary>
    public void AppendTo(ref DefaultInterpolatedStringHandler text)
    {
        if (Text is not null) text.AppendLiteral(Text);
        if (!ReferenceEquals(Format, NoNumber)) text.AppendFormatted(Number, Format);
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
        if (_literal is not null) Add(EventDetailPart.TextOnly(_literal));
        _literal = value;
    }

    public void AppendFormatted<T>(T value, string? format = null)
    {
        // An int without a format reads as the same double would (shortest round trip of a whole number below 2^53).
        if (typeof(T) == typeof(double)) Add(new EventDetailPart(_literal, format, (double)(object)value!));
        else if (typeof(T) == typeof(int) && format is null) Add(new EventDetailPart(_literal, null, (int)(object)value!));
        else
        {
            var text = new DefaultInterpolatedStringHandler(0, 1, CultureInfo.InvariantCulture);
            text.AppendFormatted(value, format);
            AppendFormatted(text.ToStringAndClear());
        }
    }

    public void AppendFormatted(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        if (_literal is not null) Add(EventDetailPart.TextOnly(_literal));
        Add(EventDetailPart.TextOnly(value));
    }

    private void Add(in EventDetailPart part)
    {
        _parts[_count++] = part;
        _literal = null;
    }

    /// <summary>The parts collected, valid until <see cref="Release"/>; a detail with none is one empty part, so
    /// that its text still has the space after the rule's name that interpolation gives.</summary>
    internal ReadOnlySpan<EventDetailPart> Parts()
    {
        if (_literal is not null) Add(EventDetailPart.TextOnly(_literal));
        if (_count == 0) Add(EventDetailPart.TextOnly(""));
        return _parts.AsSpan(0, _count);
    }

    /// <summary>Frees the thread's buffer (once the parts have been copied, or in a month that is not recorded).</summary>
    internal void Release()
    {
        if (_ownsShared) _sharedInUse = false;
    }
}
