using MarketSim.Core.Rules;

namespace MarketSim.Core.Scenarios;

/// <summary>
/// A cloud's own choice of rules (<c>Clouds:&lt;name&gt;:Policies:Capacity=ContractBackedCapacity</c>); an empty name
/// means the scenario-wide choice under <c>Policies</c>.
/// </summary>
public sealed record CloudPolicyOptions
{
    [PolicyName(typeof(ICapacityPolicy), Fallback = nameof(PolicyOptions.Capacity))]
    [Parameter(Unit = "rule name", Source = PolicyOptions.AgentSource)]
    public string Capacity { get; init; } = "";

    [PolicyName(typeof(IContractQuotePolicy), Fallback = nameof(PolicyOptions.ContractQuote))]
    [Parameter(Unit = "rule name", Source = PolicyOptions.AgentSource)]
    public string ContractQuote { get; init; } = "";

    /// <summary>Falls back to <c>Policies:Borrowing</c>, or <c>Policies:NeocloudBorrowing</c> for a neocloud.</summary>
    [PolicyName(typeof(IBorrowingPolicy), Fallback = nameof(PolicyOptions.Borrowing))]
    [Parameter(Unit = "rule name", Source = PolicyOptions.AgentSource)]
    public string Borrowing { get; init; } = "";

    [PolicyName(typeof(IChipVendorPolicy), Fallback = nameof(PolicyOptions.ChipVendor))]
    [Parameter(Unit = "rule name", Source = PolicyOptions.AgentSource)]
    public string ChipVendor { get; init; } = "";

    [PolicyName(typeof(IRetirementPolicy), Fallback = nameof(PolicyOptions.Retirement))]
    [Parameter(Unit = "rule name", Source = PolicyOptions.AgentSource)]
    public string Retirement { get; init; } = "";

    [PolicyName(typeof(IWriteDownPolicy), Fallback = nameof(PolicyOptions.WriteDown))]
    [Parameter(Unit = "rule name", Source = PolicyOptions.AgentSource)]
    public string WriteDown { get; init; } = "";

    [PolicyName(typeof(IPayoutPolicy), Fallback = nameof(PolicyOptions.Payout))]
    [Parameter(Unit = "rule name", Source = PolicyOptions.AgentSource)]
    public string Payout { get; init; } = "";
}

/// <summary>A lab's own choice of rules (<c>Labs:&lt;name&gt;:Policies:Pricing=...</c>); empty means scenario-wide.</summary>
public sealed record LabPolicyOptions
{
    [PolicyName(typeof(IPricingPolicy), Fallback = nameof(PolicyOptions.Pricing))]
    [Parameter(Unit = "rule name", Source = PolicyOptions.AgentSource)]
    public string Pricing { get; init; } = "";

    [PolicyName(typeof(IProcurementPolicy), Fallback = nameof(PolicyOptions.Procurement))]
    [Parameter(Unit = "rule name", Source = PolicyOptions.AgentSource)]
    public string Procurement { get; init; } = "";

    [PolicyName(typeof(IFinancingPolicy), Fallback = nameof(PolicyOptions.Financing))]
    [Parameter(Unit = "rule name", Source = PolicyOptions.AgentSource)]
    public string Financing { get; init; } = "";

    [PolicyName(typeof(IMarginDriftPolicy), Fallback = nameof(PolicyOptions.MarginDrift))]
    [Parameter(Unit = "rule name", Source = PolicyOptions.AgentSource)]
    public string MarginDrift { get; init; } = "";

    [PolicyName(typeof(IParentFundingPolicy), Fallback = nameof(PolicyOptions.ParentFunding))]
    [Parameter(Unit = "rule name", Source = PolicyOptions.AgentSource)]
    public string ParentFunding { get; init; } = "";

    [PolicyName(typeof(IPayoutPolicy), Fallback = nameof(PolicyOptions.Payout))]
    [Parameter(Unit = "rule name", Source = PolicyOptions.AgentSource)]
    public string Payout { get; init; } = "";
}

/// <summary>A chipmaker's own choice of rules (<c>Chipmakers:&lt;name&gt;:Policies:ChipPricing=...</c>); empty means scenario-wide.</summary>
public sealed record ChipmakerPolicyOptions
{
    [PolicyName(typeof(IChipPricingPolicy), Fallback = nameof(PolicyOptions.ChipPricing))]
    [Parameter(Unit = "rule name", Source = PolicyOptions.AgentSource)]
    public string ChipPricing { get; init; } = "";

    [PolicyName(typeof(IProductionPolicy), Fallback = nameof(PolicyOptions.Production))]
    [Parameter(Unit = "rule name", Source = PolicyOptions.AgentSource)]
    public string Production { get; init; } = "";
}
