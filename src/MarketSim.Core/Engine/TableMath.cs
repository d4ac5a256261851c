using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MarketSim.Core.Engine;

/// <summary>
/// <c>exp</c>, <c>log</c> and <c>pow</c> computed as the C library of Linux (glibc 2.28 and later, on processors with fused
/// multiply-add) computes them: the table-driven algorithms of Arm's optimized-routines (Szabolcs Nagy, 2018; MIT
/// licence), with the same tables, the same operations in the same order and the same fused multiply-adds, so the
/// same bits for every argument. <see cref="Math.Exp"/> and <see cref="Math.Log"/> call that library through its
/// error-handling wrapper, about 7 ns a call; drawing a population takes some 40,000 of them with arguments that never
/// repeat, and the adoption scan one per adopter. Arguments outside the tables' range (zero, negatives, subnormals,
/// infinities, NaN, |x| of 512 or more for exp) go to <see cref="Math"/>, as the library's own special cases would.
/// </summary>
internal static partial class TableMath
{
    // The constants are the library's, written in decimal that reads back to the same bits.
    // exp: 2^(k/128) x e^r with |r| <= ln2/256, the first from the table and the second from a polynomial.
    private const double InvLn2N = 184.6649652337873, Shift = 6755399441055744.0;
    private const double NegLn2HiN = -0.005415212348111709, NegLn2LoN = -1.2864023111638346e-14;
    private const double ExpC2 = 0.49999999999996786, ExpC3 = 0.16666666666665886, ExpC4 = 0.0416666808410674,
        ExpC5 = 0.008333335853059549;

    // log: x = 2^k z, log(x) = k ln2 + log(c) + log1p(z/c - 1) for c near z from the table.
    private const ulong Off = 0x3fe6000000000000;
    private const double Ln2Hi = 0.6931471805598903, Ln2Lo = 5.497923018708371e-14;
    private const double LogA0 = -0.5000000000000001, LogA1 = 0.33333333331825593, LogA2 = -0.2499999999622955,
        LogA3 = 0.20000304511814496, LogA4 = -0.16667054827627667;
    // log near 1 (1 - 2^-4 < x < 1 + 0.064697265625): a longer polynomial in r = x - 1, without the table.
    private const ulong NearOneLow = 0x3FEE000000000000, NearOneWidth = 0x3090000000000;
    private const double LogB0 = -0.5, LogB1 = 0.3333333333333352, LogB2 = -0.24999999999998432,
        LogB3 = 0.19999999999320328, LogB4 = -0.16666666669929706, LogB5 = 0.14285715076560868,
        LogB6 = -0.12499997863982555, LogB7 = 0.11110712032936046, LogB8 = -0.10000486757818193,
        LogB9 = 0.09181994006195467, LogB10 = -0.08328363062289341;

    // pow: log(x) to extra precision (a head and a tail) from its own table, y times it, then e^ of that with the tail.
    private const ulong PowOff = 0x3fe6955500000000;
    private const double PowA0 = -0.5, PowA1 = -0.6666666666666679, PowA2 = 0.5000000000000007,
        PowA3 = 0.7999999995323976, PowA4 = -0.6666666663487739, PowA5 = -1.142909628459501,
        PowA6 = 1.0000415263675542;

    /// <summary>e^x, the same bits as the C library's <c>exp</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exp(double x)
    {
        if (!ExpFits(x)) return Math.Exp(x);
        var r = ExpReduce(x, out var ki);
        return ExpFinish(r, ki);
    }

    /// <summary>2^-54 &lt;= |x| &lt; 512: smaller, larger and not finite arguments are the library's special cases.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ExpFits(double x) =>
        (uint)(((int)(BitConverter.DoubleToUInt64Bits(x) >> 52) & 0x7ff) - 0x3c9) <= 0x3e;

    /// <summary>x = k ln2/128 + r: returns r, with k (in its low bits) in <paramref name="ki"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ExpReduce(double x, out ulong ki)
    {
        var z = Math.FusedMultiplyAdd(x, InvLn2N, Shift);
        ki = BitConverter.DoubleToUInt64Bits(z);
        var kd = z - Shift;
        var r = Math.FusedMultiplyAdd(kd, NegLn2HiN, x);
        return Math.FusedMultiplyAdd(kd, NegLn2LoN, r);
    }

    /// <summary>2^(k/128) from the table times e^r from the polynomial.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ExpFinish(double r, ulong ki)
    {
        ref var entry = ref Unsafe.Add(ref MemoryMarshal.GetReference(TableMathData.ExpTable), (nint)(2 * (ki & 0x7f)));
        var tail = BitConverter.UInt64BitsToDouble(entry);
        var scale = BitConverter.UInt64BitsToDouble(Unsafe.Add(ref entry, 1) + (ki << 45));
        var r2 = r * r;
        var tmp = Math.FusedMultiplyAdd(Math.FusedMultiplyAdd(r, ExpC3, ExpC2), r2, r + tail);
        tmp = Math.FusedMultiplyAdd(r2 * r2, Math.FusedMultiplyAdd(r, ExpC5, ExpC4), tmp);
        return Math.FusedMultiplyAdd(scale, tmp, scale);
    }

