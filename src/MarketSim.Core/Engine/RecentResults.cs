using System.Runtime.CompilerServices;

namespace MarketSim.Core.Engine;

/// <summary>
/// Logarithms, exponentials and powers the month asks for again and again with the same arguments, remembered by the
/// arguments' bits. Every cloud's capacity plan asks for the rent expected a fixed number of months ahead, the same
/// exponential every month. Valuing a fleet takes one per vintage, but vintages of one generation share a cash cost and so the
/// same ratio to the rent, and many share the months they are valued over: a few dozen distinct arguments among
/// thousands of calls. Powers are asked by every lab and cloud for the same growth over the same horizon, and for the
/// month's algorithmic progress many times a month: of some 13,000 a baseline run asks where this table serves them,
/// 11,000 were asked before. (Powers whose base changes at every call, such as a bisection's discount factors, are
/// left to Math.Pow.) A function of doubles gives the same result for the same bits, so a remembered result is the
/// result, in any month of any run. A run takes a table when it starts and hands it back when it finishes, so the next
/// run on the thread starts with what it remembered; runs open at the same time never share one (the table is not
/// safe to use from two threads at once).
/// </summary>
internal sealed class RecentResults
{
    // 256 slots per function, each holding the last arguments that hashed to it.
    private const int SlotBits = 8;
    private const int Slots = 1 << SlotBits;
    // The empty slots' argument: a NaN no arithmetic here produces, with its true result stored beside it, so even
    // that argument would be answered correctly.
    private static readonly long EmptyKey = BitsKeys.None;

    // Functions of one argument are kept with a second argument of +0 (its bits are zero, so the slot is the first
    // argument's alone); every table's empty slots hold the empty key with that function's true result for it.
    private static readonly double Empty = BitConverter.Int64BitsToDouble(EmptyKey);
    private readonly Table _logs = new(0, Math.Log(Empty)), _exps = new(0, Math.Exp(Empty)),
        _expM1s = new(0, SmallExponents.ExpM1(Empty)), _powers = new(Empty, Math.Pow(Empty, Empty));

    /// <summary>This thread's free table, or a new one when another run on the thread holds it.</summary>
    public static RecentResults Take() => ThreadFree<RecentResults>.Take(static () => new RecentResults());

    /// <summary>Hands the table to the next run on the calling thread; the run that held it must not use it again.</summary>
    public void Return() => ThreadFree<RecentResults>.Return(this);

    /// <summary><see cref="Math.Log(double)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Log(double x) => _logs.Find(x, 0, out var slot, out var result) ? result : _logs.Keep(slot, x, 0, TableMath.Log(x));

    /// <summary><see cref="Math.Exp(double)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Exp(double x) => _exps.Find(x, 0, out var slot, out var result) ? result : _exps.Keep(slot, x, 0, TableMath.Exp(x));

    /// <summary><see cref="SmallExponents.ExpM1"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double ExpM1(double x) =>
        _expM1s.Find(x, 0, out var slot, out var result) ? result : _expM1s.Keep(slot, x, 0, SmallExponents.ExpM1(x));

    /// <summary><see cref="Math.Pow(double, double)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Pow(double x, double y) =>
        _powers.Find(x, y, out var slot, out var result) ? result : _powers.Keep(slot, x, y, TableMath.Pow(x, y));

    // One function's slots, keyed by both arguments' bits. The function is called directly by the caller on a miss
    // (no delegate in the hot path).
    private sealed class Table
    {
        private readonly long[] _xs = new long[Slots], _ys = new long[Slots];
        private readonly double[] _results = new double[Slots];

        public Table(double emptyY, double emptyResult)
        {
            Array.Fill(_xs, EmptyKey);
            Array.Fill(_ys, BitConverter.DoubleToInt64Bits(emptyY));
            Array.Fill(_results, emptyResult);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Find(double x, double y, out int slot, out double result)
        {
            var (kx, ky) = (BitConverter.DoubleToInt64Bits(x), BitConverter.DoubleToInt64Bits(y));
            slot = BitsKeys.Slot(kx ^ (long)((ulong)ky * 0xC2B2AE3D27D4EB4FUL), SlotBits);
            result = _results[slot];
            return _xs[slot] == kx && _ys[slot] == ky;
        }

        public double Keep(int slot, double x, double y, double result)
        {
            _xs[slot] = BitConverter.DoubleToInt64Bits(x);
            _ys[slot] = BitConverter.DoubleToInt64Bits(y);
            _results[slot] = result;
            return result;
        }
    }
}
