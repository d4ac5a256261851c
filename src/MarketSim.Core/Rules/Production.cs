using MarketSim.Core.Agents;

namespace MarketSim.Core.Rules;

/// <summary>
/// How much monthly production capacity a chipmaker wants to add now (H100e per month, ready after its lead time).
/// The maker adds at most what its capacity growth allows.
/// </summary>
public interface IProductionPolicy : IRule
{
    double CapacityToAdd(Chipmaker maker, RuleContext context);
}

/// <summary>
/// The baseline production plan: capacity (with what is already being added) grows towards 1.1 x the recent average
/// order intake plus a 24th of the backlog.
/// </summary>
public sealed class OrderBookProduction : IProductionPolicy
{
    public double CapacityToAdd(Chipmaker maker, RuleContext context) =>
        1.1 * maker.IntakeAverageH100e + maker.BacklogH100e / 24 - maker.PlannedCapacityH100ePerMonth;
}
