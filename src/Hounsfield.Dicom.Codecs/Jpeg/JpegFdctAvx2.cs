using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

using static Hounsfield.Dicom.Codecs.Jpeg.JpegTables;

namespace Hounsfield.Dicom.Codecs.Jpeg;

/// <summary>
/// The integer forward DCT of <see cref="JpegFdct"/> with AVX2, eight rows (then columns) at a
/// time in 32-bit lanes; term for term the scalar arithmetic, so the coefficients are identical.
/// </summary>
internal static class JpegFdctAvx2
{
    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>
    /// <see cref="Forward"/> then quantization: coefficient / (8·q) rounded half away from zero, by
    /// exact reciprocal multiplication (<paramref name="recip"/>[i] = ⌈2^32 / d⌉, <paramref name="half"/>[i] = d / 2,
    /// both natural order), clamped to ±<paramref name="maxCoef"/>, stored as shorts in natural order.
    /// Returns a mask of the non-zero coefficients (bit i for natural index i).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong ForwardQuantize(ref int samples, int stride, int center, int precision, ref int half, ref uint recip, int maxCoef, ref short output)
    {
        Span<int> coefs = stackalloc int[64];
        ref var c = ref coefs[0];
        Forward(ref samples, stride, center, precision, ref c);
        var max = Vector256.Create(maxCoef);
        ulong nonZero = 0;
        for (var row = 0; row < 8; row += 2)
        {
            var a = Quantize(Vector256.LoadUnsafe(ref c, (nuint)(row * 8)), Vector256.LoadUnsafe(ref half, (nuint)(row * 8)),
                Vector256.LoadUnsafe(ref recip, (nuint)(row * 8)), max);
            var b = Quantize(Vector256.LoadUnsafe(ref c, (nuint)(row * 8 + 8)), Vector256.LoadUnsafe(ref half, (nuint)(row * 8 + 8)),
                Vector256.LoadUnsafe(ref recip, (nuint)(row * 8 + 8)), max);
            var packed = Avx2.Permute4x64(Avx2.PackSignedSaturate(a, b).AsInt64(), 0xD8).AsInt16();
            packed.StoreUnsafe(ref output, (nuint)(row * 8));
            var zero = Vector256.ExtractMostSignificantBits(Vector256.Equals(packed, Vector256<short>.Zero));
            nonZero |= (ulong)(~zero & 0xFFFF) << (row * 8);
        }
        return nonZero;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Quantize(Vector256<int> v, Vector256<int> half, Vector256<uint> recip, Vector256<int> max)
    {
        var t = (Avx2.Abs(v).AsInt32() + half).AsUInt32();
        var even = Avx2.Multiply(t, recip);
        var odd = Avx2.Multiply(Avx2.ShiftRightLogical(t.AsUInt64(), 32).AsUInt32(), Avx2.ShiftRightLogical(recip.AsUInt64(), 32).AsUInt32());
        var quotient = Avx2.Blend(Avx2.ShiftRightLogical(even, 32).AsInt32(), odd.AsInt32(), 0b10101010);
        return Avx2.Sign(Avx2.Min(quotient, max), v);
    }

    /// <summary>
    /// Transforms the 8×8 samples at <paramref name="samples"/> (row stride <paramref name="stride"/>),
    /// level-shifted by <paramref name="center"/>, into <paramref name="output"/> in natural order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(ref int samples, int stride, int center, int precision, ref int output)
    {
        var pass1 = precision == 8 ? 2 : 1;
        var c = Vector256.Create(center);
        var v0 = Vector256.LoadUnsafe(ref samples) - c;
        var v1 = Vector256.LoadUnsafe(ref samples, (nuint)stride) - c;
        var v2 = Vector256.LoadUnsafe(ref samples, (nuint)(2 * stride)) - c;
        var v3 = Vector256.LoadUnsafe(ref samples, (nuint)(3 * stride)) - c;
        var v4 = Vector256.LoadUnsafe(ref samples, (nuint)(4 * stride)) - c;
        var v5 = Vector256.LoadUnsafe(ref samples, (nuint)(5 * stride)) - c;
        var v6 = Vector256.LoadUnsafe(ref samples, (nuint)(6 * stride)) - c;
        var v7 = Vector256.LoadUnsafe(ref samples, (nuint)(7 * stride)) - c;
        // Rows first: lane i of vector k is sample k of row i.
        JpegIdctAvx2.Transpose(ref v0, ref v1, ref v2, ref v3, ref v4, ref v5, ref v6, ref v7);
        Pass(ref v0, ref v1, ref v2, ref v3, ref v4, ref v5, ref v6, ref v7, ConstBits - pass1, pass1, true);
        JpegIdctAvx2.Transpose(ref v0, ref v1, ref v2, ref v3, ref v4, ref v5, ref v6, ref v7);
        Pass(ref v0, ref v1, ref v2, ref v3, ref v4, ref v5, ref v6, ref v7, ConstBits + pass1, pass1, false);
        v0.StoreUnsafe(ref output);
        v1.StoreUnsafe(ref output, 8);
        v2.StoreUnsafe(ref output, 16);
        v3.StoreUnsafe(ref output, 24);
        v4.StoreUnsafe(ref output, 32);
        v5.StoreUnsafe(ref output, 40);
        v6.StoreUnsafe(ref output, 48);
        v7.StoreUnsafe(ref output, 56);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Descale(Vector256<int> x, int n) => Vector256.ShiftRightArithmetic(x + Vector256.Create(1 << (n - 1)), n);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pass(ref Vector256<int> d0, ref Vector256<int> d1, ref Vector256<int> d2, ref Vector256<int> d3,
        ref Vector256<int> d4, ref Vector256<int> d5, ref Vector256<int> d6, ref Vector256<int> d7, int shift, int pass1, bool first)
    {
        var tmp0 = d0 + d7;
        var tmp7 = d0 - d7;
        var tmp1 = d1 + d6;
        var tmp6 = d1 - d6;
        var tmp2 = d2 + d5;
        var tmp5 = d2 - d5;
        var tmp3 = d3 + d4;
        var tmp4 = d3 - d4;
        var tmp10 = tmp0 + tmp3;
        var tmp13 = tmp0 - tmp3;
        var tmp11 = tmp1 + tmp2;
        var tmp12 = tmp1 - tmp2;
        if (first)
        {
            d0 = (tmp10 + tmp11) << pass1;
            d4 = (tmp10 - tmp11) << pass1;
        }
        else
        {
            d0 = Descale(tmp10 + tmp11, pass1);
            d4 = Descale(tmp10 - tmp11, pass1);
        }
        var z1 = (tmp12 + tmp13) * F0541196100;
        d2 = Descale(z1 + tmp13 * F0765366865, shift);
        d6 = Descale(z1 - tmp12 * F1847759065, shift);
        z1 = tmp4 + tmp7;
        var z2 = tmp5 + tmp6;
        var z3 = tmp4 + tmp6;
        var z4 = tmp5 + tmp7;
        var z5 = (z3 + z4) * F1175875602;
        tmp4 *= F0298631336;
        tmp5 *= F2053119869;
        tmp6 *= F3072711026;
        tmp7 *= F1501321110;
        z1 *= -F0899976223;
        z2 *= -F2562915447;
        z3 = z3 * -F1961570560 + z5;
        z4 = z4 * -F0390180644 + z5;
        d7 = Descale(tmp4 + z1 + z3, shift);
        d5 = Descale(tmp5 + z2 + z4, shift);
        d3 = Descale(tmp6 + z2 + z3, shift);
        d1 = Descale(tmp7 + z1 + z4, shift);
    }
}
