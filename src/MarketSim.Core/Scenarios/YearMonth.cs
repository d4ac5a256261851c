using System.ComponentModel;
using System.Globalization;

namespace MarketSim.Core.Scenarios;

/// <summary>A calendar month, written <c>yyyy-MM</c> in scenarios and outputs.</summary>
[TypeConverter(typeof(YearMonthConverter))]
public readonly record struct YearMonth(int Year, int Month) : IComparable<YearMonth>
{
    public int Index => Year * 12 + (Month - 1);

    public static YearMonth FromIndex(int index) => new(index / 12, index % 12 + 1);

    public YearMonth AddMonths(int months) => FromIndex(Index + months);

    public int MonthsSince(YearMonth other) => Index - other.Index;

    public static bool TryParse(string? text, out YearMonth value)
    {
        value = default;
        if (text is null || text.Length != 7 || text[4] != '-') return false;
        if (!int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y)) return false;
        if (!int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)) return false;
        if (y < 1990 || y > 2100 || m < 1 || m > 12) return false;
        value = new YearMonth(y, m);
        return true;
    }

    public static YearMonth Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not a month (yyyy-MM)");

    public int CompareTo(YearMonth other) => Index.CompareTo(other.Index);
    public static bool operator <(YearMonth a, YearMonth b) => a.Index < b.Index;
    public static bool operator >(YearMonth a, YearMonth b) => a.Index > b.Index;
    public static bool operator <=(YearMonth a, YearMonth b) => a.Index <= b.Index;
    public static bool operator >=(YearMonth a, YearMonth b) => a.Index >= b.Index;

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}

/// <summary>Lets configuration binding and property grids read <c>yyyy-MM</c> text.</summary>
public sealed class YearMonthConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? YearMonth.Parse(text) : base.ConvertFrom(context, culture, value);
}
