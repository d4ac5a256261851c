using MarketSim.Core.Agents;

namespace MarketSim.Tests.Kernel;

/// <summary>
/// A fleet review's figures per cash cost are reused only within the review that worked them out, and only for the
/// cash cost they were worked out for, to the bit.
/// </summary>
public class MarginsByCashCostTests
{
    [Fact]
    public void A_cash_cost_is_known_again_within_its_review_and_not_in_the_next()
    {
        var margins = new MarginsByCashCost().Begin();
        ref var slot = ref margins.For(1.25, out var known);
        Assert.False(known);
        (slot.Covering, slot.MarginHours) = (30, 400);
        // No months, not even NaN ones, are those of a new slot.
        foreach (var months in new[] { 0.0, 12.0, double.PositiveInfinity, double.NaN, -double.NaN })
            Assert.NotEqual(BitConverter.DoubleToInt64Bits(months), slot.MonthsBits);

        ref var again = ref margins.For(1.25, out known);
        Assert.True(known);
        Assert.Equal((30.0, 400.0), (again.Covering, again.MarginHours));
        margins.For(Math.BitIncrement(1.25), out known);
        Assert.False(known);

        margins.Begin();
        margins.For(1.25, out known);
        Assert.False(known);
    }

    [Fact]
    public void Cash_costs_that_share_a_slot_take_it_from_each_other()
    {
        var margins = new MarginsByCashCost().Begin();
        var random = new Random(7);
        margins.For(0.5, out _);
        // Among a few hundred other cash costs, some land in 0.5's slot (one in 32) and take it over.
        var evicted = false;
        for (var n = 0; n < 400 && !evicted; n++)
        {
            var other = random.NextDouble() * 3;
            margins.For(other, out var known);
            Assert.False(known);
            margins.For(0.5, out var stillKnown);
            evicted = !stillKnown;
            if (evicted) margins.For(other, out known);
            Assert.True(!evicted || !known);
        }
        Assert.True(evicted);
    }
}
