namespace MarketSim.Plots.Input;

/// <summary>How a monthly metric collapses to a calendar year (the output contract's flow/stock/level rule).</summary>
public enum YearRule
{
    Sum,
    December,
    Mean,
}

public static class Annual
{
    private static readonly HashSet<string> Stocks =
    [
        "cash_usd_bn", "debt_usd_bn", "installed_compute_h100e", "powered_mw", "backlog_h100e", "stranded_mw",
    ];

    private static readonly HashSet<string> Flows =
    [
        "revenue_usd_bn", "capex_usd_bn", "ai_capex_usd_bn", "direct_ai_revenue_usd_bn", "units_shipped", "h100e_shipped",
        "tokens_served", "compute_cost_usd_bn", "ai_revenue_usd_bn", "depreciation_usd_bn",
        "shell_depreciation_usd_bn", "retired_h100e",
    ];

    // Per-generation shipments are named units_shipped_<generation id>.
    private const string UnitsByGeneration = "units_shipped_";

    public static YearRule RuleFor(string metric) =>
        Flows.Contains(metric) || metric.StartsWith(UnitsByGeneration, StringComparison.Ordinal) ? YearRule.Sum
        : Stocks.Contains(metric) ? YearRule.December : YearRule.Mean;

    /// <summary>The calendar year of a <c>yyyy</c> or <c>yyyy-MM</c> date.</summary>
    public static int YearOf(string date) =>
        date.Length >= 4 && int.TryParse(date.AsSpan(0, 4), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var y)
            ? y
            : throw new PlotInputException($"date '{date}' is not yyyy or yyyy-MM");

    /// <summary>Fractional year for monthly points: 2026-01 is 2026.0, 2026-07 is 2026.5.</summary>
    public static double XOf(string date)
    {
        var year = YearOf(date);
        if (date.Length < 7) return year;
        return int.TryParse(date.AsSpan(5, 2), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12
            ? year + (m - 1) / 12.0
            : throw new PlotInputException($"date '{date}' is not yyyy or yyyy-MM");
    }

    /// <summary>Collapses monthly values (aligned with <paramref name="dates"/>) to one value per year in
    /// <paramref name="years"/>. The last month present stands in for December when a run ends mid-year.</summary>
    public static double[] Collapse(IReadOnlyList<string> dates, double[] values, IReadOnlyList<int> years, YearRule rule)
    {
        var result = new double[years.Count];
        var slot = years.Select((y, i) => (y, i)).ToDictionary(t => t.y, t => t.i);
        var count = new int[years.Count];
        for (var i = 0; i < dates.Count && i < values.Length; i++)
        {
            if (!slot.TryGetValue(YearOf(dates[i]), out var k)) continue;
            result[k] = rule == YearRule.December ? values[i] : result[k] + values[i];
            count[k]++;
        }
        for (var k = 0; k < result.Length; k++)
        {
            if (count[k] == 0) result[k] = double.NaN;
            else if (rule == YearRule.Mean) result[k] /= count[k];
        }
        return result;
    }
}
