using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

using static Hounsfield.Dicom.Codecs.Jpeg.JpegTables;

namespace Hounsfield.Dicom.Codecs.Jpeg;

/// <summary>
/// Integer 8×8 inverse DCT: the Loeffler–Ligtenberg–Moschytz factorisation with 13-bit fixed-point
/// constants, columns first then rows, the arithmetic of the IJG "islow" method so that results
/// agree with libjpeg-based decoders (DCMTK). 8-bit samples keep 2 extra bits between the passes,
/// 12-bit samples 1.
/// </summary>
internal static class JpegIdct
{
    /// <summary>Dequantizes and inverse-transforms one block into 8 rows of <paramref name="output"/>.</summary>
    public static void Inverse(ReadOnlySpan<short> coefSpan, ReadOnlySpan<ushort> quantSpan, Span<ushort> output, int stride, int precision)
    {
        if (coefSpan.Length < 64 || quantSpan.Length < 64 || output.Length < 7 * stride + 8) JpegBitReader.Throw("internal error: a block buffer is too small");
        if (JpegIdctAvx2.IsSupported)
            JpegIdctAvx2.Inverse(ref MemoryMarshal.GetReference(coefSpan), ref MemoryMarshal.GetReference(quantSpan), ref MemoryMarshal.GetReference(output), stride, precision);
        else InverseScalar(coefSpan, quantSpan, output, stride, precision);
    }

    /// <summary>
    /// A block whose AC coefficients are all zero: every sample is the same, the value the full
    /// transform would give (its column and row passes reduce to these shifts exactly).
    /// </summary>
    public static void InverseDcOnly(int dc, int q0, Span<ushort> output, int stride, int precision)
    {
        if (output.Length < 7 * stride + 8) JpegBitReader.Throw("internal error: a block buffer is too small");
        var pass1 = precision == 8 ? 2 : 1;
        var max = (1 << precision) - 1;
        var v = Limit((((dc * q0) << pass1) + (1 << (pass1 + 2))) >> (pass1 + 3), 1 << (precision - 1), max, (max + 1) * 4 - 1, (max + 1) * 2);
        for (var r = 0; r < 8; r++) output.Slice(r * stride, 8).Fill(v);
    }

