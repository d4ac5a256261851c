namespace MarketSim.Core.Rules;

/// <summary>The rules that ship with the code, registered under their class names.</summary>
internal static class BuiltInRules
{
    public static RuleCatalog Catalog() => RuleCatalog.Empty
        .Add<ICapacityPolicy, ForecastCapacity>()
        .Add<ICapacityPolicy, ContractBackedCapacity>()
        .Add<IContractQuotePolicy, ExpectedRentQuote>()
        .Add<IContractQuotePolicy, FullCostQuote>()
        .Add<IBorrowingPolicy, CashBuffer>()
        .Add<IBorrowingPolicy, LeveragedBorrowing>()
        .Add<IBorrowingPolicy, RatingLimitBorrowing>()
        .Add<IPayoutPolicy, FreeCashFlowPayout>()
        .Add<IChipVendorPolicy, PreferredVendors>()
        .Add<IRetirementPolicy, CashCostRetirement>()
        .Add<IRetirementPolicy, FixedLifeRetirement>()
        .Add<IWriteDownPolicy, ValueInUse>()
        .Add<IPricingPolicy, CostPlusPricing>()
        .Add<IPricingPolicy, PriceWarPricing>()
        .Add<IProcurementPolicy, MultiCloudProcurement>()
        .Add<IFinancingPolicy, SentimentFinancing>()
        .Add<IMarginDriftPolicy, MaturingMargin>()
        .Add<IParentFundingPolicy, ParentTopUp>()
        .Add<IChipPricingPolicy, BacklogScarcityPricing>()
        .Add<IProductionPolicy, OrderBookProduction>()
        .Add<ISpotPricePolicy, ClearingRent>()
        .Add<ISpotPricePolicy, CostPlusRent>()
        .Add<IDemandSplitPolicy, LogitDemandSplit>()
        .Add<ISentimentPolicy, RevenueSurpriseSentiment>();

    private static RuleCatalog Add<TKind, TRule>(this RuleCatalog catalog) where TKind : class, IRule where TRule : TKind, new() =>
        catalog.With<TKind>(typeof(TRule).Name, () => new TRule());
}
