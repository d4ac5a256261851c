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

    private readonly long[] _logKeys = new long[Slots], _expKeys = new long[Slots], _expM1Keys = new long[Slots];
    private readonly double[] _logs = new double[Slots], _exps = new double[Slots], _expM1s = new double[Slots];

    private RecentResults()
    {
        var empty = BitConverter.Int64BitsToDouble(EmptyKey);
        Array.Fill(_logKeys, EmptyKey);
        Array.Fill(_expKeys, EmptyKey);
        Array.Fill(_expM1Keys, EmptyKey);
        Array.Fill(_logs, Math.Log(empty));
        Array.Fill(_exps, Math.Exp(empty));
        Array.Fill(_expM1s, SmallExponents.ExpM1(empty));
    }

    /// <summary>This thread's table.</summary>
    public static RecentResults Current => _current ??= new RecentResults();

    /// <summary><see cref="Math.Log(double)"/>.</summary>
    public double Log(double x)
    {
        var key = BitConverter.DoubleToInt64Bits(x);
        var slot = Slot(key);
        if (_logKeys[slot] == key) return _logs[slot];
        var result = Math.Log(x);
        _logKeys[slot] = key;
        _logs[slot] = result;
        return result;
    }

    /// <summary><see cref="Math.Exp(double)"/>.</summary>
    public double Exp(double x)
    {
        var key = BitConverter.DoubleToInt64Bits(x);
        var slot = Slot(key);
        if (_expKeys[slot] == key) return _exps[slot];
        var result = Math.Exp(x);
        _expKeys[slot] = key;
        _exps[slot] = result;
        return result;
    }

    /// <summary><see cref="SmallExponents.ExpM1"/>.</summary>
    public double ExpM1(double x)
    {
        var key = BitConverter.DoubleToInt64Bits(x);
        var slot = Slot(key);
        if (_expM1Keys[slot] == key) return _expM1s[slot];
        var result = SmallExponents.ExpM1(x);
        _expM1Keys[slot] = key;
        _expM1s[slot] = result;
        return result;
    }

    // Fibonacci hashing: the top bits of the product mix every bit of the argument.
    private static int Slot(long key) => (int)((ulong)key * 0x9E3779B97F4A7C15UL >> (64 - SlotBits));
}
