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
                case EventDetailPart.Text: text.AppendLiteral(part.TextOrFormat ?? ""); break; // unused slots are empty text
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
/// numbers, anything else is formatted at once, exactly as string interpolation would (invariant culture).
/// </summary>
[InterpolatedStringHandler]
public ref struct EventDetailHandler
{
    private readonly EventDetailPart[] _parts;
    private int _count; // slots past it stay empty text

    public EventDetailHandler(int literalLength, int formattedCount)
    {
        _ = literalLength;
        _parts = new EventDetailPart[2 * formattedCount + 1];
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

    internal readonly EventDetailPart[] Parts => _parts;
}
