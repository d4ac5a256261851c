namespace MarketSim.Core.Scenarios;

/// <summary>The decision rule of each kind, by name, for every agent that does not name its own.</summary>
public sealed record PolicyOptions
{
    internal const string Source = "model design: the baseline rule; MODEL.md (Rules) names each rule's file and the alternatives";
    internal const string AgentSource = "model design: empty uses the scenario-wide rule under Policies";

    [PolicyName(typeof(Rules.ICapacityPolicy))]
    [Parameter(Unit = "rule name", Source = Source)]
    public string Capacity { get; init; } = "ForecastCapacity";

    [PolicyName(typeof(Rules.IPricingPolicy))]
    [Parameter(Unit = "rule name", Source = Source)]
    public string Pricing { get; init; } = "CostPlusPricing";

    [PolicyName(typeof(Rules.IProcurementPolicy))]
    [Parameter(Unit = "rule name", Source = Source)]
    public string Procurement { get; init; } = "MultiCloudProcurement";

    [PolicyName(typeof(Rules.IFinancingPolicy))]
    [Parameter(Unit = "rule name", Source = Source)]
    public string Financing { get; init; } = "SentimentFinancing";

    [PolicyName(typeof(Rules.IContractQuotePolicy))]
    [Parameter(Unit = "rule name", Source = Source)]
    public string ContractQuote { get; init; } = "ExpectedRentQuote";

    /// <summary>How hyperscalers and captive builders borrow.</summary>
    [PolicyName(typeof(Rules.IBorrowingPolicy))]
    [Parameter(Unit = "rule name", Source = Source)]
    public string Borrowing { get; init; } = "RatingLimitBorrowing";

    /// <summary>How neoclouds (clouds neither hyperscaler nor captive) borrow.</summary>
    [PolicyName(typeof(Rules.IBorrowingPolicy))]
    [Parameter(Unit = "rule name", Source = Source)]
    public string NeocloudBorrowing { get; init; } = "LeveragedBorrowing";

    [PolicyName(typeof(Rules.IChipVendorPolicy))]
    [Parameter(Unit = "rule name", Source = Source)]
    public string ChipVendor { get; init; } = "PreferredVendors";

    [PolicyName(typeof(Rules.IRetirementPolicy))]
    [Parameter(Unit = "rule name", Source = Source)]
    public string Retirement { get; init; } = "CashCostRetirement";

    [PolicyName(typeof(Rules.IWriteDownPolicy))]
    [Parameter(Unit = "rule name", Source = Source)]
    public string WriteDown { get; init; } = "ValueInUse";

    [PolicyName(typeof(Rules.IMarginDriftPolicy))]
    [Parameter(Unit = "rule name", Source = Source)]
    public string MarginDrift { get; init; } = "MaturingMargin";

    /// <summary>How clouds and labs pay their owners.</summary>
    [PolicyName(typeof(Rules.IPayoutPolicy))]
    [Parameter(Unit = "rule name", Source = Source)]
    public string Payout { get; init; } = "FreeCashFlowPayout";

    [PolicyName(typeof(Rules.IParentFundingPolicy))]
    [Parameter(Unit = "rule name", Source = Source)]
    public string ParentFunding { get; init; } = "ParentTopUp";

    [PolicyName(typeof(Rules.IChipPricingPolicy))]
    [Parameter(Unit = "rule name", Source = Source)]
    public string ChipPricing { get; init; } = "BacklogScarcityPricing";

    [PolicyName(typeof(Rules.IProductionPolicy))]
    [Parameter(Unit = "rule name", Source = Source)]
    public string Production { get; init; } = "OrderBookProduction";

    [PolicyName(typeof(Rules.ISpotPricePolicy))]
    [Parameter(Unit = "rule name", Source = Source)]
    public string SpotPrice { get; init; } = "ClearingRent";

    [PolicyName(typeof(Rules.IDemandSplitPolicy))]
    [Parameter(Unit = "rule name", Source = Source)]
    public string DemandSplit { get; init; } = "LogitDemandSplit";

    [PolicyName(typeof(Rules.ISentimentPolicy))]
    [Parameter(Unit = "rule name", Source = Source)]
    public string Sentiment { get; init; } = "RevenueSurpriseSentiment";
}
