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
    /// Sequoia's method on the chipmakers' recorded data-center revenue of the three months ending at a step,
    /// annualised (fewer months at the start of a run, scaled up).
    /// </summary>
    public static double CahnRequiredRevenueAt(World world, int step)
    {
        var quarter = 0.0;
        var months = 0;
        for (var k = Math.Max(0, step - 2); k <= step; k++, months++)
            foreach (var c in world.Chipmakers) quarter += world.Metrics.Values(c.RevenueHandle)[k];
        var a = world.Scenario.Analysis;
        return CahnRequiredRevenue(12.0 / months * quarter, a.CahnChipShareOfCost, a.CahnEndUserGrossMargin);
    }
}
