using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Rules;

/// <summary>Builds each agent's rules from the names the scenario gives (<c>Policies:...</c>).</summary>
internal sealed class RuleResolver(Scenario scenario)
{
    private readonly PolicyOptions _p = scenario.Policies;

    public CloudRuleSet ForCloud(CloudOptions cloud) => new(
        Create<ICapacityPolicy>(_p.Capacity),
        Create<IContractQuotePolicy>(_p.ContractQuote),
        Create<IBorrowingPolicy>(IsNeocloud(cloud) ? _p.NeocloudBorrowing : _p.Borrowing),
        Create<IChipVendorPolicy>(_p.ChipVendor),
        Create<IRetirementPolicy>(_p.Retirement),
        Create<IWriteDownPolicy>(_p.WriteDown));

    public LabRuleSet ForLab(LabOptions lab) => new(
        Create<IPricingPolicy>(_p.Pricing),
        Create<IProcurementPolicy>(_p.Procurement),
        Create<IFinancingPolicy>(_p.Financing),
        Create<IMarginDriftPolicy>(_p.MarginDrift),
        Create<IParentFundingPolicy>(_p.ParentFunding));

    public ChipmakerRuleSet ForChipmaker(ChipmakerOptions maker) => new(
        Create<IChipPricingPolicy>(_p.ChipPricing),
        Create<IProductionPolicy>(_p.Production));

    public MarketRuleSet ForMarket() => new(
        Create<ISpotPricePolicy>(_p.SpotPrice),
        Create<IDemandSplitPolicy>(_p.DemandSplit),
        Create<ISentimentPolicy>(_p.Sentiment));

    private static bool IsNeocloud(CloudOptions cloud) => !cloud.Hyperscaler && cloud.CaptiveLab.Length == 0;

    private static T Create<T>(string name) where T : class => PolicyCatalog.Create<T>(name);
}