    /// <summary>The natural logarithm, the same bits as the C library's <c>log</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log(double x)
    {
        var ix = BitConverter.DoubleToUInt64Bits(x);
        if (ix - NearOneLow < NearOneWidth) return LogNearOne(x);
        // Subnormal, zero, negative, infinite or NaN: the library's special cases.
        if ((uint)((int)(ix >> 48) - 0x0010) >= 0x7ff0 - 0x0010) return Math.Log(x);
        var tmp = ix - Off;
        var k = (int)((long)tmp >> 52);
        ref var entry = ref Unsafe.Add(ref MemoryMarshal.GetReference(TableMathData.LogTable), (nint)(2 * ((tmp >> 45) & 0x7f)));
        var invc = BitConverter.UInt64BitsToDouble(entry);
        var logc = BitConverter.UInt64BitsToDouble(Unsafe.Add(ref entry, 1));
        var z = BitConverter.UInt64BitsToDouble(ix - (tmp & 0xfffUL << 52));
        var r = Math.FusedMultiplyAdd(z, invc, -1.0);
        double kd = k;
        var w = Math.FusedMultiplyAdd(kd, Ln2Hi, logc);
        var hi = r + w;
        var lo = Math.FusedMultiplyAdd(kd, Ln2Lo, w - hi + r);
        var r2 = r * r;
        var r3 = r * r2;
        var poly = Math.FusedMultiplyAdd(Math.FusedMultiplyAdd(r, LogA4, LogA3), r2, Math.FusedMultiplyAdd(r, LogA2, LogA1));
        return Math.FusedMultiplyAdd(r3, poly, Math.FusedMultiplyAdd(r2, LogA0, lo)) + hi;
    }

    /// <summary>
    /// x^y, the same bits as the C library's <c>pow</c>: for x positive and normal, y neither tiny nor huge, and a
    /// result neither overflowing nor underflowing; other arguments go to <see cref="Math.Pow"/>, as the library's own
    /// special cases would.
    /// </summary>
    public static double Pow(double x, double y)
    {
        var ix = BitConverter.DoubleToUInt64Bits(x);
        var topy = (int)(BitConverter.DoubleToUInt64Bits(y) >> 52) & 0x7ff;
        if ((uint)((int)(ix >> 52) - 1) >= 0x7fe || (uint)(topy - 0x3be) >= 0x80) return Math.Pow(x, y);
        var hi = PowLog(ix, out var lo);
        var ehi = y * hi;
        var elo = Math.FusedMultiplyAdd(y, lo, Math.FusedMultiplyAdd(hi, y, -ehi));
        if (!ExpFits(ehi)) return Math.Pow(x, y);
        // The library's exp with the tail of y log(x) added to the reduced argument.
        var r = elo + ExpReduce(ehi, out var ki);
        return ExpFinish(r, ki);
    }

    /// <summary>log(x) as a head and a tail, for <see cref="Pow"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double PowLog(ulong ix, out double tail)
    {
        var tmp = ix - PowOff;
        double kd = (int)((long)tmp >> 52);
        ref var entry = ref Unsafe.Add(ref MemoryMarshal.GetReference(TableMathData.PowLogTable), (nint)(3 * ((tmp >> 45) & 0x7f)));
        var invc = BitConverter.UInt64BitsToDouble(entry);
        var logc = BitConverter.UInt64BitsToDouble(Unsafe.Add(ref entry, 1));
        var logctail = BitConverter.UInt64BitsToDouble(Unsafe.Add(ref entry, 2));
        var z = BitConverter.UInt64BitsToDouble(ix - (tmp & 0xfffUL << 52));
        var t1 = Math.FusedMultiplyAdd(kd, Ln2Hi, logc);
        var lo1 = Math.FusedMultiplyAdd(kd, Ln2Lo, logctail);
        var r = Math.FusedMultiplyAdd(z, invc, -1.0);
        var ar = r * PowA0;
        var t2 = r + t1;
        var ar2 = r * ar;
        var lo2 = t1 - t2 + r;
        var ar3 = r * ar2;
        var lo3 = Math.FusedMultiplyAdd(ar, r, -ar2);
        var hi = t2 + ar2;
        var lo4 = t2 - hi + ar2;
        var q = Math.FusedMultiplyAdd(Math.FusedMultiplyAdd(r, PowA6, PowA5), ar2, Math.FusedMultiplyAdd(r, PowA4, PowA3));
        q = Math.FusedMultiplyAdd(ar2, q, Math.FusedMultiplyAdd(r, PowA2, PowA1));
        var lo = Math.FusedMultiplyAdd(ar3, q, lo1 + lo2 + lo3 + lo4);
        var y = hi + lo;
        tail = hi - y + lo;
        return y;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double LogNearOne(double x)
    {
        if (x == 1.0) return 0;
        var r = x - 1.0;
        var r2 = r * r;
        var r3 = r * r2;
        var inner = Math.FusedMultiplyAdd(r3, LogB10, Math.FusedMultiplyAdd(r2, LogB9, Math.FusedMultiplyAdd(r, LogB8, LogB7)));
        var middle = Math.FusedMultiplyAdd(inner, r3, Math.FusedMultiplyAdd(r2, LogB6, Math.FusedMultiplyAdd(r, LogB5, LogB4)));
        var bracket = Math.FusedMultiplyAdd(middle, r3, Math.FusedMultiplyAdd(r2, LogB3, Math.FusedMultiplyAdd(r, LogB2, LogB1)));
        // r split into a high part of 26 bits and the rest, so that -r^2/2 is summed with the rounding kept.
        var sum = Math.FusedMultiplyAdd(r, 134217728.0, r);
        var rhi = Math.FusedMultiplyAdd(-134217728.0, r, sum);
        var rlo = r - rhi;
        var rhi2 = rhi * rhi;
        var hi = Math.FusedMultiplyAdd(rhi2, LogB0, r);
        var lo = Math.FusedMultiplyAdd(rhi2, LogB0, r - hi);
        lo = Math.FusedMultiplyAdd(LogB0 * rlo, r + rhi, lo);
        return hi + Math.FusedMultiplyAdd(bracket, r3, lo);
    }
}
