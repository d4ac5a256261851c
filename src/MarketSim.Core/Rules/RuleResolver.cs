using MarketSim.Core.Scenarios;

namespace MarketSim.Core.Rules;

/// <summary>
/// Builds each agent's rules from the catalogue, by the names the scenario gives: the agent's own choice (<c>Clouds:&lt;name&gt;:Policies:...</c>)
/// or, when that is empty, the scenario-wide one (<c>Policies:...</c>). Every agent gets its own rule instances.
/// </summary>
internal sealed class RuleResolver(Scenario scenario, RuleCatalog catalog)
{
    private readonly PolicyOptions _p = scenario.Policies;

    public CloudRuleSet ForCloud(CloudOptions cloud)
    {
        var own = cloud.Policies;
        var neocloud = !cloud.Hyperscaler && cloud.CaptiveLab.Length == 0;
        return new(
            Create<ICapacityPolicy>(own.Capacity, _p.Capacity),
            Create<IContractQuotePolicy>(own.ContractQuote, _p.ContractQuote),
            Create<IBorrowingPolicy>(own.Borrowing, neocloud ? _p.NeocloudBorrowing : _p.Borrowing),
            Create<IChipVendorPolicy>(own.ChipVendor, _p.ChipVendor),
            Create<IRetirementPolicy>(own.Retirement, _p.Retirement),
            Create<IWriteDownPolicy>(own.WriteDown, _p.WriteDown),
            Create<IPayoutPolicy>(own.Payout, _p.Payout));
    }

    public LabRuleSet ForLab(LabOptions lab)
    {
        var own = lab.Policies;
        return new(
            Create<IPricingPolicy>(own.Pricing, _p.Pricing),
            Create<IProcurementPolicy>(own.Procurement, _p.Procurement),
            Create<IFinancingPolicy>(own.Financing, _p.Financing),
            Create<IMarginDriftPolicy>(own.MarginDrift, _p.MarginDrift),
            Create<IParentFundingPolicy>(own.ParentFunding, _p.ParentFunding),
            Create<IPayoutPolicy>(own.Payout, _p.Payout));
    }

    public ChipmakerRuleSet ForChipmaker(ChipmakerOptions maker)
    {
        var own = maker.Policies;
        return new(
            Create<IChipPricingPolicy>(own.ChipPricing, _p.ChipPricing),
            Create<IProductionPolicy>(own.Production, _p.Production));
    }

    public MarketRuleSet ForMarket() => new(
        Create<ISpotPricePolicy>("", _p.SpotPrice),
        Create<IDemandSplitPolicy>("", _p.DemandSplit),
        Create<ISentimentPolicy>("", _p.Sentiment));

    private T Create<T>(string own, string scenarioWide) where T : class, IRule =>
        catalog.Create<T>(own.Length > 0 ? own : scenarioWide);
}
