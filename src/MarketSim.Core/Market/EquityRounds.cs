using MarketSim.Core.Agents;
using MarketSim.Core.Engine;
using MarketSim.Core.Rules;

namespace MarketSim.Core.Market;

/// <summary>Equity rounds for labs: chipmakers take a share (circular financing), investors the rest.</summary>
internal sealed class EquityRounds(World world)
{
    public void Fund(Lab lab, FundingDecision decision, string rule)
    {
        var amount = decision.AmountUsdBn;
        var circular = amount * world.Scenario.Finance.CircularFinancingShare;
        var makerRevenue = world.Chipmakers.Sum(c => c.RevenueRunRate);
        var fromMakers = 0.0;
        foreach (var maker in world.Chipmakers)
        {
            if (makerRevenue <= 0) break;
            var part = Math.Min(circular * maker.RevenueRunRate / makerRevenue, Math.Max(0, world.Scenario.Funding.CircularMaxCashShare * maker.Cash));
            if (part <= 1e-6) continue;
            lab.ReceiveCapital(maker.Account, part);
            world.Risk.Invest(maker.Name, lab.Name, "CircularFinancing", part);
            world.Events.Add(maker.Name, "EquityInvestment", lab.Name, part, "CircularFinancing", "");
            fromMakers += part;
        }
        lab.ReceiveCapital(world.External(ExternalAccount.Investors), amount - fromMakers);
        world.Risk.Invest(ExternalAccount.Investors.ToString(), lab.Name, "EquityRound", amount - fromMakers);
        lab.LastRoundStep = world.Clock.Step;
        world.Events.Add(lab.Name, "FundingRound", "Investors", amount, rule, $"sentiment={world.Market.Sentiment:F2}");
    }
}
