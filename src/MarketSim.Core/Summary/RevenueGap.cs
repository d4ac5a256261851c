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
}
