namespace MarketSim.Plots.Tests.Fixtures;

/// <summary>
/// A run directory with the output contract's files and plausible magnitudes: capex growing faster than AI revenue,
/// token prices falling by two decades, one lab default and a handful of announced deals.
/// </summary>
internal static class SyntheticRun
{
    public static readonly string[] Clouds = ["AWS", "Microsoft", "Google", "Oracle", "CoreWeave", "Meta"];
    public static readonly string[] Labs = ["OpenAI", "Anthropic", "GoogleDeepMind", "MetaAI", "xAI"];
    public static readonly string[] Chipmakers = ["Nvidia", "AMD", "CustomSilicon"];

    public static string Write(string dir, int seed = 1, int firstYear = 2024, int lastYear = 2030, bool withEvents = true)
    {
        Directory.CreateDirectory(dir);
        var rng = new Random(seed);
        var months = (lastYear - firstYear + 1) * 12;
        var ts = new CsvText("step", "date", "agent", "kind", "metric", "value");
        var capexByYear = new Dictionary<int, double>();
        var revenueByYear = new Dictionary<int, double>();
        for (var step = 0; step < months; step++)
        {
            var year = firstYear + step / 12;
            var date = $"{year}-{step % 12 + 1:00}";
            var t = step / 12.0;
            var noise = 1 + 0.05 * (rng.NextDouble() - 0.5);
            for (var i = 0; i < Chipmakers.Length; i++)
            {
                var c = Chipmakers[i];
                Common(ts, step, date, c, "chipmaker", (10 - 3 * i) * Math.Pow(1.3, t) * noise, 0.5, 20 + 5 * t, 2);
                ts.Row(step, date, c, "chipmaker", "units_shipped", (300_000 - 80_000 * i) * Math.Pow(1.25, t));
                ts.Row(step, date, c, "chipmaker", "backlog_h100e", 1_000_000.0 / (i + 1));
                ts.Row(step, date, c, "chipmaker", "gross_margin", 0.7 - 0.1 * i);
            }
            for (var i = 0; i < Clouds.Length; i++)
            {
                var c = Clouds[i];
                var capex = (9.0 - i) * Math.Pow(1.32, Math.Min(t, 4)) * noise;
                var direct = (1.2 - 0.15 * i) * Math.Pow(1.35, t) * noise;
                capexByYear[year] = capexByYear.GetValueOrDefault(year) + capex;
                revenueByYear[year] = revenueByYear.GetValueOrDefault(year) + direct;
                Common(ts, step, date, c, "cloud", 8 + direct, capex, 60 - 4 * i - 2 * t, 10 + 6 * t + i);
                ts.Row(step, date, c, "cloud", "installed_compute_h100e", (600_000 - 80_000 * i) * Math.Pow(1.45, t));
                ts.Row(step, date, c, "cloud", "powered_mw", (900 - 100 * i) * Math.Pow(1.4, t));
                ts.Row(step, date, c, "cloud", "utilization", Math.Clamp(0.88 - 0.03 * i - 0.04 * t + 0.02 * rng.NextDouble(), 0, 1));
                ts.Row(step, date, c, "cloud", "ai_capex_usd_bn", 0.8 * capex);
                ts.Row(step, date, c, "cloud", "direct_ai_revenue_usd_bn", direct);
            }
            for (var i = 0; i < Labs.Length; i++)
            {
                var l = Labs[i];
                var revenue = (1.0 - 0.17 * i) * Math.Pow(1.6, Math.Min(t, 4)) * noise;
                var defaulted = l == "xAI" && withEvents && year >= 2029;
                revenueByYear[year] = revenueByYear.GetValueOrDefault(year) + revenue;
                Common(ts, step, date, l, "lab", defaulted ? 0 : revenue, 0.05, defaulted ? 0 : 12 - 2 * i - t, 2 + t);
                ts.Row(step, date, l, "lab", "tokens_served", 50 * Math.Pow(2, t) / (i + 1));
                ts.Row(step, date, l, "lab", "capability", 1 + 0.3 * t);
                ts.Row(step, date, l, "lab", "compute_cost_usd_bn", 1.3 * revenue);
            }
            ts.Row(step, date, "Market", "market", "revenue_usd_bn", 0.0);
            ts.Row(step, date, "Market", "market", "capex_usd_bn", 0.0);
            ts.Row(step, date, "Market", "market", "cash_usd_bn", 0.0);
            ts.Row(step, date, "Market", "market", "debt_usd_bn", 0.0);
            ts.Row(step, date, "Market", "market", "token_price_usd_per_mtok", 12 * Math.Pow(0.45, t));
            ts.Row(step, date, "Market", "market", "gpu_hour_price_usd", 3.2 * Math.Pow(0.85, t) + 0.2 * rng.NextDouble());
            ts.Row(step, date, "Market", "market", "sentiment", 1.1 + 0.3 * Math.Sin(t * 1.3) - 0.05 * t);
            ts.Row(step, date, "Market", "market", "ai_revenue_usd_bn", 0.0);
            ts.Row(step, date, "Market", "market", "cahn_required_revenue_usd_bn", 24 * 45 * Math.Pow(1.3, Math.Min(t, 4)));
            ts.Row(step, date, "Market", "market", "stranded_mw", Math.Max(0, 200 * (t - 3)));
        }
        ts.Save(Path.Combine(dir, "timeseries.csv"));
        WriteEvents(dir, firstYear, withEvents);
        WriteSummary(dir, firstYear, lastYear, capexByYear, revenueByYear, seed);
        File.WriteAllText(Path.Combine(dir, "manifest.json"),
            "{\"tool\":\"MarketSim\",\"version\":\"0.1.0\",\"scenario_name\":\"baseline\",\"seed\":" + seed +
            ",\"scenario\":{\"Name\":\"baseline\",\"Clock\":{\"Start\":\"" + firstYear + "-01\",\"End\":\"" + lastYear +
            "-12\"},\"Demand\":{\"PriceElasticity\":1.2,\"GrowthRate\":0.45},\"Finance\":{\"CostOfCapital\":0.09," +
            "\"Lenders\":[\"banks\",\"private credit\"]},\"Shocks\":{\"Enabled\":false}}}");
        return dir;
    }

