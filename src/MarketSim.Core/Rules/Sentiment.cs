namespace MarketSim.Core.Rules;

/// <summary>Investor sentiment after this month's end-user AI revenue (recorded in the market's history).</summary>
public interface ISentimentPolicy : IRule
{
    double NextSentiment(RuleContext context);
}

/// <summary>
/// The baseline investors: compare AI revenue growth over the last three months (annualised) with what they expect
/// and move sentiment by 0.1 x <c>Finance:SentimentSensitivity</c> x the log surprise (clamped to +-2), plus a
/// reversion of 2% of the way to neutral (1), within 0.05 and 2.5. Before the run's start the opening revenue,
/// grown at the expected rate, stands in for missing months.
/// </summary>
public sealed class RevenueSurpriseSentiment : ISentimentPolicy
{
    public double NextSentiment(RuleContext context)
    {
        var market = context.Market;
        var step = context.Step;
        var opening = context.Scenario.Demand.InitialSpendUsdBn / 12;
        var openingGrowth = context.Scenario.Finance.ExpectedRevenueGrowth;
        double Month(int s) => s >= 0 ? market.AiRevenueAt(s) : opening * Math.Pow(1 + openingGrowth, (s + 1) / 12.0);
        double recent = 0, before = 0;
        for (var k = 0; k < 3; k++)
        {
            recent += Month(step - k);
            before += Month(step - 3 - k);
        }
        var realised = before > 0 ? Math.Pow(Math.Max(recent, 1e-9) / before, 4) - 1 : 0;
        var surprise = Math.Log(1 + Math.Max(realised, -0.95)) - Math.Log(1 + market.ExpectedGrowth);
        var drift = 0.1 * context.Scenario.Finance.SentimentSensitivity * Math.Clamp(surprise, -2, 2) + 0.02 * (1 - market.Sentiment);
        return Math.Clamp(market.Sentiment + drift, 0.05, 2.5);
    }
}
