namespace MarketSim.Core.Scenarios;

public sealed record ClockOptions
{
    /// <summary>First simulated month; the agents' state is the state at the end of the month before.</summary>
    public YearMonth Start { get; init; } = new(2025, 1);
    public YearMonth End { get; init; } = new(2035, 12);
}

public sealed record DemandOptions
{
    [Parameter(0.05, 4, Unit = "-", Source = "assumption: Jevons debate (jevons_claim/Microsoft); swept 0.3-2.5")]
    public double PriceElasticity { get; init; } = 0.9;

    [Parameter(0.1, 5, Unit = "x", Source = "multiplier on Bass p and q; 1 = fitted to 2023-2024 lab revenue (ai_revenue_openai)")]
    public double AdoptionSpeed { get; init; } = 1.0;

    [Parameter(1000, 200000, Unit = "buyers", Source = "model resolution")]
    public int Buyers { get; init; } = 12000;

    [Parameter(0, 1, Unit = "per year", Source = "assumption: growth of value per token as capability rises")]
    public double ValueGrowthPerYear { get; init; } = 0.35;

    [Parameter(0, 5, Unit = "-", Source = "assumption: demand response to a tenfold capability gain")]
    public double CapabilityElasticity { get; init; } = 0.4;

    [Parameter(0, 2000, Unit = "USD bn per year", Source = "assumption: end-user AI spend at full adoption at 2025 prices and capability, about 5x the opening spend")]
    public double AddressableSpendUsdBn { get; init; } = 120;

    [Parameter(0, 1000, Unit = "USD bn per year", Source = "ai_revenue_openai_arr 2024 6, ai_revenue_anthropic_arr 2025-01 1, ai_revenue_runrate/Microsoft 2025-01 13, plus Google and AWS AI services: ~25 at the end of 2024")]
    public double InitialSpendUsdBn { get; init; } = 25;

    [Parameter(0, 0.5, Unit = "per year", Source = "assumption: growth of the addressable pool")]
    public double AddressableGrowthPerYear { get; init; } = 0.12;

    [Parameter(0, 1, Unit = "share", Source = "assumption: share of end-user spend that rents GPUs from clouds directly")]
    public double DirectComputeShare { get; init; } = 0.45;
}

public sealed record TrendOptions
{
    [Parameter(2, 48, Unit = "months", Source = "algorithmic_efficiency/Epoch AI 2012-2023: 8 months (95% CI 5-14)")]
    public double AlgorithmicHalvingMonths { get; init; } = 8;

    [Parameter(0, 0.5, Unit = "OOM per year", Source = "hardware_price_performance/ML GPUs: 0.14 OOM per year")]
    public double HardwareOomPerYear { get; init; } = 0.14;

    [Parameter(0, 1, Unit = "share", Source = "assumption: share of algorithmic gains that lower compute per token (the rest raise capability)")]
    public double InferenceEfficiencyShare { get; init; } = 0.5;
}

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

    [Parameter(0, 5, Unit = "per year", Source = "assumption: AI revenue growth investors expect (OpenAI ~3x per year 2023-2024, openai_compute_capacity)")]
    public double ExpectedRevenueGrowth { get; init; } = 1.0;

    [Parameter(0, 10, Unit = "debt/equity", Source = "assumption: how far neoclouds and labs borrow against contracts (CoreWeave 10-Q)")]
    public double Leverage { get; init; } = 1.5;

    [Parameter(0.05, 2.5, Unit = "index", Source = "assumption: 1 = neutral; end-2024 boom ~1.2 (valuation/OpenAI, hyperscaler_debt_issuance)")]
    public double OpeningSentiment { get; init; } = 1.2;

    [Parameter(0, 1, Unit = "share", Source = "circular_financing_equity: chipmakers reinvest a share of lab revenue in lab equity")]
    public double CircularFinancingShare { get; init; } = 0.05;

    [Parameter(0, 100, Unit = "x revenue", Source = "valuation/OpenAI 2025-10 500 bn and valuation/Anthropic 2025-09 183 bn: ~40x revenue run-rate")]
    public double RevenueMultiple { get; init; } = 40;
}

public sealed record HardwareOptions
{
    [Parameter(1, 12, Unit = "years", Source = "gpu_economic_life_claim 1-3 years; depreciation_understatement_claim (Burry 2-3); accounting 5-6")]
    public double EconomicLifeYears { get; init; } = 5;

    [Parameter(1, 12, Unit = "years", Source = "depreciation_life_servers: Microsoft 6, Alphabet 6, Meta 5.5, Amazon 5, CoreWeave 6")]
    public double DepreciationLifeYears { get; init; } = 5.5;

    [Parameter(1, 2, Unit = "PUE", Source = "pue/Hyperscaler AI DC 2024: 1.1")]
    public double Pue { get; init; } = 1.1;

    [Parameter(0.1, 20, Unit = "USD per H100e-hour", Source = "gpu_rental_price: H100 3.29-3.49 list (Lambda 2024-01/2025-02), market index below 2 in late 2024")]
    public double OpeningGpuHourPrice { get; init; } = 2.6;

    [Parameter(0, 300, Unit = "USD per MWh", Source = "assumption: US industrial power")]
    public double PowerPriceUsdPerMwh { get; init; } = 80;
}

