using MarketSim.Core.Agents;
using MarketSim.Core.Engine;
using MarketSim.Core.Rules;

namespace MarketSim.Core.Market;

/// <summary>
/// Equity rounds for labs: investors buy a share of the lab at its valuation (revenue multiple x sentiment), out of
/// the year's investor pool, and hold the stake at cost in the risk register. Chipmakers' equity arrives separately,
/// per GW deployed (<see cref="Finance.StructuredFinance"/>).
/// </summary>
internal sealed class EquityRounds(World world)
{
    public void Fund(Lab lab, FundingDecision decision, string rule)
    {
        var amount = decision.AmountUsdBn;
        var investors = ExternalAccount.Investors;
        lab.ReceiveCapital(world.External(investors), amount);
        world.Market.InvestorPool.Take(amount);
        world.Risk.Invest(investors.ToString(), lab.Name, "EquityRound", amount);
        lab.LastRoundStep = world.Clock.Step;
        world.Events.Add(lab.Name, "FundingRound", investors.ToString(), amount, rule,
            $"sentiment={world.Market.Sentiment:F2} valuation={world.Market.ValuationUsdBn(lab):F0}");
    }
}
