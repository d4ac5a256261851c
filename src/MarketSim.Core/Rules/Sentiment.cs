using MarketSim.Core.Engine;

namespace MarketSim.Core.Rules;

/// <summary>Investor sentiment after this month's end-user AI revenue (recorded in the market's history).</summary>
public interface ISentimentPolicy : IRule
{
    double NextSentiment(RuleContext context);
}

/// <summary>
/// The baseline investors: compare AI revenue growth over the last three months (annualised) with what they expect
/// and move sentiment by <c>Sentiment:DriftPerSurprise</c> x <c>Finance:SentimentSensitivity</c> x the log surprise
/// (within +-<c>SurpriseLimit</c>), plus <c>Reversion</c> of the way to neutral (1), within <c>Min</c> and
/// <c>Max</c>. Before the run's start the opening revenue, grown at the expected rate, stands in for missing months.
/// </summary>
public sealed class RevenueSurpriseSentiment : ISentimentPolicy
{
    public double NextSentiment(RuleContext context)
    {
        var market = context.Market;
        var step = context.Step;
        var opening = context.Scenario.Demand.InitialSpendUsdBn / 12;
        var openingGrowth = context.Scenario.Finance.ExpectedRevenueGrowth;
        double Month(int s) => s >= 0 ? market.AiRevenueAt(s) : opening * TableMath.Pow(1 + openingGrowth, (s + 1) / 12.0);
        double recent = 0, before = 0;
        for (var k = 0; k < 3; k++)
        {
            recent += Month(step - k);
            before += Month(step - 3 - k);
        }
        var realised = before > 0 ? TableMath.Pow(Math.Max(recent, 1e-9) / before, 4) - 1 : 0;
        var surprise = TableMath.Log(1 + Math.Max(realised, -0.95)) - TableMath.Log(1 + market.ExpectedGrowth);
        var o = context.Scenario.Sentiment;
        var drift = o.DriftPerSurprise * context.Scenario.Finance.SentimentSensitivity * Math.Clamp(surprise, -o.SurpriseLimit, o.SurpriseLimit)
            + o.Reversion * (1 - market.Sentiment);
        return Math.Clamp(market.Sentiment + drift, o.Min, o.Max);
    }
}
