namespace MarketSim.Core.Engine;

/// <summary>
/// Logarithms and exponentials the month asks for again and again with the same argument, remembered by the
/// argument's bits. Every cloud's capacity plan asks for the rent expected a fixed number of months ahead, the same
/// exponential every month. Valuing a fleet takes one per vintage, but vintages of one generation share a cash cost and so the
/// same ratio to the rent, and many share the months they are valued over: a few dozen distinct arguments among
/// thousands of calls. A function of one double gives the same result for the same bits, so a remembered result is
/// the result, in any month of any run: one table per thread, kept from run to run.
/// </summary>
internal sealed class RecentResults
{
    // 256 slots per function, each holding the last argument that hashed to it.
    private const int SlotBits = 8;
    private const int Slots = 1 << SlotBits;
    // The empty slots' argument: a NaN no arithmetic here produces, with its true result stored beside it, so even
    // that argument would be answered correctly.
    private static readonly long EmptyKey = BitConverter.DoubleToInt64Bits(double.NaN) ^ 0x5A5A5;

    [ThreadStatic] private static RecentResults? _current;

    private readonly Table _logs = new(Math.Log), _exps = new(Math.Exp), _expM1s = new(SmallExponents.ExpM1);

    /// <summary>This thread's table.</summary>
    public static RecentResults Current => _current ??= new RecentResults();

    /// <summary><see cref="Math.Log(double)"/>.</summary>
    public double Log(double x) => _logs.Find(x, out var slot, out var result) ? result : _logs.Keep(slot, x, Math.Log(x));

    /// <summary><see cref="Math.Exp(double)"/>.</summary>
    public double Exp(double x) => _exps.Find(x, out var slot, out var result) ? result : _exps.Keep(slot, x, Math.Exp(x));

    /// <summary><see cref="SmallExponents.ExpM1"/>.</summary>
    public double ExpM1(double x) =>
        _expM1s.Find(x, out var slot, out var result) ? result : _expM1s.Keep(slot, x, SmallExponents.ExpM1(x));

    // One function's slots. The function is called directly by the caller on a miss (no delegate in the hot path);
    // it is passed here only to fill the empty slots with the empty key's true result.
    private sealed class Table
    {
        private readonly long[] _keys = new long[Slots];
        private readonly double[] _results = new double[Slots];

        public Table(Func<double, double> function)
        {
            Array.Fill(_keys, EmptyKey);
            Array.Fill(_results, function(BitConverter.Int64BitsToDouble(EmptyKey)));
        }

        public bool Find(double x, out int slot, out double result)
        {
            var key = BitConverter.DoubleToInt64Bits(x);
            slot = Slot(key);
            result = _results[slot];
            return _keys[slot] == key;
        }

        public double Keep(int slot, double x, double result)
        {
            _keys[slot] = BitConverter.DoubleToInt64Bits(x);
            _results[slot] = result;
            return result;
        }
    }

    // Fibonacci hashing: the top bits of the product mix every bit of the argument.
    private static int Slot(long key) => (int)((ulong)key * 0x9E3779B97F4A7C15UL >> (64 - SlotBits));
}
