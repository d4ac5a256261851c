using MarketSim.Core.Agents;
using MarketSim.Core.Engine;

namespace MarketSim.Core.Market;

/// <summary>
/// End users spend what the demand population decides; a share rents compute from clouds directly, the rest goes to
/// labs in proportion to the weights the demand split rule gives them.
/// </summary>
internal sealed class DemandAllocation(World world)
{
    private double _openingTokenPrice;
    // The labs still in business this month, refilled every month.
    private readonly List<Lab> _active = [];

    /// <summary>Sets each lab's demanded spend for the month; returns the spend that rents compute directly, USD bn.</summary>
    public double Allocate()
    {
        var labs = world.Labs;
        if (_openingTokenPrice <= 0) _openingTokenPrice = Math.Max(AverageTokenPrice(labs), 1e-9);
        var active = _active;
        active.Clear();
        for (var i = 0; i < labs.Count; i++)
        {
            labs[i].SpendDemanded = 0;
            if (!labs[i].IsDefaulted) active.Add(labs[i]);
        }
        if (active.Count == 0) return 0;
        var frontier = Frontier(active);
        var average = Math.Max(world.Market.TokenPrice, 1e-9);
        var priceIndex = average / _openingTokenPrice;
        var spend = world.Demand.Step(frontier, priceIndex, world.Clock.YearsSinceStart);
        var direct = spend * world.Scenario.Demand.DirectComputeShare;
        var toLabs = spend - direct;
        Span<double> weight = stackalloc double[active.Count];
        world.MarketRules.DemandSplit.Weigh(active, frontier, average, weight, world.Context);
        double total = 0;
        foreach (var w in weight) total += w;
        for (var i = 0; i < active.Count; i++) active[i].SpendDemanded = total > 0 ? toLabs * weight[i] / total : 0;
        return direct;
    }

    /// <summary>The highest capability, NaN ignored unless all are NaN (as Enumerable.Max reads doubles).</summary>
    private static double Frontier(List<Lab> labs)
    {
        var i = 0;
        var frontier = labs[i].Capability;
        while (double.IsNaN(frontier) && ++i < labs.Count) frontier = labs[i].Capability;
        for (i++; i < labs.Count; i++)
            if (labs[i].Capability > frontier) frontier = labs[i].Capability;
        return frontier;
    }

    /// <summary>Token price across labs weighted by tokens served (by demand before anything is served).</summary>
    public static double AverageTokenPrice(IReadOnlyList<Lab> labs)
    {
        double weight = 0, value = 0;
        foreach (var lab in labs)
        {
            if (lab.IsDefaulted) continue;
            var w = Math.Max(lab.TokensServed, 1e-9) * Math.Max(lab.Options.Brand, 1e-9);
            weight += w;
            value += w * lab.TokenPrice;
        }
        return weight > 0 ? value / weight : 0;
    }
}
