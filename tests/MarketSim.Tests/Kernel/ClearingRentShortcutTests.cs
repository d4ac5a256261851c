using MarketSim.Core;
using MarketSim.Core.Market;
using MarketSim.Core.Rules;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

/// <summary>
/// The clearing rent's bisection keeps the supply it computed while the bracket stays between the same cash costs.
/// Checked against the bisection that asks the book for its excess demand at every rent, on every month's book of
/// real runs, bit for bit.
/// </summary>
public class ClearingRentShortcutTests
{
    /// <summary>The clearing price as it was computed before: the book's excess demand at every rent tried.</summary>
    private static double ReferenceClearingPrice(SpotBook book, double lowestRent, ref int halvings)
    {
        var ceiling = book.Ceiling > 0 ? book.Ceiling : book.LastRent;
        if (book.FreeH100e <= 0) return book.Demand(ceiling) > 0 ? ceiling : book.LastRent;
        var lo = Math.Max(lowestRent, book.LowestCashCost);
        if (book.ExcessDemand(lo) <= 0) return lo;
        var hi = Math.Max(lo, ceiling);
        if (book.ExcessDemand(hi) > 0) return hi;
        while (hi - lo > 1e-9 * hi)
        {
            halvings++;
            var mid = 0.5 * (lo + hi);
            if (book.ExcessDemand(mid) > 0) lo = mid; else hi = mid;
        }
        return hi;
    }

    /// <summary>The baseline rent rule, checking each month's clearing price against the reference before using it.</summary>
    private sealed class CheckedClearingRent : ISpotPricePolicy
    {
        private readonly ClearingRent _inner = new();
        public string Name => nameof(ClearingRent);
        public int Months { get; private set; }
        public int Halvings;

        public double Rent(SpotBook book, RuleContext context)
        {
            var lowest = context.Scenario.Market.LowestRentUsdPerH100eHour;
            var expected = ReferenceClearingPrice(book, lowest, ref Halvings);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(ClearingRent.ClearingPrice(book, lowest)));
            Months++;
            return _inner.Rent(book, context);
        }
    }

    [Theory]
    [InlineData(1, new string[0])]
    [InlineData(2, new string[0])]
    [InlineData(5, new[] { "Hardware:PowerPriceUsdPerMwh=250" })]
    [InlineData(6, new[] { "Market:RentAdjustmentShare=1" })]
    public void The_bisection_keeping_its_supply_finds_the_rent_of_the_full_bisection(int seed, string[] overrides)
    {
        var rule = new CheckedClearingRent();
        var sim = Simulation.Create(ScenarioLoader.Load(null, overrides), seed,
            RuleCatalog.BuiltIn.With<ISpotPricePolicy>(rule.Name, () => rule));
        sim.Run();
        Assert.True(rule.Months > 100);
        // The months bisected, not only those at a bound.
        Assert.True(rule.Halvings > 20 * rule.Months / 2);
    }
}
