namespace MarketSim.Core.Policies;

/// <summary>How a cloud decides how many MW to build and how many accelerators to order.</summary>
public interface ICapacityPolicy { }

/// <summary>How a lab sets its token price.</summary>
public interface IPricingPolicy { }

/// <summary>How a lab buys compute from clouds.</summary>
public interface IProcurementPolicy { }

/// <summary>How a lab or neocloud raises money.</summary>
public interface IFinancingPolicy { }