    private static void Common(CsvText ts, int step, string date, string agent, string kind, double revenue,
        double capex, double cash, double debt)
    {
        ts.Row(step, date, agent, kind, "revenue_usd_bn", revenue);
        ts.Row(step, date, agent, kind, "capex_usd_bn", capex);
        ts.Row(step, date, agent, kind, "cash_usd_bn", Math.Max(0, cash));
        ts.Row(step, date, agent, kind, "debt_usd_bn", debt);
    }

    private static void WriteEvents(string dir, int firstYear, bool withEvents)
    {
        var events = new CsvText("step", "date", "agent", "event", "counterparty", "amount_usd_bn", "detail");
        if (withEvents)
        {
            events.Row(3, $"{firstYear}-04", "OpenAI", "ContractSigned", "Microsoft", 50.0, "rule=AnnouncedDeal name=\"compute, 5y\"");
            events.Row(20, $"{firstYear + 1}-09", "Anthropic", "ContractSigned", "Google", 30.0, "rule=AnnouncedDeal name=tpu");
            events.Row(26, $"{firstYear + 2}-03", "OpenAI", "ContractSigned", "Oracle", 300.0, "rule=AnnouncedDeal name=stargate");
            events.Row(30, $"{firstYear + 2}-07", "MetaAI", "ContractSigned", "CoreWeave", 14.0, "rule=SpotCapacity");
            events.Row(40, $"{firstYear + 3}-05", "Nvidia", "ChipOrder", "AWS", 20.0, "rule=OrderChips");
            events.Row(60, $"{firstYear + 5}-01", "xAI", "Default", "Oracle", 12.5, "rule=MissedPayment");
        }
        events.Save(Path.Combine(dir, "events.csv"));
    }

    private static void WriteSummary(string dir, int firstYear, int lastYear, Dictionary<int, double> capex,
        Dictionary<int, double> revenue, int seed)
    {
        var capex2627 = capex.GetValueOrDefault(2026) + capex.GetValueOrDefault(2027);
        var revenue2627 = revenue.GetValueOrDefault(2026) + revenue.GetValueOrDefault(2027);
        var npv = -180.5 + 10 * (seed % 3);
        var s = new CsvText("metric", "value")
            .Row("capex_2026_2027_usd_bn", capex2627)
            .Row("ai_capex_2026_2027_usd_bn", 0.8 * capex2627)
            .Row("ai_revenue_2026_2027_usd_bn", revenue2627)
            .Row("cahn_required_revenue_all_chipmakers_usd_bn", 2 * capex2627)
            .Row("revenue_gap_all_chipmakers_usd_bn", 2 * capex2627 - revenue2627)
            .Row("cahn_required_revenue_modelled_clouds_usd_bn", 1.2 * capex2627)
            .Row("revenue_gap_modelled_clouds_usd_bn", 1.2 * capex2627 - revenue2627)
            .Row("cohort_2026_2027_capex_usd_bn", 0.6 * capex2627)
            .Row("enduser_cohort_2026_2027_npv_usd_bn", npv)
            .Row("justified", npv >= 0 ? 1.0 : 0.0)
            .Row("cohort_2026_2027_npv_usd_bn", npv + 120)
            .Row("justified_owners", npv + 120 >= 0 ? 1.0 : 0.0)
            .Row("investor_subsidy_2026_2027_usd_bn", 150.0)
            .Row("cohort_2026_2027_irr", 0.041)
            .Row("cohort_2026_2027_payback_year", double.NaN)
            .Row("defaults", 1.0)
            .Row("stranded_mw_2030", 800.0)
            .Row("write_downs_usd_bn", 42.0)
            .Row("hhi_clouds", 0.19)
            .Row("hhi_chipmakers", 0.61);
        for (var y = firstYear; y <= lastYear; y++)
        {
            s.Row($"ai_revenue_{y}_usd_bn", revenue.GetValueOrDefault(y)).Row($"capex_{y}_usd_bn", capex.GetValueOrDefault(y));
        }
        s.Save(Path.Combine(dir, "summary.csv"));
    }
}