    /// <summary>The portable form of <see cref="Inverse"/>; the vector form must match it bit for bit.</summary>
    [SkipLocalsInit]
    internal static void InverseScalar(ReadOnlySpan<short> coefSpan, ReadOnlySpan<ushort> quantSpan, Span<ushort> output, int stride, int precision)
    {
        var pass1 = precision == 8 ? 2 : 1;
        var center = 1 << (precision - 1);
        var max = (1 << precision) - 1;
        var rangeMask = (max + 1) * 4 - 1;
        var half = (max + 1) * 2;
        if (coefSpan.Length < 64 || quantSpan.Length < 64 || output.Length < 7 * stride + 8) JpegBitReader.Throw("internal error: a block buffer is too small");
        Span<int> wsSpan = stackalloc int[64];
        ref var ws = ref MemoryMarshal.GetReference(wsSpan);
        ref var coef = ref MemoryMarshal.GetReference(coefSpan);
        ref var quant = ref MemoryMarshal.GetReference(quantSpan);
        // Pass 1: columns.
        for (var c = 0; c < 8; c++)
        {
            ref var ci = ref Unsafe.Add(ref coef, c);
            ref var qi = ref Unsafe.Add(ref quant, c);
            ref var wi = ref Unsafe.Add(ref ws, c);
            if (Unsafe.Add(ref ci, 8) == 0 && Unsafe.Add(ref ci, 16) == 0 && Unsafe.Add(ref ci, 24) == 0 && Unsafe.Add(ref ci, 32) == 0 &&
                Unsafe.Add(ref ci, 40) == 0 && Unsafe.Add(ref ci, 48) == 0 && Unsafe.Add(ref ci, 56) == 0)
            {
                var dc = ci * qi << pass1;
                for (var r = 0; r < 64; r += 8) Unsafe.Add(ref wi, r) = dc;
                continue;
            }
            int z2 = Unsafe.Add(ref ci, 16) * Unsafe.Add(ref qi, 16), z3 = Unsafe.Add(ref ci, 48) * Unsafe.Add(ref qi, 48);
            var z1 = (z2 + z3) * F0541196100;
            var tmp2 = z1 + z3 * -F1847759065;
            var tmp3 = z1 + z2 * F0765366865;
            z2 = ci * qi;
            z3 = Unsafe.Add(ref ci, 32) * Unsafe.Add(ref qi, 32);
            var tmp0 = (z2 + z3) << ConstBits;
            var tmp1 = (z2 - z3) << ConstBits;
            int tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;
            tmp0 = Unsafe.Add(ref ci, 56) * Unsafe.Add(ref qi, 56);
            tmp1 = Unsafe.Add(ref ci, 40) * Unsafe.Add(ref qi, 40);
            tmp2 = Unsafe.Add(ref ci, 24) * Unsafe.Add(ref qi, 24);
            tmp3 = Unsafe.Add(ref ci, 8) * Unsafe.Add(ref qi, 8);
            Odd(ref tmp0, ref tmp1, ref tmp2, ref tmp3);
            var sh = ConstBits - pass1;
            var rnd = 1 << (sh - 1);
            wi = (tmp10 + tmp3 + rnd) >> sh;
            Unsafe.Add(ref wi, 56) = (tmp10 - tmp3 + rnd) >> sh;
            Unsafe.Add(ref wi, 8) = (tmp11 + tmp2 + rnd) >> sh;
            Unsafe.Add(ref wi, 48) = (tmp11 - tmp2 + rnd) >> sh;
            Unsafe.Add(ref wi, 16) = (tmp12 + tmp1 + rnd) >> sh;
            Unsafe.Add(ref wi, 40) = (tmp12 - tmp1 + rnd) >> sh;
            Unsafe.Add(ref wi, 24) = (tmp13 + tmp0 + rnd) >> sh;
            Unsafe.Add(ref wi, 32) = (tmp13 - tmp0 + rnd) >> sh;
        }
        // Pass 2: rows, with the level shift and range limit folded in.
        var shift2 = ConstBits + pass1 + 3;
        var rnd2 = 1 << (shift2 - 1);
        ref var outRef = ref MemoryMarshal.GetReference(output);
        for (var r = 0; r < 8; r++)
        {
            ref var w = ref Unsafe.Add(ref ws, r * 8);
            ref var o = ref Unsafe.Add(ref outRef, r * stride);
            if (Unsafe.Add(ref w, 1) == 0 && Unsafe.Add(ref w, 2) == 0 && Unsafe.Add(ref w, 3) == 0 && Unsafe.Add(ref w, 4) == 0 &&
                Unsafe.Add(ref w, 5) == 0 && Unsafe.Add(ref w, 6) == 0 && Unsafe.Add(ref w, 7) == 0)
            {
                var v = Limit((w + (1 << (pass1 + 2))) >> (pass1 + 3), center, max, rangeMask, half);
                for (var i = 0; i < 8; i++) Unsafe.Add(ref o, i) = v;
                continue;
            }
            int z2 = Unsafe.Add(ref w, 2), z3 = Unsafe.Add(ref w, 6);
            var z1 = (z2 + z3) * F0541196100;
            var tmp2 = z1 + z3 * -F1847759065;
            var tmp3 = z1 + z2 * F0765366865;
            var tmp0 = (w + Unsafe.Add(ref w, 4)) << ConstBits;
            var tmp1 = (w - Unsafe.Add(ref w, 4)) << ConstBits;
            int tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;
            tmp0 = Unsafe.Add(ref w, 7);
            tmp1 = Unsafe.Add(ref w, 5);
            tmp2 = Unsafe.Add(ref w, 3);
            tmp3 = Unsafe.Add(ref w, 1);
            Odd(ref tmp0, ref tmp1, ref tmp2, ref tmp3);
            o = Limit((tmp10 + tmp3 + rnd2) >> shift2, center, max, rangeMask, half);
            Unsafe.Add(ref o, 7) = Limit((tmp10 - tmp3 + rnd2) >> shift2, center, max, rangeMask, half);
            Unsafe.Add(ref o, 1) = Limit((tmp11 + tmp2 + rnd2) >> shift2, center, max, rangeMask, half);
            Unsafe.Add(ref o, 6) = Limit((tmp11 - tmp2 + rnd2) >> shift2, center, max, rangeMask, half);
            Unsafe.Add(ref o, 2) = Limit((tmp12 + tmp1 + rnd2) >> shift2, center, max, rangeMask, half);
            Unsafe.Add(ref o, 5) = Limit((tmp12 - tmp1 + rnd2) >> shift2, center, max, rangeMask, half);
            Unsafe.Add(ref o, 3) = Limit((tmp13 + tmp0 + rnd2) >> shift2, center, max, rangeMask, half);
            Unsafe.Add(ref o, 4) = Limit((tmp13 - tmp0 + rnd2) >> shift2, center, max, rangeMask, half);
        }
    }

    /// <summary>Odd part: inputs are the coefficients 7, 5, 3, 1; outputs the four odd terms.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Odd(ref int tmp0, ref int tmp1, ref int tmp2, ref int tmp3)
    {
        var z1 = tmp0 + tmp3;
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
    }

    /// <summary>
    /// Level shift and clamp. Values are first wrapped to the range ±2·(max+1), as a range-limit table
    /// indexed with a mask would, so wildly corrupt coefficients give the same result as IJG code.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort Limit(int v, int center, int max, int rangeMask, int half)
    {
        v = ((v + half) & rangeMask) - half + center;
        return (ushort)(v < 0 ? 0 : v > max ? max : v);
    }
}
