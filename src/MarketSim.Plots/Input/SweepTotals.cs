using MarketSim.Analysis.Sweeps;
using MarketSim.Data.Sweeps;
using MarketSim.Plots.Rendering;

namespace MarketSim.Plots.Input;

/// <summary>
/// Per-run yearly AI revenue and cloud capex for the fan charts. From the timeseries when the sweep wrote one (Market
/// ai_revenue_usd_bn when present, else labs' revenue plus clouds' direct AI revenue; clouds' capex), otherwise from
/// the summary's ai_revenue_yyyy_usd_bn and capex_yyyy_usd_bn.
/// </summary>
internal static class SweepTotals
{
    public static YearlyTotals? FromTimeseries(IEnumerable<SweepTimeseriesRow> rows)
    {
        var market = new Dictionary<(long Run, int Year), double>();
        var parts = new Dictionary<(long Run, int Year), double>();
        var capex = new Dictionary<(long Run, int Year), double>();
        foreach (var r in rows)
        {
            var target = r.Metric switch
            {
                "ai_revenue_usd_bn" when r.Agent == "Market" => market,
                "revenue_usd_bn" when CompanyColors.IsLab(r.Agent) => parts,
                "direct_ai_revenue_usd_bn" when CompanyColors.Clouds.Contains(r.Agent) => parts,
                "capex_usd_bn" when CompanyColors.Clouds.Contains(r.Agent) => capex,
                _ => null,
            };
            if (target is null) continue;
            var key = (r.RunId, Annual.YearOf(r.Date));
            target[key] = target.GetValueOrDefault(key) + r.Value;
        }
        var revenue = market.Count > 0 ? market : parts;
        var source = market.Count > 0 ? "timeseries.csv (Market ai_revenue_usd_bn)" : "timeseries.csv (labs + clouds)";
        return Assemble(revenue, capex, source);
    }

    public static YearlyTotals? FromSummary(SweepData sweep)
    {
        var revenue = new Dictionary<(long, int), double>();
        var capex = new Dictionary<(long, int), double>();
        for (var m = 0; m < sweep.Metrics.Count; m++)
        {
            var metric = sweep.Metrics[m];
            if ((YearOf(metric, "ai_revenue_") ?? YearOf(metric, "capex_")) is not { } year) continue;
            var target = metric.StartsWith("ai_revenue_", StringComparison.Ordinal) ? revenue : capex;
            for (var r = 0; r < sweep.RunIds.Length; r++)
                if (!double.IsNaN(sweep.Values[m][r])) target[(sweep.RunIds[r], year)] = sweep.Values[m][r];
        }
        return Assemble(revenue, capex, "summary.csv (per-year metrics)");
    }

    private static int? YearOf(string metric, string prefix) =>
        metric.Length == prefix.Length + 11 && metric.StartsWith(prefix, StringComparison.Ordinal)
        && metric.EndsWith("_usd_bn", StringComparison.Ordinal)
        && int.TryParse(metric.AsSpan(prefix.Length, 4), out var y) ? y : null;

    private static YearlyTotals? Assemble(Dictionary<(long Run, int Year), double> revenue,
        Dictionary<(long Run, int Year), double> capex, string source)
    {
        var years = revenue.Keys.Concat(capex.Keys).Select(k => k.Year).Distinct().Order().ToArray();
        if (years.Length == 0) return null;
        var runs = revenue.Keys.Concat(capex.Keys).Select(k => k.Run).Distinct().Order().ToArray();
        double[] Column(Dictionary<(long Run, int Year), double> d, int year) =>
            runs.Select(r => d.TryGetValue((r, year), out var v) ? v : double.NaN).Where(double.IsFinite).ToArray();
        return new YearlyTotals(years, years.Select(y => Column(revenue, y)).ToList(),
            years.Select(y => Column(capex, y)).ToList(), source);
    }
}
