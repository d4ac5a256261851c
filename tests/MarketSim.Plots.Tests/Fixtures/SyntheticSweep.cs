using MarketSim.Data.Sweeps;

namespace MarketSim.Plots.Tests.Fixtures;

/// <summary>
/// A sweep directory following the sweep and analysis contracts: four parameters (one log-scaled, one boolean), a
/// cohort NPV that rises with demand growth and falls with the cost of capital, and the analysis files.
/// </summary>
internal static class SyntheticSweep
{
    public static readonly string[] Keys = ["Demand:PriceElasticity", "Demand:GrowthRate", "Finance:CostOfCapital", "Shocks:Enabled"];

    public static string Write(string dir, int runs = 192, bool timeseries = true, bool analysis = true, bool marketRevenue = false)
    {
        Directory.CreateDirectory(dir);
        var rng = new Random(7);
        var design = new CsvText(["run_id", "design_row", "replication", "seed", .. Keys]);
        var summary = new CsvText("run_id", "metric", "value");
        var ts = new CsvText("run_id", "step", "date", "agent", "metric", "value");
        var justified = 0;
        for (var id = 0; id < runs; id++)
        {
            var elasticity = 0.3 + 1.7 * rng.NextDouble();
            var growth = Math.Exp(Math.Log(0.1) + (Math.Log(1) - Math.Log(0.1)) * rng.NextDouble());
            var coc = 0.06 + 0.08 * rng.NextDouble();
            var shocks = rng.NextDouble() < 0.5;
            design.Row(id, id, 0, 1000 + id, elasticity, growth, coc, shocks);
            var npv = 420 * growth - 120 * elasticity - 2500 * (coc - 0.06) - (shocks ? 60 : 0) + 40 * (rng.NextDouble() - 0.5);
            justified += npv >= 0 ? 1 : 0;
            var capex2627 = 1900 + 300 * growth;
            var revenue2627 = 500 + 900 * growth - 100 * elasticity;
            foreach (var (m, v) in new (string, double)[]
            {
                ("capex_2026_2027_usd_bn", capex2627), ("ai_capex_2026_2027_usd_bn", 0.8 * capex2627),
                ("ai_revenue_2026_2027_usd_bn", revenue2627), ("cahn_required_revenue_all_chipmakers_usd_bn", 2 * capex2627),
                ("revenue_gap_all_chipmakers_usd_bn", 2 * capex2627 - revenue2627), ("enduser_cohort_2026_2027_npv_usd_bn", npv),
                ("cohort_2026_2027_npv_usd_bn", npv + 120), ("justified_owners", npv + 120 >= 0 ? 1 : 0),
                ("cohort_2026_2027_irr", npv > -150 ? 0.09 + npv / 2000 : double.NaN),
                ("cohort_2026_2027_payback_year", npv >= 0 ? 2031 : double.NaN), ("defaults", shocks ? 2 : 0),
                ("justified", npv >= 0 ? 1 : 0),
            })
            {
                summary.Row(id, m, v);
            }
            for (var year = 2024; year <= 2030; year++)
            {
                var t = year - 2024;
                var capex = 500 * Math.Pow(1.25 + 0.1 * growth, Math.Min(t, 4)) * (0.9 + 0.2 * rng.NextDouble());
                var revenue = 80 * Math.Pow(1.4 + 0.6 * growth, t) * (0.9 + 0.2 * rng.NextDouble());
                summary.Row(id, $"ai_revenue_{year}_usd_bn", revenue).Row(id, $"capex_{year}_usd_bn", capex);
                if (!timeseries) continue;
                foreach (var cloud in SyntheticRun.Clouds)
                {
                    ts.Row(id, t, year.ToString(), cloud, "capex_usd_bn", capex / 6);
                    ts.Row(id, t, year.ToString(), cloud, "direct_ai_revenue_usd_bn", revenue * 0.3 / 6);
                }
                foreach (var lab in SyntheticRun.Labs) ts.Row(id, t, year.ToString(), lab, "revenue_usd_bn", revenue * 0.7 / 5);
                if (marketRevenue) ts.Row(id, t, year.ToString(), "Market", "ai_revenue_usd_bn", 2 * revenue);
            }
        }
        design.Save(Path.Combine(dir, "design.csv"));
        summary.Save(Path.Combine(dir, "summary.csv"));
        if (timeseries) ts.Save(Path.Combine(dir, "timeseries.csv"));
        File.WriteAllText(Path.Combine(dir, "manifest.json"),
            "{\"tool\":\"MarketSim\",\"version\":\"0.1.0\",\"name\":\"demand-vs-finance\",\"seed\":42,\"replications\":1," +
            "\"scenario\":\"baseline\",\"design\":{\"sampler\":\"saltelli\",\"samples\":32,\"secondOrder\":false,\"rows\":" + runs +
            "},\"parameters\":[{\"key\":\"Demand:PriceElasticity\",\"min\":0.3,\"max\":2,\"scale\":\"linear\"}," +
            "{\"key\":\"Demand:GrowthRate\",\"min\":0.1,\"max\":1,\"scale\":\"log\"}," +
            "{\"key\":\"Finance:CostOfCapital\",\"min\":0.06,\"max\":0.14,\"scale\":\"linear\"}," +
            "{\"key\":\"Shocks:Enabled\",\"values\":[true,false]}],\"outputs\":{},\"spec\":{}}");
        if (analysis) WriteAnalysis(dir, runs, justified);
        return dir;
    }

