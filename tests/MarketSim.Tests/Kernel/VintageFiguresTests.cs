using MarketSim.Core.Agents;
using MarketSim.Core.Engine;
using MarketSim.Core.Market;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

/// <summary>
/// A vintage keeps its kW, MW and monthly straight-line depreciation worked out; they must be, to the bit, what the
/// expressions give from its size and cost now, however it was made and whatever joined it since.
/// </summary>
public class VintageFiguresTests
{
    private static readonly Generation Chip = FreshThread.Chip;

    [Fact]
    public void Kept_figures_follow_every_change_of_size_and_cost()
    {
        var random = new Random(5);
        var made = new Vintage { Generation = Chip, InstalledStep = 3, H100e = 1234.567, CostUsdBn = 0.987654, InCohort = true, CashCostPerH100eHour = 0.41 };
        // Initialisers in the other order: the size is known only once both are set.
        var reversed = new Vintage { H100e = 777.7, CostUsdBn = 0.3, CashCostPerH100eHour = 0.4, InCohort = false, InstalledStep = 1, Generation = Chip };
        var storage = RunStorage.Take();
        try
        {
            var stored = storage.Vintage(0, Chip, 5, 98.76, 0.0123, inCohort: false, 0.39, bookValueUsdBn: 0.0123);
            foreach (var v in new[] { made, reversed, stored })
            {
                Check(v, 60);
                Check(v, 48.5);
                Check(v, 60); // asked again after another life: worked out again
                for (var n = 0; n < 5; n++)
                {
                    v.Add(random.NextDouble() * 500, random.NextDouble() * 0.2);
                    Check(v, 60);
                    Check(v, 72);
                }
            }
            // Handed out again by the storage: its figures are the new vintage's, not the old one's.
            storage.Return();
            storage = RunStorage.Take();
            var again = storage.Vintage(0, Chip, 7, 11.0, 0.001, inCohort: true, 0.5, bookValueUsdBn: 0.001);
            Check(again, 72);
        }
        finally { storage.Return(); }
    }

    private static void Check(Vintage v, double accountingMonths)
    {
        Assert.Equal(Bits(v.H100e * Chip.KwPerH100e), Bits(v.KwTotal));
        Assert.Equal(Bits(v.H100e * Chip.KwPerH100e / 1000), Bits(v.Mw));
        Assert.Equal(Bits(v.CostUsdBn / accountingMonths), Bits(v.StraightLineUsdBn(accountingMonths)));
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