public sealed record PowerOptions
{
    [Parameter(6, 72, Unit = "months", Source = "dc_build_time/US (Huang) 3 years; dc_project_cost/Stargate Abilene ~2 years")]
    public int ShellBuildMonths { get; init; } = 24;

    [Parameter(0, 96, Unit = "months", Source = "grid_connection_wait/Dominion 4-7 years for >100 MW; applies to the share of builds needing new grid")]
    public int GridWaitMonths { get; init; } = 24;

    [Parameter(0, 100000, Unit = "MW per year", Source = "us_dc_electricity/LBNL: 74-132 GW by 2028 implies ~10-20 GW added a year")]
    public double RegionalAdditionsMwPerYear { get; init; } = 15000;

    [Parameter(0, 100, Unit = "USD m per MW", Source = "dc_build_cost_per_mw/Cushman & Wakefield 2025: 11.7")]
    public double ShellCostUsdMPerMw { get; init; } = 11.7;
}

public sealed record ProcurementOptions
{
    [Parameter(0.1, 1, Unit = "share", Source = "compute_commitment_usd: OpenAI spread across Microsoft, Oracle, AWS, CoreWeave in 2025")]
    public double MultiCloudCap { get; init; } = 0.6;

    [Parameter(12, 120, Unit = "months", Source = "compute_commitment_usd/OpenAI-AWS 7 years; OpenAI-Oracle ~5; CoreWeave 5")]
    public int ContractMonths { get; init; } = 60;

    [Parameter(0, 0.9, Unit = "share", Source = "cloud_commit_discount 3-year: 0.49-0.64 vs on-demand")]
    public double ContractDiscount { get; init; } = 0.3;
}

public sealed record DealOptions
{
    /// <summary>Inject the 2025 announced compute deals (compute_commitment_*) at their dates.</summary>
    public bool AnnouncedPreset { get; init; } = false;
}

/// <summary>The decision rule of each kind, by name, for every agent that does not name its own.</summary>
public sealed record PolicyOptions
{
    [PolicyName(typeof(Rules.ICapacityPolicy))]
    public string Capacity { get; init; } = "ForecastCapacity";

    [PolicyName(typeof(Rules.IPricingPolicy))]
    public string Pricing { get; init; } = "CostPlusPricing";

    [PolicyName(typeof(Rules.IProcurementPolicy))]
    public string Procurement { get; init; } = "MultiCloudProcurement";

    [PolicyName(typeof(Rules.IFinancingPolicy))]
    public string Financing { get; init; } = "SentimentFinancing";

    [PolicyName(typeof(Rules.IContractQuotePolicy))]
    public string ContractQuote { get; init; } = "FullCostQuote";

    /// <summary>How hyperscalers and captive builders borrow.</summary>
    [PolicyName(typeof(Rules.IBorrowingPolicy))]
    public string Borrowing { get; init; } = "CashBuffer";

    /// <summary>How neoclouds (clouds neither hyperscaler nor captive) borrow.</summary>
    [PolicyName(typeof(Rules.IBorrowingPolicy))]
    public string NeocloudBorrowing { get; init; } = "LeveragedBorrowing";

    [PolicyName(typeof(Rules.IChipVendorPolicy))]
    public string ChipVendor { get; init; } = "PreferredVendors";

    [PolicyName(typeof(Rules.IRetirementPolicy))]
    public string Retirement { get; init; } = "EconomicLife";

    [PolicyName(typeof(Rules.IWriteDownPolicy))]
    public string WriteDown { get; init; } = "ValueInUse";

    [PolicyName(typeof(Rules.IMarginDriftPolicy))]
    public string MarginDrift { get; init; } = "MaturingMargin";

    [PolicyName(typeof(Rules.IParentFundingPolicy))]
    public string ParentFunding { get; init; } = "ParentTopUp";

    [PolicyName(typeof(Rules.IChipPricingPolicy))]
    public string ChipPricing { get; init; } = "BacklogScarcityPricing";

    [PolicyName(typeof(Rules.IProductionPolicy))]
    public string Production { get; init; } = "OrderBookProduction";

    [PolicyName(typeof(Rules.ISpotPricePolicy))]
    public string SpotPrice { get; init; } = "ScarcitySpotPrice";

    [PolicyName(typeof(Rules.IDemandSplitPolicy))]
    public string DemandSplit { get; init; } = "LogitDemandSplit";

    [PolicyName(typeof(Rules.ISentimentPolicy))]
    public string Sentiment { get; init; } = "RevenueSurpriseSentiment";
}

public sealed record AnalysisOptions
{
    [Parameter(0, 1000, Unit = "USD bn per year", Source = "revenue_gap_required_revenue/Sequoia: 2 x 2 on chipmakers' data-center run-rate; 0 = use the simulated run-rate")]
    public double CahnRunRateOverrideUsdBn { get; init; } = 0;

    [Parameter(0.05, 1, Unit = "share", Source = "revenue_gap_required_revenue/Sequoia: GPUs ~half of data-center cost")]
    public double CahnChipShareOfCost { get; init; } = 0.5;

    [Parameter(0, 0.95, Unit = "share", Source = "revenue_gap_required_revenue/Sequoia: 50% gross margin for the end user")]
    public double CahnEndUserGrossMargin { get; init; } = 0.5;
}
