namespace MarketSim.Core.Rules;

internal static class BuiltInPolicies
{
    public static void RegisterAll()
    {
        Register<ICapacityPolicy, ForecastCapacity>();
        Register<ICapacityPolicy, ContractBackedCapacity>();
        Register<IContractQuotePolicy, FullCostQuote>();
        Register<IBorrowingPolicy, CashBuffer>();
        Register<IBorrowingPolicy, LeveragedBorrowing>();
        Register<IChipVendorPolicy, PreferredVendors>();
        Register<IRetirementPolicy, EconomicLife>();
        Register<IWriteDownPolicy, ValueInUse>();
        Register<IPricingPolicy, CostPlusPricing>();
        Register<IPricingPolicy, PriceWarPricing>();
        Register<IProcurementPolicy, MultiCloudProcurement>();
        Register<IFinancingPolicy, SentimentFinancing>();
        Register<IMarginDriftPolicy, MaturingMargin>();
        Register<IParentFundingPolicy, ParentTopUp>();
        Register<IChipPricingPolicy, BacklogScarcityPricing>();
        Register<IProductionPolicy, OrderBookProduction>();
        Register<ISpotPricePolicy, ScarcitySpotPrice>();
        Register<IDemandSplitPolicy, LogitDemandSplit>();
        Register<ISentimentPolicy, RevenueSurpriseSentiment>();
    }

    private static void Register<TPolicy, TRule>() where TPolicy : class where TRule : TPolicy, new() =>
        PolicyCatalog.Register<TPolicy>(typeof(TRule).Name, () => new TRule());
}
