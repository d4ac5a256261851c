using MarketSim.Plots.Rendering;

namespace MarketSim.Plots.Input;

/// <summary>
/// Per-run yearly AI revenue and cloud capex for the fan charts. From timeseries.csv when the sweep wrote one (Market
/// ai_revenue_usd_bn when present, else labs' revenue plus clouds' direct AI revenue; clouds' capex), otherwise from
/// the summary's ai_revenue_yyyy_usd_bn and capex_yyyy_usd_bn.
/// </summary>
internal static class SweepTotals
{
    public static YearlyTotals? Read(string dir, SortedDictionary<int, Dictionary<string, double>> summary)
    {
        var path = Path.Combine(dir, "timeseries.csv");
        return File.Exists(path) ? FromTimeseries(path) : FromSummary(summary);
    }

    private static YearlyTotals? FromTimeseries(string path)
    {
        var market = new Dictionary<(int Run, int Year), double>();
        var parts = new Dictionary<(int Run, int Year), double>();
        var capex = new Dictionary<(int Run, int Year), double>();
        CsvInput.Read(path, ["run_id", "date", "agent", "metric", "value"], r =>
        {
            var metric = r.Text("metric");
            var agent = r.Text("agent");
            var target = metric switch
            {
                "ai_revenue_usd_bn" when agent == "Market" => market,
                "revenue_usd_bn" when CompanyColors.IsLab(agent) => parts,
                "direct_ai_revenue_usd_bn" when CompanyColors.Clouds.Contains(agent) => parts,
                "capex_usd_bn" when CompanyColors.Clouds.Contains(agent) => capex,
                _ => null,
            };
            if (target is null) return;
            var key = (r.Integer("run_id"), Annual.YearOf(r.Text("date")));
            target[key] = target.GetValueOrDefault(key) + r.Number("value");
        });
        var revenue = market.Count > 0 ? market : parts;
        var source = market.Count > 0 ? "timeseries.csv (Market ai_revenue_usd_bn)" : "timeseries.csv (labs + clouds)";
        return Assemble(revenue, capex, source);
    }

    private static YearlyTotals? FromSummary(SortedDictionary<int, Dictionary<string, double>> summary)
    {
        var revenue = new Dictionary<(int, int), double>();
        var capex = new Dictionary<(int, int), double>();
        foreach (var (run, metrics) in summary)
        {
            foreach (var (metric, value) in metrics)
            {
                if (YearOf(metric, "ai_revenue_") is { } y) revenue[(run, y)] = value;
                else if (YearOf(metric, "capex_") is { } c) capex[(run, c)] = value;
            }
        }
        return Assemble(revenue, capex, "summary.csv (per-year metrics)");
    }

    private static int? YearOf(string metric, string prefix) =>
        metric.Length == prefix.Length + 11 && metric.StartsWith(prefix, StringComparison.Ordinal)
        && metric.EndsWith("_usd_bn", StringComparison.Ordinal)
        && int.TryParse(metric.AsSpan(prefix.Length, 4), out var y) ? y : null;

    private static YearlyTotals? Assemble(Dictionary<(int Run, int Year), double> revenue,
        Dictionary<(int Run, int Year), double> capex, string source)
    {
        var years = revenue.Keys.Concat(capex.Keys).Select(k => k.Year).Distinct().Order().ToArray();
        if (years.Length == 0) return null;
        var runs = revenue.Keys.Concat(capex.Keys).Select(k => k.Run).Distinct().Order().ToArray();
        double[] Column(Dictionary<(int Run, int Year), double> d, int year) =>
            runs.Select(r => d.TryGetValue((r, year), out var v) ? v : double.NaN).Where(double.IsFinite).ToArray();
        return new YearlyTotals(years, years.Select(y => Column(revenue, y)).ToList(),
            years.Select(y => Column(capex, y)).ToList(), source);
    }
}
