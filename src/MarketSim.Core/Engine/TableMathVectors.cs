using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MarketSim.Core.Engine;

/// <summary>
/// <see cref="TableMath"/> four arguments at a time, lane by lane the same operations as one argument (each fused
/// multiply-add fused, each table entry gathered), so the same bits. A block with any argument outside the tables'
/// range goes argument by argument.
/// </summary>
internal static partial class TableMath
{
    /// <summary>Whether this processor gathers table entries and fuses multiply-adds in 256-bit vectors.</summary>
    public static bool Vectorised { get; } = Avx2.IsSupported && Fma.IsSupported;

    /// <summary>e^x of each value, in place.</summary>
    public static void ExpInPlace(Span<double> values)
    {
        var i = 0;
        if (Vectorised)
            for (; i + 4 <= values.Length; i += 4)
            {
                var x = Vector256.LoadUnsafe(ref values[i]);
                var abstop = (x.AsUInt64() >>> 52) & Vector256.Create(0x7ffUL);
                if (Vector256.LessThanOrEqualAll(abstop - Vector256.Create(0x3c9UL), Vector256.Create(0x3eUL)))
                    Exp(x).StoreUnsafe(ref values[i]);
                else
                    for (var k = i; k < i + 4; k++) values[k] = Exp(values[k]);
            }
        for (; i < values.Length; i++) values[i] = Exp(values[i]);
    }

    /// <summary>
    /// The logarithms of four arguments, all of them positive normal numbers (<see cref="LogFits"/>); those near 1 take
    /// the near-one polynomial, as one argument would.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector256<double> Log(Vector256<double> x)
    {
        var table = Address(TableMathData.LogTable);
        var ix = x.AsUInt64();
        var tmp = ix - Vector256.Create(Off);
        var index = ((tmp >>> 45) & Vector256.Create(0x7fUL)) << 1;
        // k = tmp >> 52 as a signed 12-bit number, made a double exactly: 2^52 + 2048 + k less 2^52 + 2048.
        var kd = (((tmp >>> 52) ^ Vector256.Create(0x800UL)) | Vector256.Create(0x4330000000000000UL)).AsDouble()
            - Vector256.Create(4503599627372544.0);
        var invc = Avx2.GatherVector256((double*)table, index.AsInt64(), 8);
        var logc = Avx2.GatherVector256((double*)table + 1, index.AsInt64(), 8);
        var z = (ix - (tmp & Vector256.Create(0xfffUL << 52))).AsDouble();
        var r = Fma.MultiplyAdd(z, invc, Vector256.Create(-1.0));
        var w = Fma.MultiplyAdd(kd, Vector256.Create(Ln2Hi), logc);
        var hi = r + w;
        var lo = Fma.MultiplyAdd(kd, Vector256.Create(Ln2Lo), w - hi + r);
        var r2 = r * r;
        var r3 = r * r2;
        var poly = Fma.MultiplyAdd(Fma.MultiplyAdd(r, Vector256.Create(LogA4), Vector256.Create(LogA3)), r2,
            Fma.MultiplyAdd(r, Vector256.Create(LogA2), Vector256.Create(LogA1)));
        var result = Fma.MultiplyAdd(r3, poly, Fma.MultiplyAdd(r2, Vector256.Create(LogA0), lo)) + hi;
        var nearOne = Vector256.LessThan(ix - Vector256.Create(NearOneLow), Vector256.Create(NearOneWidth));
        return nearOne == Vector256<ulong>.Zero ? result : Vector256.ConditionalSelect(nearOne.AsDouble(), LogNearOne(x), result);
    }

    /// <summary>Whether every argument is a positive normal number, which <see cref="Log(Vector256{double})"/> serves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LogFits(Vector256<double> x) =>
        Vector256.LessThanAll((x.AsUInt64() >>> 48) - Vector256.Create(0x10UL), Vector256.Create(0x7ff0UL - 0x10));

    private static unsafe Vector256<double> Exp(Vector256<double> x)
    {
        var table = Address(TableMathData.ExpTable);
        var z = Fma.MultiplyAdd(x, Vector256.Create(InvLn2N), Vector256.Create(Shift));
        var ki = z.AsUInt64();
        var kd = z - Vector256.Create(Shift);
        var r = Fma.MultiplyAdd(kd, Vector256.Create(NegLn2HiN), x);
        r = Fma.MultiplyAdd(kd, Vector256.Create(NegLn2LoN), r);
        var index = ((ki & Vector256.Create(0x7fUL)) << 1).AsInt64();
        var tail = Avx2.GatherVector256((double*)table, index, 8);
        var scale = (Avx2.GatherVector256(table + 1, index, 8) + (ki << 45)).AsDouble();
        var r2 = r * r;
        var tmp = Fma.MultiplyAdd(Fma.MultiplyAdd(r, Vector256.Create(ExpC3), Vector256.Create(ExpC2)), r2, r + tail);
        tmp = Fma.MultiplyAdd(r2 * r2, Fma.MultiplyAdd(r, Vector256.Create(ExpC5), Vector256.Create(ExpC4)), tmp);
        return Fma.MultiplyAdd(scale, tmp, scale);
    }

    /// <summary>
    /// A table's address for the gathers. The tables are constants stored in the assembly's image, not objects of the
    /// collector's heap, so they never move and need no pinning.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe ulong* Address(ReadOnlySpan<ulong> table) => (ulong*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(table));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<double> LogNearOne(Vector256<double> x)
    {
        var r = x - Vector256.Create(1.0);
        var r2 = r * r;
        var r3 = r * r2;
        var inner = Fma.MultiplyAdd(r3, Vector256.Create(LogB10),
            Fma.MultiplyAdd(r2, Vector256.Create(LogB9), Fma.MultiplyAdd(r, Vector256.Create(LogB8), Vector256.Create(LogB7))));
        var middle = Fma.MultiplyAdd(inner, r3,
            Fma.MultiplyAdd(r2, Vector256.Create(LogB6), Fma.MultiplyAdd(r, Vector256.Create(LogB5), Vector256.Create(LogB4))));
        var bracket = Fma.MultiplyAdd(middle, r3,
            Fma.MultiplyAdd(r2, Vector256.Create(LogB3), Fma.MultiplyAdd(r, Vector256.Create(LogB2), Vector256.Create(LogB1))));
        var sum = Fma.MultiplyAdd(r, Vector256.Create(134217728.0), r);
        var rhi = Fma.MultiplyAdd(Vector256.Create(-134217728.0), r, sum);
        var rlo = r - rhi;
        var rhi2 = rhi * rhi;
        var hi = Fma.MultiplyAdd(rhi2, Vector256.Create(LogB0), r);
        var lo = Fma.MultiplyAdd(rhi2, Vector256.Create(LogB0), r - hi);
        lo = Fma.MultiplyAdd(Vector256.Create(LogB0) * rlo, r + rhi, lo);
        // At exactly 1 this gives +0, as the library returns there.
        return hi + Fma.MultiplyAdd(bracket, r3, lo);
    }
}
