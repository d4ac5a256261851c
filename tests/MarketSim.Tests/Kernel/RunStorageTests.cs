using MarketSim.Core;
using MarketSim.Core.Agents;
using MarketSim.Core.Engine;
using MarketSim.Core.Market;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

/// <summary>
/// The run storage keeps a store of vintages per cloud and of contracts per lab, so that what the month walks for one
/// owner was made together: the n-th vintage a cloud asks for is the n-th that cloud had before, whatever other clouds
/// asked for in between, and no object passes from one owner to another.
/// </summary>
public class RunStorageTests
{
    private static readonly Generation Chip = FreshThread.Chip;

    [Fact]
    public void Each_cloud_gets_back_its_own_vintages_in_order_whatever_the_others_asked_for()
    {
        var (first, second) = FreshThread.Run(() =>
        {
            var storage = RunStorage.Take();
            var before = Ask(storage, [0, 1, 0, 2, 1, 0]);
            storage.Return();
            storage = RunStorage.Take();
            var after = Ask(storage, [2, 1, 1, 0, 0, 0]);
            storage.Return();
            return (before, after);
        });
        foreach (var owner in new[] { 0, 1, 2 })
            Assert.Equal(first[owner], second[owner]); // the same objects, by reference, in the same order
        Assert.Equal(6, first.Values.SelectMany(v => v).Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    [Fact]
    public void Each_lab_gets_back_its_own_contracts_in_order_whatever_the_others_asked_for()
    {
        var (labs, first, second) = FreshThread.Run(() =>
        {
            var world = Simulation.Create(ScenarioLoader.Load(null, []), 1).World;
            var storage = RunStorage.Take();
            var before = new List<(Lab Lab, ComputeContract Contract)>();
            for (var round = 0; round < 3; round++)
                foreach (var lab in world.Labs.Reverse()) before.Add((lab, Sign(storage, lab, world.Clouds[0])));
            storage.Return();
            storage = RunStorage.Take();
            var after = new List<(Lab Lab, ComputeContract Contract)>();
            foreach (var lab in world.Labs)
                for (var round = 0; round < 3; round++) after.Add((lab, Sign(storage, lab, world.Clouds[0])));
            storage.Return();
            return (world.Labs.ToList(), before, after);
        });
        Assert.True(labs.Count > 1);
        foreach (var lab in labs)
            Assert.Equal(first.Where(c => c.Lab == lab).Select(c => c.Contract), second.Where(c => c.Lab == lab).Select(c => c.Contract));
    }

    private static ComputeContract Sign(RunStorage storage, Lab lab, Cloud cloud) =>
        storage.Contract(lab, cloud, volumeH100e: 1, pricePerH100eHour: 1, startStep: 0, endStep: 12, rule: "test", rampMonths: 1);

    private static Dictionary<int, List<Vintage>> Ask(RunStorage storage, int[] owners)
    {
        var byOwner = new Dictionary<int, List<Vintage>>();
        foreach (var owner in owners)
        {
            var vintage = storage.Vintage(owner, Chip, 0, 1, 0.001, inCohort: false, 0.4, bookValueUsdBn: 0.001);
            (byOwner.TryGetValue(owner, out var list) ? list : byOwner[owner] = []).Add(vintage);
        }
        return byOwner;
    }
}