    private static void WriteAnalysis(string sweepDir, int runs, int justified)
    {
        const string npv = "cohort_2026_2027_npv_usd_bn";
        var share = (double)justified / runs;
        var prim = new List<DiscoveryRow>();
        for (var step = 0; step <= 6; step++)
        {
            var coverage = 1 - 0.02 * step * step;
            var density = share + (0.95 - share) * step / 6.0;
            var row = new DiscoveryRow("justified", 1, step, step == 4, coverage, density, coverage * share / density,
                "Demand:GrowthRate", 0.1 + 0.07 * step, 1.0, step == 0 ? "start" : "peel", "", 1e-3 / (step + 1), double.NaN);
            prim.Add(row);
            if (step >= 2) prim.Add(row with { Parameter = "Finance:CostOfCapital", Low = 0.06, High = 0.14 - 0.006 * step });
        }
        new AnalysisTables(
            Sobol: [new(npv, "Demand:PriceElasticity", 0.21, 0.05, 0.25, 0.06), new(npv, "Demand:GrowthRate", 0.48, 0.07, 0.55, 0.08),
                new(npv, "Finance:CostOfCapital", 0.12, 0.04, 0.15, 0.05), new(npv, "Shocks:Enabled", 0.05, 0.02, 0.31, 0.04),
                new("justified", "Demand:GrowthRate", 0.4, 0.1, 0.6, 0.1)],
            Morris: [new(npv, "Demand:PriceElasticity", -150.0, 150.0, 30.0, 20.0), new(npv, "Demand:GrowthRate", 300.0, 310.0, 180.0, 40.0),
                new(npv, "Finance:CostOfCapital", -190.0, 190.0, 25.0, 15.0), new(npv, "Shocks:Enabled", -60.0, 60.0, 10.0, 5.0)],
            Verdict: [new("all", runs, justified, share, Math.Max(0, share - 0.07), Math.Min(1, share + 0.07))],
            Discovery: prim,
            Delta: [.. Keys.Select((k, j) => new DeltaRow(npv, k, 0.05 + 0.1 * j, 0.02, 0.1 * j, 0.03, runs, 10))],
            Pawn: [.. Keys.Select((k, j) => new PawnRow(npv, k, 0.01, 0.05 + 0.08 * j, 0.04 + 0.08 * j, 0.1 + 0.1 * j, 0.3, 0.02,
                0.02, runs, 10))],
            SobolConvergence: [.. Keys.SelectMany((k, j) => new[] { 4, 8, 16, 32 }.Select(n =>
                new SobolConvergenceRow(npv, k, n, 0.1 * j, 0.4 / Math.Sqrt(n), 0.12 * j, 0.3 / Math.Sqrt(n))))],
            FeatureScores: [.. Keys.Select((k, j) => new FeatureScoreRow("justified", FeatureScoreRow.Classification, k, (j + 1) / 10.0, runs))])
            .WriteTo(sweepDir);
    }
}
