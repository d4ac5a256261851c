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
/// The baseline production plan: capacity (with what is already being added) grows towards <c>IntakeBuffer</c> x the
/// recent average order intake (or the output chip-supply deals reserve by then, if more) plus the backlog spread
/// over <c>BacklogClearMonths</c> (the maker's own parameters).
/// </summary>
public sealed class OrderBookProduction : IProductionPolicy
{
    public double CapacityToAdd(Chipmaker maker, RuleContext context) =>
        maker.Options.IntakeBuffer * Math.Max(maker.IntakeAverageH100e, maker.ReservedH100ePerMonth) + maker.BacklogH100e / maker.Options.BacklogClearMonths
        - maker.PlannedCapacityH100ePerMonth;
}
