using MarketSim.Core;
using MarketSim.Core.Engine;
using MarketSim.Core.Scenarios;

namespace MarketSim.Tests.Kernel;

/// <summary>
/// Remembered logarithms and exponentials are the functions' results for the same argument, bit for bit, and each open
/// run holds a table of its own.
/// </summary>
public class RecentResultsTests
{
    [Fact]
    public void Remembered_results_are_the_functions_results_for_every_argument_asked_again_and_again()
    {
        var recent = RecentResults.Take();
        var random = new Random(11);
        // Few distinct arguments asked many times (hits), and many asked once (misses that evict each other).
        var repeated = Enumerable.Range(0, 40).Select(_ => random.NextDouble() * 3).ToArray();
        for (var n = 0; n < 20_000; n++)
        {
            var x = n % 3 == 0 ? random.NextDouble() * 100 - 50 : repeated[random.Next(repeated.Length)];
            Assert.Equal(Bits(Math.Log(x)), Bits(recent.Log(x)));
            Assert.Equal(Bits(SmallExponents.ExpM1(-x / 10)), Bits(recent.ExpM1(-x / 10)));
            Assert.Equal(Bits(Math.Exp(-x / 7)), Bits(recent.Exp(-x / 7)));
        }
        // Arguments whose results differ in the last bits only, and the edges.
        foreach (var x in new[] { 0.0, -0.0, 1.0, Math.BitIncrement(1.0), Math.BitDecrement(1.0), 1e-7, -1e-7, double.Epsilon,
                     double.PositiveInfinity, double.NegativeInfinity, double.NaN, -1.0 })
        {
            Assert.Equal(Bits(Math.Log(x)), Bits(recent.Log(x)));
            Assert.Equal(Bits(SmallExponents.ExpM1(x)), Bits(recent.ExpM1(x)));
            Assert.Equal(Bits(Math.Exp(x)), Bits(recent.Exp(x)));
            Assert.Equal(Bits(Math.Exp(x)), Bits(recent.Exp(x)));
            Assert.Equal(Bits(Math.Log(x)), Bits(recent.Log(x)));
            Assert.Equal(Bits(SmallExponents.ExpM1(x)), Bits(recent.ExpM1(x)));
        }
    }

    [Fact]
    public void Remembered_powers_are_Math_Pow_for_every_pair_asked_again_and_again()
    {
        var recent = RecentResults.Take();
        var random = new Random(12);
        // Bases and exponents as the month asks them (1 + a growth rate, years or months / 12, -n), repeated, and
        // pairs asked once that evict them; each pair is also asked the other way round, which must not answer for it.
        var bases = Enumerable.Range(0, 30).Select(_ => 1 + random.NextDouble() * 0.6).Append(2).ToArray();
        var exponents = Enumerable.Range(0, 30).Select(i => i / 12.0).Concat(Enumerable.Range(0, 10).Select(n => -(double)n)).ToArray();
        for (var n = 0; n < 20_000; n++)
        {
            var (x, y) = n % 4 == 0
                ? (random.NextDouble() * 10, random.NextDouble() * 20 - 10)
                : (bases[random.Next(bases.Length)], exponents[random.Next(exponents.Length)]);
            Assert.Equal(Bits(Math.Pow(x, y)), Bits(recent.Pow(x, y)));
            Assert.Equal(Bits(Math.Pow(y, x)), Bits(recent.Pow(y, x)));
        }
        var edges = new[] { 0.0, -0.0, 1.0, Math.BitIncrement(1.0), -1.0, 0.5, double.Epsilon, double.PositiveInfinity,
            double.NegativeInfinity, double.NaN };
        foreach (var x in edges)
        foreach (var y in edges)
        {
            Assert.Equal(Bits(Math.Pow(x, y)), Bits(recent.Pow(x, y)));
            Assert.Equal(Bits(Math.Pow(x, y)), Bits(recent.Pow(x, y)));
        }
    }

    [Fact]
    public void Runs_open_at_once_on_one_thread_hold_tables_of_their_own_and_a_finished_run_hands_its_table_on()
    {
        // Two runs made on one thread may step on two others at once: sharing a table, one could read a result the
        // other was writing.
        var (sharedWhileOpen, handedOn) = FreshThread.Run(() =>
        {
            var scenario = ScenarioLoader.Load(null, []);
            var first = Simulation.Create(scenario, 1);
            var second = Simulation.Create(scenario, 2);
            var shared = ReferenceEquals(first.World.Recent, second.World.Recent);
            first.Run();
            var third = Simulation.Create(scenario, 3);
            return (shared, ReferenceEquals(third.World.Recent, first.World.Recent));
        });
        Assert.False(sharedWhileOpen);
        Assert.True(handedOn);
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
