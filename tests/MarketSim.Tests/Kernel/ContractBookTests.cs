using MarketSim.Core;
using MarketSim.Core.Agents;
using MarketSim.Core.Engine;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

/// <summary>
/// Labs and clouds keep their contracted volume totalled by month; every total must be the walk over their contracts
/// that it replaces, to the bit, or the outputs would change.
/// </summary>
public class ContractBookTests
{
    private static double Walk(IReadOnlyList<ComputeContract> contracts, int step)
    {
        double sum = 0;
        for (var i = 0; i < contracts.Count; i++) sum += contracts[i].VolumeAt(step);
        return sum;
    }

    private static double WalkValue(IReadOnlyList<ComputeContract> contracts, int step)
    {
        double sum = 0;
        for (var i = 0; i < contracts.Count; i++) sum += contracts[i].VolumeAt(step) * contracts[i].PricePerH100eHour;
        return sum;
    }

    private static void AssertSameBits(double expected, double actual, string what) =>
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            $"{what}: expected {expected:R}, got {actual:R}");

    private static void AssertTotalsAreWalks(World world)
    {
        var now = world.Clock.Step;
        for (var s = now - 3; s <= now + 90; s++)
        {
            foreach (var lab in world.Labs)
                AssertSameBits(Walk(lab.Contracts, s), lab.ContractedH100eAt(s), $"{lab.Name} at step {s} (now {now})");
            foreach (var cloud in world.Clouds)
                AssertSameBits(Walk(cloud.Contracts, s), cloud.ContractedH100eAt(s), $"{cloud.Name} at step {s} (now {now})");
        }
        foreach (var lab in world.Labs)
        {
            var volume = Walk(lab.Contracts, now);
            if (volume > 0)
                AssertSameBits(WalkValue(lab.Contracts, now) / volume, lab.AverageComputePricePerHour(), $"{lab.Name}'s price");
        }
    }

    // A book skips its monthly pruning until a contract is broken or the earliest one ends; whatever it skips, no
    // contract over at the start of a month may still be held at its end (contracts broken during the month may).
    // The clock has moved on when StepOnce returns: the month just run is now - 1.
    private static HashSet<ComputeContract> AssertPruned(World world, HashSet<ComputeContract> brokenByLastMonth)
    {
        var now = world.Clock.Step;
        var held = world.Labs.SelectMany(l => l.Contracts).Concat(world.Clouds.SelectMany(c => c.Contracts)).ToList();
        foreach (var contract in held)
            Assert.False(contract.EndStep < now || brokenByLastMonth.Contains(contract),
                $"a contract ending at step {contract.EndStep} (broken: {contract.Broken}) is still held at step {now}");
        return held.Where(c => c.Broken).ToHashSet();
    }

    [Fact]
    public void Contracted_totals_are_the_walk_of_the_contracts_through_signing_ramps_ends_and_defaults()
    {
        // A deep shortfall on high leverage breaks labs and clouds by itself; one lab and one cloud are also made to
        // default mid-run, and the totals are checked in the same month, before anything else asks for them.
        var scenario = ScenarioLoader.Load(null, ["Finance:Leverage=4", "Shocks:DemandShortfall:Enabled=true",
            "Shocks:DemandShortfall:Fraction=0.9", "Shocks:DemandShortfall:Date=2027-06"]);
        var sim = Simulation.Create(scenario, 1);
        var world = sim.World;
        AssertTotalsAreWalks(world);
        var broken = 0;
        var brokenByLastMonth = new HashSet<ComputeContract>();
        while (sim.StepOnce())
        {
            if (world.Clock.Step == 30)
            {
                var lab = world.Labs.First(l => !l.IsDefaulted && !l.Options.ParentFunded && l.Contracts.Count > 0);
                var cloud = world.Clouds.First(c => !c.IsDefaulted && c.IsNeocloud && c.Contracts.Count > 0);
                lab.Default("TestDefault");
                cloud.Default("TestDefault");
            }
            AssertTotalsAreWalks(world);
            brokenByLastMonth = AssertPruned(world, brokenByLastMonth);
            broken = world.Labs.Count(l => l.IsDefaulted) + world.Clouds.Count(c => c.IsDefaulted);
        }
        Assert.True(broken >= 2);
    }
}
