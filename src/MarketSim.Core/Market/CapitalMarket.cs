using MarketSim.Core.Agents;
using MarketSim.Core.Engine;
using MarketSim.Core.Finance;
using MarketSim.Core.Rules;
using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Market;

/// <summary>
/// The capital market and the prices every agent sees. Investor sentiment rises when end-user AI revenue grows
/// faster than investors expect and falls when it disappoints; it sets equity availability, neocloud credit spreads
/// and the optimism in clouds' demand forecasts. A bust is an outcome: nothing here is scheduled.
/// </summary>
public sealed class CapitalMarket
{
    private readonly World _world;
    private readonly FinanceOptions _o;
    private readonly SentimentOptions _s;
    private readonly double[] _aiRevenue;
    private readonly int _tokenPrice, _gpuPrice, _sentiment, _aiRevenueMetric, _cahn, _stranded, _poolMetric, _raisedMetric;

    internal CapitalMarket(World world, double openingSentiment, double openingGpuHourPrice)
    {
        _world = world;
        _o = world.Scenario.Finance;
        _s = world.Scenario.Sentiment;
        Sentiment = openingSentiment;
        GpuHourPrice = openingGpuHourPrice;
        RiskFreeRate = _o.RiskFreeRate;
        _aiRevenue = world.Storage.Doubles(world.Clock.Horizon);
        InvestorPool = new InvestorPool(this, world.Clock, _o.InvestorPoolUsdBnPerYear);
        var m = world.Metrics;
        _tokenPrice = m.Register("Market", "market", "token_price_usd_per_mtok", Results.Aggregation.Level);
        _gpuPrice = m.Register("Market", "market", "gpu_hour_price_usd", Results.Aggregation.Level);
        _sentiment = m.Register("Market", "market", "sentiment", Results.Aggregation.Level);
        _aiRevenueMetric = m.Register("Market", "market", "ai_revenue_usd_bn", Results.Aggregation.Flow);
        _cahn = m.Register("Market", "market", "cahn_required_revenue_usd_bn", Results.Aggregation.Level);
        _stranded = m.Register("Market", "market", "stranded_mw", Results.Aggregation.Stock);
        _poolMetric = m.Register("Market", "market", "investor_pool_usd_bn", Results.Aggregation.Level);
        _raisedMetric = m.Register("Market", "market", "equity_raised_usd_bn", Results.Aggregation.Flow);
    }

    public double Sentiment { get; private set; }
    public double GpuHourPrice { get; internal set; }
    public double TokenPrice { get; internal set; }
    /// <summary>Used over installed capacity of open clouds, plus the share of spot requests left unserved.</summary>
    public double Tightness { get; internal set; } = 0.9; // the opening market: near full
    public double RiskFreeRate { get; private set; }
    public double InvestmentGradeSpread => _o.InvestmentGradeSpread;

    /// <summary>Neocloud spreads widen as sentiment falls below neutral (financing_cost: 7-15%).</summary>
    public double NeocloudSpread => _o.NeocloudSpread * (1 + _o.NeocloudSpreadSentimentSlope * Math.Max(0, 1 - Sentiment));

    /// <summary>Annual growth of AI revenue investors expect: the scenario's figure, fading to the long-run growth.</summary>
    public double ExpectedGrowth =>
        _s.LongRunGrowth + (_o.ExpectedRevenueGrowth - _s.LongRunGrowth) * _world.Recent.Exp(-_world.Clock.YearsSinceStart / _s.ExpectationFadeYears);

    /// <summary>Growth clouds plan for: investors' expectation scaled by sentiment (up to a cap).</summary>
    public double ForecastGrowth => Math.Max(0, ExpectedGrowth * Math.Min(Sentiment, _s.ForecastSentimentCap));

    /// <summary>Annual cost of capital: risk-free plus an equity premium plus the credit spread of the company's kind.</summary>
    public double CostOfCapital(bool neocloud) => RiskFreeRate + _o.EquityPremium + (neocloud ? NeocloudSpread : InvestmentGradeSpread);

    /// <summary>Annual interest on debt: risk-free plus the credit spread of the company's kind.</summary>
    public double BorrowingRate(bool neocloud) => RiskFreeRate + (neocloud ? NeocloudSpread : InvestmentGradeSpread);

