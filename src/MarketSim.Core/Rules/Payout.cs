using MarketSim.Core.Agents;

namespace MarketSim.Core.Rules;

/// <summary>What a company pays its owners this month (dividends and buybacks; a lab returns capital), USD bn.</summary>
public interface IPayoutPolicy : IRule
{
    double PayoutUsdBn(Agent company, RuleContext context);
}

/// <summary>
/// The baseline payout: a company pays its payout ratio (<c>Clouds:&lt;name&gt;:PayoutRatio</c>) of its free cash flow
/// over the last year, out of cash above its working balance (<c>Borrowing:MinCashMonths</c> of inflows), and while it
/// generates cash returns whatever it holds above <c>Borrowing:MaxCashMonths</c> of inflows. Nothing is paid while
/// net debt/EBITDA is at or above the company's rating limit: payouts are cut before capex.
/// </summary>
public sealed class FreeCashFlowPayout : IPayoutPolicy
{
    public double PayoutUsdBn(Agent company, RuleContext context)
    {
        var sheet = company.Balance;
        if (sheet.NetDebtToEbitda >= sheet.MaxNetDebtToEbitda || sheet.FreeCashFlowTtm <= 0) return 0;
        var finance = context.Scenario.Borrowing;
        var monthlyInflows = sheet.InflowsTtm / 12;
        var spare = Math.Max(0, company.Cash - finance.MinCashMonths * monthlyInflows);
        var regular = Math.Min(spare, sheet.PayoutRatio * sheet.FreeCashFlowTtm / 12);
        var excess = Math.Max(0, company.Cash - regular - finance.MaxCashMonths * monthlyInflows);
        return regular + excess;
    }
}
