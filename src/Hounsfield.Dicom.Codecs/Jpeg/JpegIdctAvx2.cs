using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

using static Hounsfield.Dicom.Codecs.Jpeg.JpegTables;

namespace Hounsfield.Dicom.Codecs.Jpeg;

/// <summary>
/// The integer inverse DCT of <see cref="JpegIdct"/> with AVX2: each pass works on all eight
/// columns (or rows) at once in 32-bit lanes. The arithmetic is term for term that of the scalar
/// code, including 32-bit wrap-around, so the samples are bit-identical.
/// </summary>
internal static class JpegIdctAvx2
{
    public static bool IsSupported => Avx2.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Inverse(ref short coef, ref ushort quant, ref ushort output, int stride, int precision)
    {
        var pass1 = precision == 8 ? 2 : 1;
        var v0 = Load(ref coef, ref quant, 0);
        var v1 = Load(ref coef, ref quant, 8);
        var v2 = Load(ref coef, ref quant, 16);
        var v3 = Load(ref coef, ref quant, 24);
        var v4 = Load(ref coef, ref quant, 32);
        var v5 = Load(ref coef, ref quant, 40);
        var v6 = Load(ref coef, ref quant, 48);
        var v7 = Load(ref coef, ref quant, 56);
        // IJG takes a short cut for columns (then rows) whose AC terms are zero. It gives what the
        // full pass gives unless DC << 13 overflows, which only wildly corrupt coefficients reach:
        // then the short cut is applied lane by lane.
        var wide = Wide(v0);
        var acZero = wide ? Vector256.Equals(v1 | v2 | v3 | v4 | v5 | v6 | v7, Vector256<int>.Zero) : default;
        var dc = v0 << pass1;
        Pass(ref v0, ref v1, ref v2, ref v3, ref v4, ref v5, ref v6, ref v7, ConstBits - pass1);
        if (wide) Select(acZero, dc, ref v0, ref v1, ref v2, ref v3, ref v4, ref v5, ref v6, ref v7);
        Transpose(ref v0, ref v1, ref v2, ref v3, ref v4, ref v5, ref v6, ref v7);
        wide = Wide(v0);
        acZero = wide ? Vector256.Equals(v1 | v2 | v3 | v4 | v5 | v6 | v7, Vector256<int>.Zero) : default;
        dc = Vector256.ShiftRightArithmetic(v0 + Vector256.Create(1 << (pass1 + 2)), pass1 + 3);
        Pass(ref v0, ref v1, ref v2, ref v3, ref v4, ref v5, ref v6, ref v7, ConstBits + pass1 + 3);
        if (wide) Select(acZero, dc, ref v0, ref v1, ref v2, ref v3, ref v4, ref v5, ref v6, ref v7);
        var center = 1 << (precision - 1);
        var max = (1 << precision) - 1;
        var half = Vector256.Create((max + 1) * 2);
        var mask = Vector256.Create((max + 1) * 4 - 1);
        var offset = Vector256.Create(center - (max + 1) * 2);
        var hi = Vector256.Create(max);
        v0 = Limit(v0, half, mask, offset, hi);
        v1 = Limit(v1, half, mask, offset, hi);
        v2 = Limit(v2, half, mask, offset, hi);
        v3 = Limit(v3, half, mask, offset, hi);
        v4 = Limit(v4, half, mask, offset, hi);
        v5 = Limit(v5, half, mask, offset, hi);
        v6 = Limit(v6, half, mask, offset, hi);
        v7 = Limit(v7, half, mask, offset, hi);
        Transpose(ref v0, ref v1, ref v2, ref v3, ref v4, ref v5, ref v6, ref v7);
        StoreRows(v0, v1, ref output, 0, stride);
        StoreRows(v2, v3, ref output, 2, stride);
        StoreRows(v4, v5, ref output, 4, stride);
        StoreRows(v6, v7, ref output, 6, stride);
    }

