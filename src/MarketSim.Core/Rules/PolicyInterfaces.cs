using MarketSim.Core.Agents;
using MarketSim.Core.Market;

namespace MarketSim.Core.Rules;

/// <summary>How a cloud decides how many MW to build and how many accelerators to order this month.</summary>
public interface ICapacityPolicy
{
    /// <summary>The rule's name in the scenario and in events; the class name unless overridden.</summary>
    string Name => GetType().Name;
    CapacityPlan PlanCapacity(Cloud cloud, CapitalMarket market);
}

/// <param name="ShellMw">MW of new data-center shells to start (the grid may connect less).</param>
/// <param name="ChipsH100e">Accelerators to order now, in H100-equivalents.</param>
public readonly record struct CapacityPlan(double ShellMw, double ChipsH100e);

/// <summary>How a lab sets its token price, USD per million tokens.</summary>
public interface IPricingPolicy
{
    string Name => GetType().Name;
    double SetTokenPrice(Lab lab, CapitalMarket market);
}

/// <summary>How a lab buys compute: which clouds, how much, for how long.</summary>
public interface IProcurementPolicy
{
    string Name => GetType().Name;
    IReadOnlyList<ContractRequest> SignContracts(Lab lab, IReadOnlyList<Cloud> clouds, CapitalMarket market);
}

/// <param name="StartInMonths">Months from now until the contract's first month.</param>
public readonly record struct ContractRequest(Cloud Cloud, double VolumeH100e, int StartInMonths, int Months);

/// <summary>How a lab raises equity when its cash runs low.</summary>
public interface IFinancingPolicy
{
    string Name => GetType().Name;
    FundingDecision RaiseFunding(Lab lab, CapitalMarket market, double monthlyBurnUsdBn);
}

public readonly record struct FundingDecision(double AmountUsdBn);
