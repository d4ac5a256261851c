using System.Globalization;
using MarketSim.Data.Csv;

namespace MarketSim.Experiments.Calibration;

/// <summary>One observed number: a row of experiments/data/calibration_targets.csv (cited as series/entity period).</summary>
public sealed record ObservedRow(string Series, string Entity, string Period, string Start, string End, double Value)
{
    public string Citation => $"{Series}/{Entity} {Period}";
}

/// <summary>
/// The observed history a calibration fits: a table in the layout of calibration_targets.csv (series, entity,
/// period, period_start, period_end, value, then any further columns).
/// </summary>
public static class ObservedData
{
    /// <summary>Nothing dated after this month is ever a target.</summary>
    public const string LastFittedMonth = "2024-12";

    public static readonly IReadOnlyList<string> Columns = ["series", "entity", "period", "period_start", "period_end", "value"];

    public static IReadOnlyList<ObservedRow> Read(string path)
    {
        var rows = new List<ObservedRow>();
        using var csv = CsvReader.Open(path, Columns, prefix: true);
        while (csv.Read())
        {
            var (start, end) = (csv.Text(3), csv.Text(4));
            if (!IsMonth(start)) throw csv.Error(3, "is not a month (yyyy-MM)");
            if (!IsMonth(end) || string.CompareOrdinal(end, start) < 0) throw csv.Error(4, $"is not a month (yyyy-MM) at or after {start}");
            if (!double.TryParse(csv.Text(5), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                throw csv.Error(5, "is not a number");
            rows.Add(new ObservedRow(csv.Text(0), csv.Text(1), csv.Text(2), start, end, value));
        }
        return rows;
    }

    public static bool IsMonth(string text) =>
        text.Length == 7 && text[4] == '-' && DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