    /// <summary>True when a lane lies outside ±2^17 (unsigned compare, so int.MinValue counts too).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Wide(Vector256<int> v) =>
        Vector256.GreaterThanOrEqualAny((v + Vector256.Create(1 << 17)).AsUInt32(), Vector256.Create(1u << 18));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Select(Vector256<int> mask, Vector256<int> value, ref Vector256<int> v0, ref Vector256<int> v1, ref Vector256<int> v2,
        ref Vector256<int> v3, ref Vector256<int> v4, ref Vector256<int> v5, ref Vector256<int> v6, ref Vector256<int> v7)
    {
        if (mask == Vector256<int>.Zero) return;
        v0 = Vector256.ConditionalSelect(mask, value, v0);
        v1 = Vector256.ConditionalSelect(mask, value, v1);
        v2 = Vector256.ConditionalSelect(mask, value, v2);
        v3 = Vector256.ConditionalSelect(mask, value, v3);
        v4 = Vector256.ConditionalSelect(mask, value, v4);
        v5 = Vector256.ConditionalSelect(mask, value, v5);
        v6 = Vector256.ConditionalSelect(mask, value, v6);
        v7 = Vector256.ConditionalSelect(mask, value, v7);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Load(ref short coef, ref ushort quant, int offset)
    {
        var c = Avx2.ConvertToVector256Int32(Vector128.LoadUnsafe(ref Unsafe.Add(ref coef, offset)));
        var q = Avx2.ConvertToVector256Int32(Vector128.LoadUnsafe(ref Unsafe.Add(ref quant, offset)));
        return Avx2.MultiplyLow(c, q);
    }

    /// <summary>Wraps to ±2·(max+1) as the scalar range limit does, then clamps to 0..max.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Limit(Vector256<int> v, Vector256<int> half, Vector256<int> mask, Vector256<int> offset, Vector256<int> max)
    {
        v = ((v + half) & mask) + offset;
        return Avx2.Min(Avx2.Max(v, Vector256<int>.Zero), max);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRows(Vector256<int> a, Vector256<int> b, ref ushort output, int row, int stride)
    {
        // packus interleaves the 128-bit lanes; the permute puts row a in the low half, row b in the high.
        var packed = Avx2.Permute4x64(Avx2.PackUnsignedSaturate(a, b).AsUInt64(), 0xD8).AsUInt16();
        packed.GetLower().StoreUnsafe(ref Unsafe.Add(ref output, row * stride));
        packed.GetUpper().StoreUnsafe(ref Unsafe.Add(ref output, (row + 1) * stride));
    }

    /// <summary>One 1-D pass over eight lanes: inputs are the eight frequencies, outputs the eight samples.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pass(ref Vector256<int> v0, ref Vector256<int> v1, ref Vector256<int> v2, ref Vector256<int> v3,
        ref Vector256<int> v4, ref Vector256<int> v5, ref Vector256<int> v6, ref Vector256<int> v7, int shift)
    {
        var z1 = (v2 + v6) * F0541196100;
        var tmp2 = z1 + v6 * -F1847759065;
        var tmp3 = z1 + v2 * F0765366865;
        var tmp0 = (v0 + v4) << ConstBits;
        var tmp1 = (v0 - v4) << ConstBits;
        var rnd = Vector256.Create(1 << (shift - 1));
        var tmp10 = tmp0 + tmp3 + rnd;
        var tmp13 = tmp0 - tmp3 + rnd;
        var tmp11 = tmp1 + tmp2 + rnd;
        var tmp12 = tmp1 - tmp2 + rnd;
        // Odd part on the coefficients 7, 5, 3, 1.
        tmp0 = v7;
        tmp1 = v5;
        tmp2 = v3;
        tmp3 = v1;
        z1 = tmp0 + tmp3;
        var z2 = tmp1 + tmp2;
        var z3 = tmp0 + tmp2;
        var z4 = tmp1 + tmp3;
        var z5 = (z3 + z4) * F1175875602;
        tmp0 *= F0298631336;
        tmp1 *= F2053119869;
        tmp2 *= F3072711026;
        tmp3 *= F1501321110;
        z1 *= -F0899976223;
        z2 *= -F2562915447;
        z3 = z3 * -F1961570560 + z5;
        z4 = z4 * -F0390180644 + z5;
        tmp0 += z1 + z3;
        tmp1 += z2 + z4;
        tmp2 += z2 + z3;
        tmp3 += z1 + z4;
        v0 = Vector256.ShiftRightArithmetic(tmp10 + tmp3, shift);
        v7 = Vector256.ShiftRightArithmetic(tmp10 - tmp3, shift);
        v1 = Vector256.ShiftRightArithmetic(tmp11 + tmp2, shift);
        v6 = Vector256.ShiftRightArithmetic(tmp11 - tmp2, shift);
        v2 = Vector256.ShiftRightArithmetic(tmp12 + tmp1, shift);
        v5 = Vector256.ShiftRightArithmetic(tmp12 - tmp1, shift);
        v3 = Vector256.ShiftRightArithmetic(tmp13 + tmp0, shift);
        v4 = Vector256.ShiftRightArithmetic(tmp13 - tmp0, shift);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Transpose(ref Vector256<int> r0, ref Vector256<int> r1, ref Vector256<int> r2, ref Vector256<int> r3,
        ref Vector256<int> r4, ref Vector256<int> r5, ref Vector256<int> r6, ref Vector256<int> r7)
    {
        var t0 = Avx2.UnpackLow(r0, r1);
        var t1 = Avx2.UnpackHigh(r0, r1);
        var t2 = Avx2.UnpackLow(r2, r3);
        var t3 = Avx2.UnpackHigh(r2, r3);
        var t4 = Avx2.UnpackLow(r4, r5);
        var t5 = Avx2.UnpackHigh(r4, r5);
        var t6 = Avx2.UnpackLow(r6, r7);
        var t7 = Avx2.UnpackHigh(r6, r7);
        var u0 = Avx2.UnpackLow(t0.AsInt64(), t2.AsInt64()).AsInt32();
        var u1 = Avx2.UnpackHigh(t0.AsInt64(), t2.AsInt64()).AsInt32();
        var u2 = Avx2.UnpackLow(t1.AsInt64(), t3.AsInt64()).AsInt32();
        var u3 = Avx2.UnpackHigh(t1.AsInt64(), t3.AsInt64()).AsInt32();
        var u4 = Avx2.UnpackLow(t4.AsInt64(), t6.AsInt64()).AsInt32();
        var u5 = Avx2.UnpackHigh(t4.AsInt64(), t6.AsInt64()).AsInt32();
        var u6 = Avx2.UnpackLow(t5.AsInt64(), t7.AsInt64()).AsInt32();
        var u7 = Avx2.UnpackHigh(t5.AsInt64(), t7.AsInt64()).AsInt32();
        r0 = Avx2.Permute2x128(u0, u4, 0x20);
        r1 = Avx2.Permute2x128(u1, u5, 0x20);
        r2 = Avx2.Permute2x128(u2, u6, 0x20);
        r3 = Avx2.Permute2x128(u3, u7, 0x20);
        r4 = Avx2.Permute2x128(u0, u4, 0x31);
        r5 = Avx2.Permute2x128(u1, u5, 0x31);
        r6 = Avx2.Permute2x128(u2, u6, 0x31);
        r7 = Avx2.Permute2x128(u3, u7, 0x31);
    }
}
