using MarketSim.Core.Engine;
using MarketSim.Core.Results;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Summary;

/// <summary>
/// The run-level answers. AI revenue is what end users pay (labs' revenue plus clouds' direct AI revenue); payments
/// between companies are costs of the chain and are not counted again. A metric a run cannot define (a cohort the run
/// does not hold, a year it does not reach) is NaN, written as an empty value; in particular a run that ends before
/// 2028 has no verdict, never a false one.
/// </summary>
public static class RunSummary
{
    /// <summary>The state the summary reads from the world as it is at <c>Clock:End</c>, before any unrecorded months.</summary>
    internal sealed record Snapshot(int Defaults, double WriteDownsUsdBn, double HhiClouds)
    {
        internal static Snapshot Of(World world) => new(world.Defaults, world.Clouds.Sum(c => c.WriteDownsUsdBn),
            Hhi(world.Clouds.Select(c => c.InstalledH100e)));
    }

    internal static IReadOnlyList<SummaryMetric> Compute(World world, Snapshot atEnd)
    {
        var clock = world.Clock;
        var steps = clock.Steps;
        var years = Enumerable.Range(0, steps).Select(t => clock.Start.AddMonths(t).Year).ToArray();
        var aiRevenue = Series(world, "Market", "ai_revenue_usd_bn");

        // Loops rather than queries (a run's summary was a sixth of what it allocated), adding in the same order.
        double YearSum(double[] values, int year)
        {
            double sum = 0;
            for (var t = 0; t < steps; t++)
                if (years[t] == year) sum += values[t];
            return sum;
        }
        double YearMean(double[] values, int year)
        {
            double sum = 0;
            var count = 0;
            for (var t = 0; t < steps; t++)
                if (years[t] == year) sum = count++ == 0 ? values[t] : sum + values[t];
            return count > 0 ? sum / count : double.NaN;
        }
        double Sum(string kind, string metric, params int[] inYears)
        {
            double total = 0;
            foreach (var s in world.Metrics.Series)
            {
                if (s.Kind != kind || s.Metric != metric) continue;
                double inSeries = 0;
                foreach (var y in inYears) inSeries += YearSum(s.Values, y);
                total += inSeries;
            }
            return total;
        }

        var cohort = CohortValuation.Evaluate(world.Cohort, world.Scenario, clock);
        var revenue2027 = YearSum(aiRevenue, 2027);
        var (allChipmakers, modelledClouds) = SequoiaRequiredRevenue(world);

        var list = new List<SummaryMetric>
        {
            new("capex_2026_2027_usd_bn", Sum("cloud", "capex_usd_bn", 2026, 2027)),
            new("ai_capex_2026_2027_usd_bn", Sum("cloud", "ai_capex_usd_bn", 2026, 2027)),
            new("ai_revenue_2026_2027_usd_bn", YearSum(aiRevenue, 2026) + revenue2027),
            new("cahn_required_revenue_all_chipmakers_usd_bn", allChipmakers),
            new("revenue_gap_all_chipmakers_usd_bn", allChipmakers - revenue2027),
            new("cahn_required_revenue_modelled_clouds_usd_bn", modelledClouds),
            new("revenue_gap_modelled_clouds_usd_bn", modelledClouds - revenue2027),
            new("cohort_2026_2027_capex_usd_bn", cohort.CapexUsdBn),
            new("enduser_cohort_2026_2027_npv_usd_bn", cohort.EndUserNpvUsdBn),
            new("justified", Verdict(cohort.EndUserNpvUsdBn)),
            new("cohort_2026_2027_npv_usd_bn", cohort.OwnersNpvUsdBn),
            new("justified_owners", Verdict(cohort.OwnersNpvUsdBn)),
            new("investor_subsidy_2026_2027_usd_bn", cohort.InvestorSubsidyUsdBn),
            new("cohort_2026_2027_irr", cohort.OwnersIrr),
            new("cohort_2026_2027_payback_year", cohort.OwnersPaybackYear),
            new("cohort_2026_2027_last_year_in_service", cohort.LastYearInService),
            new("defaults", atEnd.Defaults),
            new("stranded_mw_2030", YearEnd(world, Series(world, "Market", "stranded_mw"), 2030)),
            new("utilization_2030", YearMean(Series(world, "Market", "utilization"), 2030)),
            new("contracted_idle_share_2030", YearMean(Series(world, "Market", "contracted_idle_share"), 2030)),
            new("write_downs_usd_bn", atEnd.WriteDownsUsdBn),
            new("mean_retirement_age_years", FleetLife.MeanRetirementAgeYears(world.Clouds)),
            new("hhi_clouds", atEnd.HhiClouds),
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

    /// <summary>1 when the NPV is at least zero, 0 when below, NaN (no verdict) when the run has no cohort to value.</summary>
    private static double Verdict(double npv) => double.IsNaN(npv) ? double.NaN : npv >= 0 ? 1 : 0;

    /// <summary>
    /// Sequoia's required revenue at the end of 2027, on all chipmakers' data-center revenue (as Sequoia did; or the
    /// configured run-rate) and on the modelled clouds' chip purchases; NaN when the run does not reach December 2027.
    /// </summary>
    private static (double AllChipmakers, double ModelledClouds) SequoiaRequiredRevenue(World world)
    {
        var a = world.Scenario.Analysis;
        var end2027 = world.Clock.StepOf(new YearMonth(2027, 12));
        var reached = end2027 >= 2 && end2027 < world.Clock.Steps;
        var modelled = reached ? RevenueGap.ModelledCloudsRequiredRevenueAt(world, end2027) : double.NaN;
        var all = a.CahnRunRateOverrideUsdBn > 0
            ? RevenueGap.CahnRequiredRevenue(a.CahnRunRateOverrideUsdBn, a.CahnChipShareOfCost, a.CahnEndUserGrossMargin)
            : reached ? RevenueGap.CahnRequiredRevenueAt(world, end2027) : double.NaN;
        return (all, modelled);
    }

    private static double[] Series(World world, string agent, string metric) =>
        world.Metrics.Series.First(s => s.Agent == agent && s.Metric == metric).Values;

    /// <summary>The value in December of a year, or at the run's end when it ends that year; NaN for a year it does not reach.</summary>
    private static double YearEnd(World world, double[] values, int year)
    {
        var clock = world.Clock;
        if (clock.Start.Year > year || clock.Start.AddMonths(clock.Steps - 1).Year < year) return double.NaN;
        return values[Math.Min(clock.StepOf(new YearMonth(year, 12)), clock.Steps - 1)];
    }

    /// <summary>Herfindahl-Hirschman index on the 0-10,000 scale.</summary>
    public static double Hhi(IEnumerable<double> sizes)
    {
        var list = sizes.Select(s => Math.Max(0, s)).ToArray();
        var total = list.Sum();
        return total > 0 ? list.Sum(s => TableMath.Pow(100 * s / total, 2)) : 0;
    }
}
