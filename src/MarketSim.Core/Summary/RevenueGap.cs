using MarketSim.Core.Engine;

namespace MarketSim.Core.Summary;

/// <summary>
/// Sequoia's "AI's $600B question" arithmetic (revenue_gap_required_revenue/Sequoia 2024-06): chipmakers'
/// data-center run-rate, doubled because chips are about half of data-center cost, doubled again for a 50% gross
/// margin at the end user. $150B gives $600B.
/// </summary>
public static class RevenueGap
{
    public static double CahnRequiredRevenue(double chipRunRateUsdBn, double chipShareOfCost = 0.5, double endUserGrossMargin = 0.5) =>
        chipRunRateUsdBn / chipShareOfCost / (1 - endUserGrossMargin);

    /// <summary>
    /// Sequoia's method as Sequoia applied it, on all of the chipmakers' recorded data-center revenue (sales to buyers
    /// outside the modelled clouds included) in the three months ending at a step, annualised (fewer months at the
    /// start of a run, scaled up).
    /// </summary>
    public static double CahnRequiredRevenueAt(World world, int step)
    {
        // Worked out every recorded month, so summed in loops rather than through a delegate per month: the sums run
        // month by month and, within a month, chipmaker by chipmaker, as they always have.
        double quarter = 0;
        var months = 0;
        for (var k = FirstMonth(step); k <= step; k++, months++)
        {
            double month = 0;
            foreach (var c in world.Chipmakers) month += world.Metrics.Values(c.RevenueHandle)[k];
            quarter += month;
        }
        return Annualised(world, quarter, months);
    }

    /// <summary>Sequoia's method on what the modelled clouds paid for chips in the three months ending at a step.</summary>
    public static double ModelledCloudsRequiredRevenueAt(World world, int step)
    {
        var purchases = world.Metrics.Series.First(s => s.Agent == "Market" && s.Metric == "cloud_chip_purchases_usd_bn").Values;
        double quarter = 0;
        var months = 0;
        for (var k = FirstMonth(step); k <= step; k++, months++) quarter += purchases[k];
        return Annualised(world, quarter, months);
    }

    /// <summary>The quarter ending at a step starts two months before it, or at the run's start.</summary>
    private static int FirstMonth(int step) => Math.Max(0, step - 2);

    private static double Annualised(World world, double quarter, int months)
    {
        var a = world.Scenario.Analysis;
        return CahnRequiredRevenue(12.0 / months * quarter, a.CahnChipShareOfCost, a.CahnEndUserGrossMargin);
    }
}
