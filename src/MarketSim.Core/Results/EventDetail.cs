using System.Globalization;
using System.Runtime.CompilerServices;

namespace MarketSim.Core.Results;

/// <summary>
/// The detail text of an event, kept as its parts (literals and the numbers between them) and formatted only when
/// someone reads it. A run records thousands of events; a sweep never writes them, so formatting their numbers
/// eagerly was a large share of a run's time. The text is exactly what <c>$"rule={rule} {detail}"</c> gives.
/// </summary>
internal static class EventDetail
{
    public static string Format(string rule, string plain, EventDetailPart[]? parts)
    {
        if (parts is null) return plain.Length == 0 ? "rule=" + rule : $"rule={rule} {plain}";
        var text = new DefaultInterpolatedStringHandler(6, parts.Length, CultureInfo.InvariantCulture, stackalloc char[128]);
        text.AppendLiteral("rule=");
        text.AppendLiteral(rule);
        text.AppendLiteral(" ");
        foreach (var part in parts)
        {
            switch (part.Kind)
            {
                case EventDetailPart.Text: text.AppendLiteral(part.TextOrFormat ?? ""); break;
                case EventDetailPart.Double: text.AppendFormatted(part.Number, part.TextOrFormat); break;
                default: text.AppendFormatted((int)part.Number, part.TextOrFormat); break;
            }
        }
        return text.ToStringAndClear();
    }
}

/// <summary>One piece of a detail: a literal (or an already formatted value), or a number with its format.</summary>
internal readonly record struct EventDetailPart(byte Kind, string? TextOrFormat, double Number)
{
    public const byte Text = 0, Double = 1, Int = 2;
}

/// <summary>
/// Collects an interpolated detail such as <c>$"h100e={qty:F0}"</c> without formatting it: numbers are kept as
/// numbers, anything else is formatted at once, exactly as string interpolation would (invariant culture). The parts
/// go into a buffer of the thread's, and the event log keeps a copy of only the parts used, only for months it records.
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
    }

    public void AppendLiteral(string value)
    {
        if (value.Length > 0) _parts[_count++] = new(EventDetailPart.Text, value, 0);
    }

    public void AppendFormatted<T>(T value, string? format = null)
    {
        if (typeof(T) == typeof(double)) _parts[_count++] = new(EventDetailPart.Double, format, (double)(object)value!);
        else if (typeof(T) == typeof(int)) _parts[_count++] = new(EventDetailPart.Int, format, (int)(object)value!);
        else
        {
            var text = new DefaultInterpolatedStringHandler(0, 1, CultureInfo.InvariantCulture);
            text.AppendFormatted(value, format);
            _parts[_count++] = new(EventDetailPart.Text, text.ToStringAndClear(), 0);
        }
    }

    public void AppendFormatted(string? value)
    {
        if (!string.IsNullOrEmpty(value)) _parts[_count++] = new(EventDetailPart.Text, value, 0);
    }

    /// <summary>The parts collected, copied out of the thread's buffer, which is then free again.</summary>
    internal EventDetailPart[] TakeParts()
    {
        var parts = _parts.AsSpan(0, _count).ToArray();
        Release();
        return parts;
    }

    /// <summary>Frees the thread's buffer without keeping the parts (a month that is not recorded).</summary>
    internal void Release()
    {
        if (_ownsShared) _sharedInUse = false;
    }
}