    /// <summary>
    /// What new debt costs a company now: a neocloud or a lab borrows from <c>Lenders</c> at the neocloud spread over
    /// <c>Finance:LoanMaturityYears</c>; a hyperscaler, captive builder or chipmaker issues bonds to <c>Bondholders</c>
    /// over <c>Finance:BondMaturityYears</c> at the investment-grade spread, a cloud's plus
    /// <c>Finance:SpreadPerTurnOfLeverage</c> per turn of net debt/EBITDA (counting <paramref name="addedDebtUsdBn"/>
    /// not yet on its books, up to ten turns).
    /// </summary>
    public DebtTerms DebtTermsFor(Agent company, double addedDebtUsdBn)
    {
        var loanMonths = (int)Math.Round(_o.LoanMaturityYears * 12);
        if (company is Lab or Cloud { IsNeocloud: true })
            return new(LoanKind.BankLoan, ExternalAccount.Lenders, NeocloudSpread, loanMonths);
        var bondMonths = (int)Math.Round(_o.BondMaturityYears * 12);
        if (company is not Cloud) return new(LoanKind.Bond, ExternalAccount.Bondholders, InvestmentGradeSpread, bondMonths);
        var sheet = company.Balance;
        var leverage = sheet.EbitdaTtm > 1e-9 ? (sheet.NetDebt + addedDebtUsdBn) / sheet.EbitdaTtm : 10;
        var spread = InvestmentGradeSpread + _o.SpreadPerTurnOfLeverage * Math.Clamp(leverage, 0, 10);
        return new(LoanKind.Bond, ExternalAccount.Bondholders, spread, bondMonths);
    }

    /// <summary>
    /// What investors value a lab at now: <c>Finance:RevenueMultiple</c> x its revenue run-rate (at least
    /// <c>Funding:MinRevenueForValuationUsdBn</c>) x sentiment, USD bn.
    /// </summary>
    public double ValuationUsdBn(Lab lab) =>
        _o.RevenueMultiple * Math.Max(lab.RevenueRunRate, _world.Scenario.Funding.MinRevenueForValuationUsdBn) * Sentiment;

    /// <summary>
    /// What a round could raise for a lab now: <c>Funding:RoundShareOfValuation</c> of its valuation, no more than is
    /// left in the investor pool this year; nothing below <c>Funding:MinSentimentForRounds</c>.
    /// </summary>
    public double FundingCapacityUsdBn(Lab lab)
    {
        var f = _world.Scenario.Funding;
        return Sentiment < f.MinSentimentForRounds ? 0 : Math.Min(f.RoundShareOfValuation * ValuationUsdBn(lab), InvestorPool.AvailableUsdBn);
    }

    /// <summary>The private capital investors put into AI in a year, shared by the labs' rounds.</summary>
    public InvestorPool InvestorPool { get; }

    /// <summary>End-user AI revenue recorded at a step, USD bn (0 outside the run).</summary>
    public double AiRevenueAt(int step) => step >= 0 && step < _aiRevenue.Length ? _aiRevenue[step] : 0;

    internal void RaiseRates(double rise) => RiskFreeRate += rise;

    /// <summary>A default cuts sentiment (by 15% in the baseline).</summary>
    internal void ReactToDefault() => Sentiment = Math.Clamp(Sentiment * _s.DefaultShock, _s.Min, _s.Max);

    /// <summary>Records this month's end-user AI revenue; the sentiment rule then sets the new sentiment.</summary>
    internal void UpdateSentiment(double aiRevenueThisStep, ISentimentPolicy rule, RuleContext context)
    {
        _aiRevenue[_world.Clock.Step] = aiRevenueThisStep;
        Sentiment = rule.NextSentiment(context);
    }

    internal void Record(double tokenPrice, double aiRevenue, double cahnRequired, double strandedMw)
    {
        var m = _world.Metrics;
        m.Set(_tokenPrice, tokenPrice);
        m.Set(_gpuPrice, GpuHourPrice);
        m.Set(_sentiment, Sentiment);
        m.Set(_aiRevenueMetric, aiRevenue);
        m.Set(_cahn, cahnRequired);
        m.Set(_stranded, strandedMw);
        m.Set(_poolMetric, InvestorPool.SizeUsdBn);
        m.Set(_raisedMetric, InvestorPool.RaisedThisMonthUsdBn);
        InvestorPool.Record();
    }
}

/// <summary>The terms of new debt: its kind, the account that lends, the spread over the risk-free rate, the months to maturity.</summary>
public readonly record struct DebtTerms(LoanKind Kind, ExternalAccount Lender, double Spread, int Months);
