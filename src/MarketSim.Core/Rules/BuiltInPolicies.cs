namespace MarketSim.Core.Rules;

internal static class BuiltInPolicies
{
    public static void RegisterAll()
    {
        PolicyCatalog.Register<ICapacityPolicy>(nameof(ForecastCapacity), () => new ForecastCapacity());
        PolicyCatalog.Register<ICapacityPolicy>(nameof(ContractBackedCapacity), () => new ContractBackedCapacity());
        PolicyCatalog.Register<IPricingPolicy>(nameof(CostPlusPricing), () => new CostPlusPricing());
        PolicyCatalog.Register<IPricingPolicy>(nameof(PriceWarPricing), () => new PriceWarPricing());
        PolicyCatalog.Register<IProcurementPolicy>(nameof(MultiCloudProcurement), () => new MultiCloudProcurement());
        PolicyCatalog.Register<IFinancingPolicy>(nameof(SentimentFinancing), () => new SentimentFinancing());
    }
}
