using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Runtime.InteropServices;
using System.Text;
using MarketSim.Core.Engine;

namespace MarketSim.Core.Agents;

/// <summary>
/// The buyers of one segment of the <see cref="DemandPopulation"/> that have not adopted yet, held column by column
/// (threshold, value, budget) so that the monthly scan can test a block of buyers at a time. The scan is the
/// population's hot loop: thousands of buyers a month, most of them not yet eligible, and a branch per buyer
/// mispredicts often.
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

    /// <summary>
    /// Buyers per block of the scan on this machine: 32 with 512-bit vectors (four vectors a column; 16 took about
    /// 10% longer), 4 with 256-bit ones, else 1.
    /// </summary>
    public static int WidestBlock { get; } = Vector512.IsHardwareAccelerated ? 32 : Vector256.IsHardwareAccelerated ? 4 : 1;

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
    public void Adopt(double frontier, double valueNeeded, double logStay, Random rng, ref double adoptedBudget) =>
        Adopt(frontier, valueNeeded, logStay, rng, ref adoptedBudget, WidestBlock);

    /// <summary>
    /// <see cref="Adopt(double, double, double, Random, ref double)"/> in blocks of <paramref name="block"/> buyers
    /// (32 needs 512-bit vectors, 4 needs 256-bit ones; 1, or a width the machine lacks, is buyer by buyer; what is
    /// left over from wider blocks goes in narrower ones).
    /// The same buyers adopt, in the same order, with the same draws, whatever the width.
    /// </summary>
    internal void Adopt(double frontier, double valueNeeded, double logStay, Random rng, ref double adoptedBudget, int block)
    {
        var skip = new Countdown(rng, logStay);
        var k = Count - 1;
        if (block == 32 && Vector512.IsHardwareAccelerated)
        {
            var (frontiers, needed) = (Vector512.Create(frontier), Vector512.Create(valueNeeded));
            for (; k >= 31; k -= 32)
            {
                var start = (nuint)(k - 31);
                var eligible = (uint)(Eligible(frontiers, needed, start) | Eligible(frontiers, needed, start + 8) << 8
                    | Eligible(frontiers, needed, start + 16) << 16 | Eligible(frontiers, needed, start + 24) << 24);
                AdoptInBlock((int)start, eligible, ref skip, ref adoptedBudget);
            }
        }
        // The last few buyers of a scan in blocks of 32 are tested in blocks of 4.
        if ((block == 4 || block == 32) && Vector256.IsHardwareAccelerated)
        {
            var (frontiers, needed) = (Vector256.Create(frontier), Vector256.Create(valueNeeded));
            for (; k >= 3; k -= 4)
            {
                var start = (nuint)(k - 3);
                var ineligible = Vector256.LessThan(frontiers, Vector256.LoadUnsafe(ref _threshold[0], start))
                    | Vector256.LessThan(Vector256.LoadUnsafe(ref _value[0], start), needed);
                AdoptInBlock((int)start, ~ineligible.ExtractMostSignificantBits() & 0xF, ref skip, ref adoptedBudget);
            }
        }
        for (; k >= 0; k--) Visit(k, frontier, valueNeeded, ref skip, ref adoptedBudget);
        skip.Return(rng);
    }

    /// <summary>Which of the 8 buyers from <paramref name="start"/> are eligible, as bits from the first buyer up.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Eligible(Vector512<double> frontiers, Vector512<double> needed, nuint start)
    {
        var ineligible = Vector512.LessThan(frontiers, Vector512.LoadUnsafe(ref _threshold[0], start))
            | Vector512.LessThan(Vector512.LoadUnsafe(ref _value[0], start), needed);
        return ~ineligible.ExtractMostSignificantBits() & 0xFF;
    }

    /// <summary>
    /// The scan through a block of buyers from <paramref name="start"/>, the buyers after it visited already, whose
    /// eligible buyers are the bits of <paramref name="eligible"/>: from the highest, <paramref name="skip"/> eligible
    /// buyers pass and the next adopts, as buyer by buyer. A block none of whose eligible buyers adopt costs a count.
    /// An adopter's place takes a buyer from beyond it, so the block's buyers below it stay as tested.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AdoptInBlock(int start, uint eligible, ref Countdown skip, ref double adoptedBudget)
    {
        var count = BitOperations.PopCount(eligible);
        while (count > 0 && skip.Left < count)
        {
            // A countdown below zero (a hazard above one) passes no one, as in a scan buyer by buyer.
            var lane = AdopterLane(eligible, count, (int)Math.Max(0, skip.Left));
            skip.Restart();
            Leave(start + lane, ref adoptedBudget);
            eligible &= (1u << lane) - 1;
            count = BitOperations.PopCount(eligible);
        }
        skip.Left -= count;
    }

    /// <summary>
    /// The lane of the buyer who adopts in a block: from the highest eligible lane down, <paramref name="skip"/> eligible
    /// buyers pass (0 to count - 1 of the <paramref name="count"/> set in <paramref name="eligible"/>) and the next
    /// adopts. That is the set bit with count - 1 - skip set bits below it, which one deposit of bits (PDEP) finds where
    /// the processor does that fast; passing lanes one at a time took a quarter of the month's scan.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int AdopterLane(uint eligible, int count, int skip) =>
        FastBitDeposit ? AdopterLaneByDeposit(eligible, count, skip) : AdopterLaneByPassing(eligible, skip);

    /// <summary><see cref="AdopterLane"/> by depositing one bit into the eligible lanes (needs BMI2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int AdopterLaneByDeposit(uint eligible, int count, int skip) =>
        BitOperations.TrailingZeroCount(Bmi2.ParallelBitDeposit(1u << (count - 1 - skip), eligible));

    /// <summary><see cref="AdopterLane"/> by clearing the highest eligible lane <paramref name="skip"/> times.</summary>
    internal static int AdopterLaneByPassing(uint eligible, int skip)
    {
        for (var passed = skip; passed > 0; passed--) eligible ^= 1u << (31 - BitOperations.LeadingZeroCount(eligible));
        return 31 - BitOperations.LeadingZeroCount(eligible);
    }

    /// <summary>
    /// Whether the processor deposits bits (BMI2's PDEP) in a few cycles. AMD's processors before Zen 3 (family 19h),
    /// and Hygon's built on them, run it in microcode, tens to hundreds of cycles, slower than passing lanes one by one.
    /// </summary>
    internal static bool FastBitDeposit { get; } = Bmi2.IsSupported && !MicrocodedBitDeposit();

    private static bool MicrocodedBitDeposit()
    {
        var (_, ebx, ecx, edx) = X86Base.CpuId(0, 0);
        ReadOnlySpan<int> vendorWords = [ebx, edx, ecx];
        var vendor = Encoding.ASCII.GetString(MemoryMarshal.AsBytes(vendorWords));
        if (vendor is not ("AuthenticAMD" or "HygonGenuine")) return false;
        var signature = X86Base.CpuId(1, 0).Eax;
        var family = ((signature >> 8) & 0xF) + ((signature >> 20) & 0xFF);
        return family < 0x19;
    }

    /// <summary>The scan's step for one buyer; the buyers after it in the list have been visited already.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Visit(int k, double frontier, double valueNeeded, ref Countdown skip, ref double adoptedBudget)
    {
        if (frontier < _threshold[k] || _value[k] < valueNeeded) return;
        if (skip.Left-- > 0) return;
        skip.Restart();
        Leave(k, ref adoptedBudget);
    }

    /// <summary>An adopter's budget to the adopted total; the last buyer takes its place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Leave(int k, ref double adoptedBudget)
    {
        adoptedBudget += _budget[k];
        var last = --Count;
        _threshold[k] = _threshold[last];
        _value[k] = _value[last];
        _budget[k] = _budget[last];
    }

    /// <summary>Eligible buyers to pass before the next adopter: floor(ln U / ln(1 - hazard)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long NextSkip(Random rng, double logStay)
    {
        if (!Draws(logStay)) return NoDraw(logStay);
        return Skip(XoshiroDraws.NextDouble(rng), logStay);
    }

    /// <summary>Whether a countdown takes a draw: a hazard of zero never ends one, a hazard of one ends it at once.</summary>
    private static bool Draws(double logStay) => logStay != 0 && !double.IsNegativeInfinity(logStay);

    private static long NoDraw(double logStay) => logStay == 0 ? long.MaxValue : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Skip(double uniform, double logStay)
    {
        var skip = Math.Floor(TableMath.Log(1 - uniform) / logStay);
        return skip >= long.MaxValue ? long.MaxValue : (long)skip;
    }

    /// <summary>
    /// The scan's countdown of eligible buyers to the next adopter (<see cref="NextSkip"/>). Where the generator's
    /// state can be taken, the countdown after the current one is drawn as soon as the current one starts: its
    /// logarithm and division, some 50 cycles from draw to count, are then worked out while the scan goes on instead
    /// of holding up the next block when an adopter is found. The draw made ahead that the scan never uses is given
    /// back: the state returned is the one from before it, so the stream is the one drawing each countdown when it
    /// starts leaves.
    /// </summary>
    private struct Countdown
    {
        /// <summary>Eligible buyers still to pass before the next adopter.</summary>
        public long Left;
        private long _ahead;
        private XoshiroDraws _state, _beforeAhead;
        private readonly Random _rng;
        private readonly double _logStay;
        private readonly bool _drawsAhead;

        public Countdown(Random rng, double logStay)
        {
            _rng = rng;
            _logStay = logStay;
            _drawsAhead = Draws(logStay) && XoshiroDraws.CanTake(rng);
            if (!_drawsAhead)
            {
                Left = NextSkip(rng, logStay);
                return;
            }
            _state = XoshiroDraws.Take(rng);
            Left = Skip(_state.NextDouble(), logStay);
            _beforeAhead = _state;
            _ahead = Skip(_state.NextDouble(), logStay);
        }

        /// <summary>An adopter was found: the countdown to the next one starts.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Restart()
        {
            if (!_drawsAhead)
            {
                Left = NextSkip(_rng, _logStay);
                return;
            }
            Left = _ahead;
            _beforeAhead = _state;
            _ahead = Skip(_state.NextDouble(), _logStay);
        }

        /// <summary>The generator's state as drawing each countdown when it starts would have left it.</summary>
        public readonly void Return(Random rng)
        {
            if (_drawsAhead) _beforeAhead.Return(rng);
        }
    }
}
