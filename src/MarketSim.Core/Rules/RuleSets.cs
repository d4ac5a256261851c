namespace MarketSim.Core.Rules;

/// <summary>The decision rules one cloud uses.</summary>
public sealed record CloudRuleSet(
    ICapacityPolicy Capacity,
    IContractQuotePolicy ContractQuote,
    IBorrowingPolicy Borrowing,
    IChipVendorPolicy ChipVendor,
    IRetirementPolicy Retirement,
    IWriteDownPolicy WriteDown,
    IPayoutPolicy Payout);

/// <summary>The decision rules one lab uses.</summary>
public sealed record LabRuleSet(
    IPricingPolicy Pricing,
    IProcurementPolicy Procurement,
    IFinancingPolicy Financing,
    IMarginDriftPolicy MarginDrift,
    IParentFundingPolicy ParentFunding,
    IPayoutPolicy Payout);

/// <summary>The decision rules one chipmaker uses.</summary>
public sealed record ChipmakerRuleSet(IChipPricingPolicy Pricing, IProductionPolicy Production);

/// <summary>The scenario-wide rules of the market.</summary>
public sealed record MarketRuleSet(ISpotPricePolicy SpotPrice, IDemandSplitPolicy DemandSplit, ISentimentPolicy Sentiment);
