using MarketSim.Core;
using MarketSim.Core.Market;
using MarketSim.Core.Rules;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

/// <summary>
/// The clearing rent's bisection keeps the supplies it computed while it asks between the same cash costs, and answers
/// the halvings it can from rents already asked. Checked against the bisection that asks the book for its excess demand
/// at every rent, on every month's book of real runs and from several floors, bit for bit.
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

        public int Falling { get; private set; }

        public double Rent(SpotBook book, RuleContext context)
        {
            var lowest = context.Scenario.Market.LowestRentUsdPerH100eHour;
            var expected = ReferenceClearingPrice(book, lowest, ref Halvings);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(ClearingRent.ClearingPrice(book, lowest)));
            // The same book searched from other floors: brackets that start below, at and above cash costs.
            var ignored = 0;
            foreach (var floor in new[] { 1e-3, 0.3, 0.9, 1.7, book.LastRent, Math.BitIncrement(book.LowestCashCost), 0.7 * book.Ceiling })
            {
                var other = ReferenceClearingPrice(book, floor, ref ignored);
                Assert.Equal(BitConverter.DoubleToInt64Bits(other), BitConverter.DoubleToInt64Bits(ClearingRent.ClearingPrice(book, floor)));
            }
            Months++;
            if (book.ExcessFallsWithRent) Falling++;
            return _inner.Rent(book, context);
        }
    }

    [Fact]
    public void Random_books_on_a_real_fleet_clear_where_the_full_bisection_does_whether_or_not_excess_demand_falls()
    {
        var sim = Simulation.Create(ScenarioLoader.Load(null, []), 1);
        while (sim.World.Clock.Step < 40) sim.StepOnce();
        var clouds = sim.World.Clouds;
        var order = new FleetMeritOrder(clouds.Count);
        order.Build(clouds, sim.World.Clock.Step - 1);
        var rng = new Random(11);
        var (falling, notFalling, interior) = (0, 0, 0);
        for (var trial = 0; trial < 3_000; trial++)
        {
            var labs = rng.Next(1, 6);
            var book = new SpotBook(order, clouds.Count, labs);
            book.Open(0.5 + 3 * rng.NextDouble(), 5 * rng.NextDouble());
            for (var i = 0; i < clouds.Count; i++)
            {
                var installed = clouds[i].InstalledH100e;
                var contracted = installed * rng.NextDouble();
                book.AddCloud(i, rng.Next(5) > 0, contracted, installed - contracted);
            }
            // Now and then a negative amount, which lets excess demand rise with the rent.
            double Amount(double scale) => scale * (rng.Next(15) == 0 ? -rng.NextDouble() : rng.NextDouble());
            for (var j = 0; j < labs; j++)
                book.AddLab(j, rng.Next(6) > 0, Amount(2e6), 0.5 + 4 * rng.NextDouble(), Amount(1e6), Amount(20), Amount(1e6), Amount(20));
            if (book.ExcessFallsWithRent) falling++; else notFalling++;
            foreach (var floor in new[] { 1e-3, 0.3, 1.0, 2.5 })
            {
                var halvings = 0;
                var expected = ReferenceClearingPrice(book, floor, ref halvings);
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(ClearingRent.ClearingPrice(book, floor)));
                if (halvings > 0) interior++;
            }
        }
        Assert.True(falling > 1_000 && notFalling > 500 && interior > 5_000, $"{falling} falling, {notFalling} not, {interior} bisected");
    }

    [Theory]
    [InlineData(1, new string[0])]
    [InlineData(2, new string[0])]
    [InlineData(5, new[] { "Hardware:PowerPriceUsdPerMwh=250" })]
    [InlineData(6, new[] { "Market:RentAdjustmentShare=1" })]
    // A glut (half the demand) and dear power: rents that settle at the cash cost of the marginal accelerator.
    [InlineData(7, new[] { "Demand:AddressableSpendUsdBn=60", "Hardware:PowerPriceUsdPerMwh=180" })]
    public void The_bisection_keeping_its_supply_finds_the_rent_of_the_full_bisection(int seed, string[] overrides)
    {
        var rule = new CheckedClearingRent();
        var sim = Simulation.Create(ScenarioLoader.Load(null, overrides), seed,
            RuleCatalog.BuiltIn.With<ISpotPricePolicy>(rule.Name, () => rule));
        sim.Run();
        Assert.True(rule.Months > 100);
        // Every month's book had excess demand that cannot rise with the rent, so the answers known without asking were used.
        Assert.Equal(rule.Months, rule.Falling);
        // The months bisected, not only those at a bound.
        Assert.True(rule.Halvings > 20 * rule.Months / 2);
    }
}
