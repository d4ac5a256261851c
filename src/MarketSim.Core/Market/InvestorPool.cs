using MarketSim.Core.Engine;
using MarketSim.Core.Finance;

namespace MarketSim.Core.Market;

/// <summary>
/// The private capital investors put into AI in a year: <c>Finance:InvestorPoolUsdBnPerYear</c> at neutral sentiment,
/// scaled by sentiment. Every lab round from <c>Investors</c> draws on it; what was raised in the last twelve months
/// is not available again, so labs compete for a finite pool that shrinks when sentiment falls.
/// </summary>
public sealed class InvestorPool
{
    private readonly CapitalMarket _market;
    private readonly Clock _clock;
    private readonly double _perYear;
    private readonly TrailingYear _raised = new();
    private double _raisedThisStep;

    internal InvestorPool(CapitalMarket market, Clock clock, double perYearUsdBn)
    {
        _market = market;
        _clock = clock;
        _perYear = perYearUsdBn;
        _raised.Seed(_ => 0);
    }

    /// <summary>The pool this year at today's sentiment, USD bn.</summary>
    public double SizeUsdBn => _perYear * _market.Sentiment;

    /// <summary>What investors have put into labs over the last twelve months, USD bn.</summary>
    public double RaisedLastYearUsdBn => _raised.AnnualRate - _raised.YearBefore(_clock.Step) + _raisedThisStep;

    public double AvailableUsdBn => Math.Max(0, SizeUsdBn - RaisedLastYearUsdBn);

    public double RaisedThisMonthUsdBn => _raisedThisStep;

    internal void Take(double amount) => _raisedThisStep += amount;

    /// <summary>Closes the month: this month's rounds join the last twelve months.</summary>
    internal void Record()
    {
        _raised.Record(_clock.Step, _raisedThisStep);
        _raisedThisStep = 0;
    }
}
