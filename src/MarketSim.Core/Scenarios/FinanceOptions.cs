namespace MarketSim.Core.Scenarios;

public sealed record FinanceOptions
{
    [Parameter(0, 0.2, Unit = "per year", Source = "financing_cost: investment-grade all-in 5.9-6.6% less a ~2% spread")]
    public double RiskFreeRate { get; init; } = 0.043;

    [Parameter(0, 0.1, Unit = "per year", Source = "financing_cost/Meta-Blue Owl 6.58% = ~225 bp over Treasuries")]
    public double InvestmentGradeSpread { get; init; } = 0.02;

    [Parameter(0, 0.2, Unit = "per year", Source = "financing_cost/CoreWeave 7-15%, weighted ~12%")]
    public double NeocloudSpread { get; init; } = 0.07;

    [Parameter(0, 5, Unit = "-", Source = "assumption: sentiment change per unit of revenue surprise")]
    public double SentimentSensitivity { get; init; } = 1.0;

    [Parameter(0, 5, Unit = "per year", Source = "AI revenue growth investors expect; baseline 0.661: posterior weighted median of experiments/results/calibration (ABC-SMC on 2023-2024 history, capex_cash among its targets); the backtest keeps its hand fit 1.5")]
    public double ExpectedRevenueGrowth { get; init; } = 1.0;

    [Parameter(0, 10, Unit = "debt/equity", Source = "assumption: how far neoclouds and labs borrow against contracts (CoreWeave 10-Q)")]
    public double Leverage { get; init; } = 1.5;

    [Parameter(0.05, 2.5, Unit = "index", Source = "assumption: 1 = neutral; end-2024 boom ~1.2 (valuation/OpenAI, hyperscaler_debt_issuance)")]
    public double OpeningSentiment { get; init; } = 1.2;

    [Parameter(0, 50, Unit = "USD bn per GW", Source = "circular_financing_equity/Nvidia->OpenAI 2025-09 LOI: ~10 bn per GW deployed; Nvidia->Anthropic 2025-11: up to 10 bn with ~1 GW")]
    public double VendorEquityUsdBnPerGw { get; init; } = 10;

    [Parameter(0, 1000, Unit = "GW", Source = "circular_financing_equity/Nvidia->OpenAI 2025-09 LOI: up to 100 bn over 10 GW")]
    public double VendorEquityMaxGw { get; init; } = 10;

    [Parameter(0.05, 1, Unit = "share of cost", Source = "announced_deals.csv xai-spv-gpu-debt-2025-10: 12.5 bn of debt in a 20 bn GPU vehicle (~63%); assumption for neoclouds' delayed-draw facilities")]
    public double GpuLoanAdvanceRate { get; init; } = 0.65;

    [Parameter(0.1, 5, Unit = "loan/collateral", Source = "assumption: lenders call the part of a GPU-backed loan its collateral no longer covers")]
    public double GpuLoanMaxLoanToValue { get; init; } = 1;

    [Parameter(0, 2000, Unit = "USD bn per year", Source = "ai_private_capital/PitchBook 2024: 131.5 bn of venture funding went to AI companies; the pool at neutral sentiment, scaled by sentiment")]
    public double InvestorPoolUsdBnPerYear { get; init; } = 131.5;

    [Parameter(0, 100, Unit = "x revenue", Source = "valuation/OpenAI 2025-10 500 bn and valuation/Anthropic 2025-09 183 bn: ~40x revenue run-rate")]
    public double RevenueMultiple { get; init; } = 40;

    [Parameter(0, 0.6, Unit = "share of profit", Source = "US federal corporate income tax rate: 21% since 2018 (26 U.S.C. 11(b), Tax Cuts and Jobs Act of 2017)")]
    public double TaxRate { get; init; } = 0.21;

    [Parameter(0, 0.2, Unit = "per year", Source = "assumption: equity premium in the cost of capital (risk-free + premium + credit spread)")]
    public double EquityPremium { get; init; } = 0.02;

    [Parameter(0, 10, Unit = "x", Source = "assumption: neocloud spreads widen by 1.5x their level per unit of sentiment below neutral")]
    public double NeocloudSpreadSentimentSlope { get; init; } = 1.5;

    [Parameter(1, 40, Unit = "years", Source = "assumption: average maturity of hyperscaler bonds (issues of 5-40 years; financing_cost/Meta-Blue Owl notes due 2049); repaid straight-line as a ladder")]
    public double BondMaturityYears { get; init; } = 10;

    [Parameter(1, 15, Unit = "years", Source = "financing_cost/CoreWeave 2025-06-30: DDTL 2.0 matures five years after drawing (announced_deals.csv coreweave-ddtl2-2024-05)")]
    public double LoanMaturityYears { get; init; } = 5;

    [Parameter(0, 0.05, Unit = "per year per turn", Source = "assumption: investment-grade spreads widen ~0.3-0.5 points per turn of net debt/EBITDA (AA ~0.6, BBB ~1.3 points); hyperscaler_debt_issuance 2025: Oracle +48 bp")]
    public double SpreadPerTurnOfLeverage { get; init; } = 0.004;
}

/// <summary>Equity for labs: what investors will fund, and the baseline financing rule's thresholds.</summary>
public sealed record FundingOptions
{
    [Parameter(0, 1, Unit = "share of valuation", Source = "assumption: a round sells about a tenth of a lab valued at RevenueMultiple x revenue x sentiment")]
    public double RoundShareOfValuation { get; init; } = 0.1;

