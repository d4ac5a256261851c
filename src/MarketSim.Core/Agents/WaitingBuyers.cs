using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MarketSim.Core.Engine;

namespace MarketSim.Core.Agents;

/// <summary>
/// The buyers of one segment of the <see cref="DemandPopulation"/> that have not adopted yet, held column by column
/// (threshold, value, budget) so that the monthly scan can test four buyers at a time. The scan is the population's
/// hot loop: thousands of buyers a month, most of them not yet eligible, and a branch per buyer mispredicts often.
/// </summary>
internal sealed class WaitingBuyers
{
    private readonly double[] _threshold, _value, _budget;

    /// <param name="buffers">The run's reusable arrays, if any; the columns are its slots from <paramref name="firstSlot"/>.</param>
    public WaitingBuyers(int capacity, RunBuffers? buffers = null, int firstSlot = 0)
    {
        _threshold = buffers?.Column(firstSlot, capacity) ?? new double[capacity];
        _value = buffers?.Column(firstSlot + 1, capacity) ?? new double[capacity];
        _budget = buffers?.Column(firstSlot + 2, capacity) ?? new double[capacity];
    }

    public int Count { get; private set; }

    public void Add(double threshold, double value, double budget)
    {
        _threshold[Count] = threshold;
        _value[Count] = value;
        _budget[Count] = budget;
        Count++;
    }

    /// <summary>
    /// One month's adoption, from the last waiting buyer to the first. A buyer is eligible when models are capable
    /// enough (threshold at most the frontier) and cheap enough (value at least the value needed); each eligible buyer
    /// adopts with the hazard whose log of staying is <paramref name="logStay"/>. Rather than one draw per buyer, a draw
    /// says how many eligible buyers pass before the next adopter (geometric, the same distribution). Adopters' budgets
    /// are added to <paramref name="adoptedBudget"/> one by one in scan order, and each leaves the list, the last
    /// buyer taking its place (a buyer the scan has already passed).
    /// </summary>
    public void Adopt(double frontier, double valueNeeded, double logStay, Random rng, ref double adoptedBudget)
    {
        var skip = NextSkip(rng, logStay);
        var k = Count - 1;
        if (Vector256.IsHardwareAccelerated)
        {
            var frontiers = Vector256.Create(frontier);
            var needed = Vector256.Create(valueNeeded);
            for (; k >= 3; k -= 4)
            {
                // Buyers k-3 .. k: a block whose eligible buyers all pass the countdown is skipped whole.
                var start = (nuint)(k - 3);
                var ineligible = Vector256.LessThan(frontiers, Vector256.LoadUnsafe(ref _threshold[0], start))
                    | Vector256.LessThan(Vector256.LoadUnsafe(ref _value[0], start), needed);
                var eligible = BitOperations.PopCount(~ineligible.ExtractMostSignificantBits() & 0xF);
                if (skip >= eligible)
                {
                    skip -= eligible;
                    continue;
                }
                for (var i = k; i > k - 4; i--) Visit(i, frontier, valueNeeded, logStay, rng, ref skip, ref adoptedBudget);
            }
        }
        for (; k >= 0; k--) Visit(k, frontier, valueNeeded, logStay, rng, ref skip, ref adoptedBudget);
    }

    /// <summary>The scan's step for one buyer; the buyers after it in the list have been visited already.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Visit(int k, double frontier, double valueNeeded, double logStay, Random rng, ref long skip, ref double adoptedBudget)
    {
        if (frontier < _threshold[k] || _value[k] < valueNeeded) return;
        if (skip-- > 0) return;
        skip = NextSkip(rng, logStay);
        adoptedBudget += _budget[k];
        var last = --Count;
        _threshold[k] = _threshold[last];
        _value[k] = _value[last];
        _budget[k] = _budget[last];
    }

    /// <summary>Eligible buyers to pass before the next adopter: floor(ln U / ln(1 - hazard)).</summary>
    private static long NextSkip(Random rng, double logStay)
    {
        if (logStay == 0) return long.MaxValue;
        if (double.IsNegativeInfinity(logStay)) return 0;
        var skip = Math.Floor(Math.Log(1 - rng.NextDouble()) / logStay);
        return skip >= long.MaxValue ? long.MaxValue : (long)skip;
    }
}
