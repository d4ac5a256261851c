using System.Runtime.CompilerServices;
using MarketSim.Core.Engine;

namespace MarketSim.Core.Agents;

/// <summary>
/// What one review of one fleet has worked out per cash cost: the months the rent covers it (and their logarithm),
/// and the margin an H100e at that cost earns over the months it was last valued over. Vintages of one generation
/// share a cash cost, and most of them the months too: a baseline run values about 18,000 vintages with a book value,
/// at about 70 a review, but only 9 cash costs and 27 pairs of cash cost and months. Slots are kept by the cash cost's
/// bits; a review starts with none of them valid.
/// </summary>
internal sealed class MarginsByCashCost
{
    private const int SlotBits = 5;
    private readonly Slot[] _slots = new Slot[1 << SlotBits];
    private int _review;

    /// <summary>Starts a review: what earlier reviews kept no longer counts.</summary>
    public MarginsByCashCost Begin()
    {
        if (++_review == int.MaxValue)
        {
            Array.Clear(_slots);
            _review = 1;
        }
        return this;
    }

    /// <summary>The slot for this cash cost; <paramref name="known"/> tells whether it holds this review's figures for it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref Slot For(double cashCost, out bool known)
    {
        var bits = BitConverter.DoubleToInt64Bits(cashCost);
        ref var slot = ref _slots[BitsKeys.Slot(bits, SlotBits)];
        known = slot.Review == _review && slot.CashCostBits == bits;
        if (known) return ref slot;
        slot.Review = _review;
        slot.CashCostBits = bits;
        // No months' bits, NaN's included, are these.
        slot.MonthsBits = BitsKeys.None;
        return ref slot;
    }

    internal struct Slot
    {
        public int Review;
        public long CashCostBits, MonthsBits;
        /// <summary>Months the rent covers the cash cost, and the same before any cut (NaN if no logarithm was taken).</summary>
        public double Covering, LogMonths;
        /// <summary>Margin hours per H100e over the months whose bits are <see cref="MonthsBits"/>.</summary>
        public double MarginHours;
    }
}
