using MarketSim.Core;
using MarketSim.Core.Engine;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

/// <summary>A contract's monthly bill, whose full-volume figure the contract keeps once worked out.</summary>
public class ContractBillTests
{
    [Fact]
    public void A_month_bill_is_volume_times_price_times_hours_over_a_billion_whatever_contract_the_object_held_before()
    {
        var checkedBills = FreshThread.Run(() =>
        {
            var world = Simulation.Create(ScenarioLoader.Load(null, []), 1).World;
            var (lab, cloud) = (world.Labs[0], world.Clouds[0]);
            var rng = new Random(5);
            var count = 0;
            for (var round = 0; round < 40; round++)
            {
                // The storage hands out the same object round after round, for a contract of another size and price.
                var storage = RunStorage.Take();
                var (volume, price) = (rng.NextDouble() * 1e5, rng.NextDouble() * 4);
                var contract = storage.Contract(lab, cloud, volume, price, startStep: 0, endStep: 24, rule: "test", rampMonths: 6);
                for (var step = 0; step < 24; step++)
                    foreach (var delivered in new[] { 1.0, 0.7 })
                    {
                        var h100e = contract.VolumeAt(step) * delivered;
                        var expected = h100e * price * Clock.HoursPerMonth / 1e9;
                        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(contract.MonthBillUsdBn(h100e)));
                        count++;
                    }
                storage.Return();
            }
            return count;
        });
        Assert.Equal(40 * 24 * 2, checkedBills);
    }
}
