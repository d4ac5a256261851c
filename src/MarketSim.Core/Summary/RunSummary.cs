using MarketSim.Core.Engine;
using MarketSim.Core.Results;

namespace MarketSim.Core.Summary;

/// <summary>
/// The run-level answers. AI revenue is what end users pay (labs' revenue plus clouds' direct AI revenue); payments
/// between companies are costs of the chain and are not counted again.
/// </summary>
public static class RunSummary
{
    public static IReadOnlyList<SummaryMetric> Compute(World world)
    {
        var clock = world.Clock;
        var steps = clock.Steps;
        var years = Enumerable.Range(0, steps).Select(t => clock.Start.AddMonths(t).Year).ToArray();
        var aiRevenue = Series(world, "Market", "ai_revenue_usd_bn");

        double YearSum(double[] values, int year) => Enumerable.Range(0, steps).Where(t => years[t] == year).Sum(t => values[t]);
        double Sum(string kind, string metric, params int[] inYears) => world.Metrics.Series
            .Where(s => s.Kind == kind && s.Metric == metric).Sum(s => inYears.Sum(y => YearSum(s.Values, y)));

        var cohortStart = clock.StepOf(new Scenarios.YearMonth(2026, 1));
        var cohort = CohortEconomics.Evaluate(world.Clouds, cohortStart, steps, clock.Start.Year, world.Scenario.Hardware.MaxLifeYears,
            world.Scenario.Analysis);
        var a = world.Scenario.Analysis;
        var end2027 = Math.Min(clock.StepOf(new Scenarios.YearMonth(2027, 12)), steps - 1);
        var required = a.CahnRunRateOverrideUsdBn > 0
            ? RevenueGap.CahnRequiredRevenue(a.CahnRunRateOverrideUsdBn, a.CahnChipShareOfCost, a.CahnEndUserGrossMargin)
            : end2027 >= 2 ? RevenueGap.CahnRequiredRevenueAt(world, end2027) : double.NaN;
        var revenue2027 = YearSum(aiRevenue, 2027);

        var list = new List<SummaryMetric>
        {
            new("capex_2026_2027_usd_bn", Sum("cloud", "capex_usd_bn", 2026, 2027)),
            new("ai_capex_2026_2027_usd_bn", Sum("cloud", "ai_capex_usd_bn", 2026, 2027)),
            new("ai_revenue_2026_2027_usd_bn", YearSum(aiRevenue, 2026) + revenue2027),
            new("cahn_required_revenue_usd_bn", required),
            new("revenue_gap_usd_bn", required - revenue2027),
            new("cohort_2026_2027_npv_usd_bn", cohort.NpvUsdBn),
            new("cohort_2026_2027_irr", cohort.Irr),
            new("cohort_2026_2027_payback_year", cohort.PaybackYear),
            new("defaults", world.Defaults),
            new("justified", cohort.NpvUsdBn >= 0 ? 1 : 0),
            new("stranded_mw_2030", YearEnd(world, Series(world, "Market", "stranded_mw"), 2030)),
            new("write_downs_usd_bn", world.Clouds.Sum(c => c.WriteDownsUsdBn)),
            new("mean_retirement_age_years", FleetLife.MeanRetirementAgeYears(world.Clouds)),
            new("hhi_clouds", Hhi(world.Clouds.Select(c => c.InstalledH100e))),
            new("hhi_chipmakers", Hhi(world.Chipmakers.Select(c =>
                YearSum(world.Metrics.Values(c.RevenueHandle), 2026) + YearSum(world.Metrics.Values(c.RevenueHandle), 2027)))),
            new("peak_sentiment", Series(world, "Market", "sentiment").Max()),
            new("min_sentiment", Series(world, "Market", "sentiment").Min()),
        };
        foreach (var year in years.Distinct())
        {
            list.Add(new($"ai_revenue_{year}_usd_bn", YearSum(aiRevenue, year)));
            list.Add(new($"capex_{year}_usd_bn", Sum("cloud", "capex_usd_bn", year)));
        }
        return list;
    }

    private static double[] Series(World world, string agent, string metric) =>
        world.Metrics.Series.First(s => s.Agent == agent && s.Metric == metric).Values;

    private static double YearEnd(World world, double[] values, int year)
    {
        var step = Math.Min(world.Clock.StepOf(new Scenarios.YearMonth(year, 12)), values.Length - 1);
        return step >= 0 ? values[step] : double.NaN;
    }

    /// <summary>Herfindahl-Hirschman index on the 0-10,000 scale.</summary>
    public static double Hhi(IEnumerable<double> sizes)
    {
        var list = sizes.Select(s => Math.Max(0, s)).ToArray();
        var total = list.Sum();
        return total > 0 ? list.Sum(s => Math.Pow(100 * s / total, 2)) : 0;
    }
}