    [Parameter(0, 2.5, Unit = "index", Source = "assumption: no rounds below this sentiment")]
    public double MinSentimentForRounds { get; init; } = 0.3;

    [Parameter(0, 100, Unit = "USD bn per year", Source = "assumption: investors value a lab on at least this revenue")]
    public double MinRevenueForValuationUsdBn { get; init; } = 0.5;

    [Parameter(0, 60, Unit = "months", Source = "assumption: at most one round every six months")]
    public int MinMonthsBetweenRounds { get; init; } = 6;

    [Parameter(0, 120, Unit = "months of burn", Source = "assumption: a lab raises when its cash covers less than a year of burn")]
    public double RaiseBelowRunwayMonths { get; init; } = 12;

    [Parameter(0, 120, Unit = "months of burn", Source = "assumption: a round aims at two years of burn")]
    public double RoundRunwayMonths { get; init; } = 24;

    [Parameter(0, 2.5, Unit = "index", Source = "assumption: below this sentiment lenders stop lending to labs (private credit withdrew from risky borrowers in 2022)")]
    public double MinSentimentForLending { get; init; } = 0.45;

    [Parameter(0, 1, Unit = "share of funding capacity", Source = "assumption: a lab commits against half of what investors would fund")]
    public double CommitmentFundingShare { get; init; } = 0.5;

    [Parameter(0, 1, Unit = "share of cash", Source = "assumption: a lab commits a quarter of its cash")]
    public double CommitmentCashShare { get; init; } = 0.25;
}

/// <summary>Investors: what they expect of AI revenue and how sentiment moves.</summary>
public sealed record SentimentOptions
{
    [Parameter(0, 1, Unit = "per unit of surprise a month", Source = "assumption: sentiment moves a tenth of the log revenue surprise a month (times SentimentSensitivity)")]
    public double DriftPerSurprise { get; init; } = 0.1;

    [Parameter(0, 1, Unit = "share per month", Source = "assumption: sentiment reverts 2% of the way to neutral a month")]
    public double Reversion { get; init; } = 0.02;

    [Parameter(0, 10, Unit = "log growth", Source = "assumption: one month's surprise counts at most this much")]
    public double SurpriseLimit { get; init; } = 2;

    [Parameter(0, 1, Unit = "index", Source = "assumption: sentiment never falls below this")]
    public double Min { get; init; } = 0.05;

    [Parameter(1, 10, Unit = "index", Source = "assumption: sentiment never rises above this")]
    public double Max { get; init; } = 2.5;

    [Parameter(0, 1, Unit = "x", Source = "assumption: a default cuts sentiment by 15%")]
    public double DefaultShock { get; init; } = 0.85;

    [Parameter(0, 2, Unit = "per year", Source = "assumption: the growth of AI revenue investors expect in the long run")]
    public double LongRunGrowth { get; init; } = 0.2;

    [Parameter(0.1, 50, Unit = "years", Source = "assumption: expectations fade from ExpectedRevenueGrowth to the long run over about three years")]
    public double ExpectationFadeYears { get; init; } = 3;

    [Parameter(0, 10, Unit = "index", Source = "assumption: clouds' forecasts scale with sentiment up to this level")]
    public double ForecastSentimentCap { get; init; } = 1.5;
}

/// <summary>How clouds keep cash: the baseline borrowing rules' buffers and the neocloud lending limits.</summary>
public sealed record BorrowingOptions
{
    [Parameter(0, 1000, Unit = "USD bn", Source = "assumption: the cash buffer an investment-grade cloud keeps, plus BufferRevenueShare of revenue")]
    public double InvestmentGradeBufferUsdBn { get; init; } = 2;

    [Parameter(0, 1000, Unit = "USD bn", Source = "assumption: the cash buffer a neocloud keeps, plus BufferRevenueShare of revenue")]
    public double NeocloudBufferUsdBn { get; init; } = 0.5;

    [Parameter(0, 1, Unit = "x revenue", Source = "assumption: buffers grow by 5% of a year's revenue")]
    public double BufferRevenueShare { get; init; } = 0.05;

    [Parameter(1, 100, Unit = "buffers", Source = "assumption: debt is repaid once cash exceeds three buffers")]
    public double RepayAboveBuffers { get; init; } = 3;

    [Parameter(0, 100, Unit = "buffers", Source = "assumption: repayment leaves two buffers of cash")]
    public double RepayDownToBuffers { get; init; } = 2;

    [Parameter(0, 2.5, Unit = "index", Source = "assumption: lenders stop lending to neoclouds below this sentiment")]
    public double NeocloudMinSentiment { get; init; } = 0.45;

    [Parameter(0, 50, Unit = "years of revenue", Source = "assumption: a neocloud's borrowing base is its contract backlog plus three years of revenue")]
    public double BorrowingBaseRevenueYears { get; init; } = 3;

    [Parameter(0, 24, Unit = "months of inflows", Source = "assumption: the working cash a company keeps before it borrows; hyperscalers held 2-6 months of revenue at end-2024 (shareholder_payout notes)")]
    public double MinCashMonths { get; init; } = 1;

    [Parameter(0, 60, Unit = "months of inflows", Source = "shareholder_payout notes: end-2024 cash and securities were ~2 (Amazon) to ~6 (Meta) months of revenue; above this a company that generates cash returns it")]
    public double MaxCashMonths { get; init; } = 6;

    [Parameter(1, 10, Unit = "x rating limit", Source = "assumption: a fallen angel still borrows, at a spread rising with leverage, until about twice its rating limit (~6x, deep high yield)")]
    public double DistressLeverageMultiple { get; init; } = 2;
}
