using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Hounsfield.Dicom.Codecs.Jpeg;

/// <summary>
/// SIMD forms of the 8-bit hot paths of <see cref="JpegColor"/>: 2:1 horizontal "fancy" upsampling
/// and YCbCr → interleaved RGB. Each handles the bulk of a row and returns how many samples it did;
/// the caller finishes the row with the scalar code, so the integer arithmetic is the same throughout.
/// </summary>
internal static class JpegColorSimd
{
    /// <summary>pshufb masks placing 16 R, G and B bytes into 48 interleaved ones (0x80 = zero).</summary>
    private static readonly Vector128<byte>[] InterleaveMasks = BuildMasks(interleave: true);

    /// <summary>pshufb masks taking 16 R, G and B bytes out of 48 interleaved ones (0x80 = zero).</summary>
    private static readonly Vector128<byte>[] DeinterleaveMasks = BuildMasks(interleave: false);

    /// <summary>
    /// Nine masks, [a * 3 + b]: interleaving, a is the 16-byte output part and b the channel;
    /// de-interleaving, a is the channel and b the 16-byte input part.
    /// </summary>
    private static Vector128<byte>[] BuildMasks(bool interleave)
    {
        var masks = new Vector128<byte>[9];
        Span<byte> m = stackalloc byte[16];
        for (var a = 0; a < 3; a++)
            for (var b = 0; b < 3; b++)
            {
                for (var j = 0; j < 16; j++)
                {
                    if (interleave)
                    {
                        // Output byte 16a + j is channel (16a + j) % 3 of pixel (16a + j) / 3.
                        var k = a * 16 + j;
                        m[j] = k % 3 == b ? (byte)(k / 3) : (byte)0x80;
                    }
                    else
                    {
                        // Channel a of pixel j sits at byte 3j + a, in input part b if it falls there.
                        var k = 3 * j + a - 16 * b;
                        m[j] = k is >= 0 and < 16 ? (byte)k : (byte)0x80;
                    }
                }
                masks[a * 3 + b] = Vector128.Create((ReadOnlySpan<byte>)m);
            }
        return masks;
    }

    /// <summary>
    /// d[2i] = (3·s[i] + s[i−1] + 1) &gt;&gt; 2 and d[2i+1] = (3·s[i] + s[i+1] + 2) &gt;&gt; 2 for i from 1 while
    /// s[i+8] exists; returns the first i not done.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int H2Interior(ReadOnlySpan<ushort> s, Span<ushort> d)
    {
        if (!Sse2.IsSupported) return 1;
        var i = 1;
        if (d.Length < 2 * s.Length) return i;
        ref var sr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(s);
        ref var dr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(d);
        var one = Vector128.Create((ushort)1);
        var two = Vector128.Create((ushort)2);
        for (; i + 9 <= s.Length; i += 8)
        {
            var cur = Vector128.LoadUnsafe(ref sr, (nuint)i);
            var t = cur + cur + cur;
            var even = Vector128.ShiftRightLogical(t + Vector128.LoadUnsafe(ref sr, (nuint)(i - 1)) + one, 2);
            var odd = Vector128.ShiftRightLogical(t + Vector128.LoadUnsafe(ref sr, (nuint)(i + 1)) + two, 2);
            Sse2.UnpackLow(even, odd).StoreUnsafe(ref dr, (nuint)(2 * i));
            Sse2.UnpackHigh(even, odd).StoreUnsafe(ref dr, (nuint)(2 * i + 8));
        }
        return i;
    }

    /// <summary>Converts whole groups of 16 pixels of a row to RGB bytes; returns the number of pixels done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int YccToRgb8(ReadOnlySpan<ushort> y, ReadOnlySpan<ushort> cb, ReadOnlySpan<ushort> cr, Span<byte> d,
        int fr, int fb, int fgr, int fgb, int oneHalf, int scaleBits)
    {
        if (!Avx2.IsSupported) return 0;
        var n = y.Length;
        if (cb.Length < n || cr.Length < n || d.Length < 3 * n) return 0;
        ref var yr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(y);
        ref var br = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(cb);
        ref var rr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(cr);
        ref var dr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(d);
        var masks = InterleaveMasks;
        Vector128<byte> m0 = masks[0], m1 = masks[1], m2 = masks[2], m3 = masks[3], m4 = masks[4], m5 = masks[5], m6 = masks[6], m7 = masks[7], m8 = masks[8];
        var vfr = Vector256.Create(fr);
        var vfb = Vector256.Create(fb);
        var vfgr = Vector256.Create(-fgr);
        var vfgb = Vector256.Create(-fgb);
        var half = Vector256.Create(oneHalf);
        var center = Vector256.Create(128);
        var i = 0;
        for (; i + 16 <= n; i += 16)
        {
            var (r0, g0, b0) = Convert8(ref yr, ref br, ref rr, i, vfr, vfb, vfgr, vfgb, half, center, scaleBits);
            var (r1, g1, b1) = Convert8(ref yr, ref br, ref rr, i + 8, vfr, vfb, vfgr, vfgb, half, center, scaleBits);
            var r = ToBytes(r0, r1);
            var g = ToBytes(g0, g1);
            var b = ToBytes(b0, b1);
            ref var o = ref Unsafe.Add(ref dr, 3 * i);
            (Ssse3.Shuffle(r, m0) | Ssse3.Shuffle(g, m1) | Ssse3.Shuffle(b, m2)).StoreUnsafe(ref o);
            (Ssse3.Shuffle(r, m3) | Ssse3.Shuffle(g, m4) | Ssse3.Shuffle(b, m5)).StoreUnsafe(ref o, 16);
            (Ssse3.Shuffle(r, m6) | Ssse3.Shuffle(g, m7) | Ssse3.Shuffle(b, m8)).StoreUnsafe(ref o, 32);
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<int> R, Vector256<int> G, Vector256<int> B) Convert8(ref ushort yr, ref ushort br, ref ushort rr, int i,
        Vector256<int> fr, Vector256<int> fb, Vector256<int> mfgr, Vector256<int> mfgb, Vector256<int> half, Vector256<int> center, int scaleBits)
    {
        var yy = Avx2.ConvertToVector256Int32(Vector128.LoadUnsafe(ref yr, (nuint)i));
        var b = Avx2.ConvertToVector256Int32(Vector128.LoadUnsafe(ref br, (nuint)i)) - center;
        var r = Avx2.ConvertToVector256Int32(Vector128.LoadUnsafe(ref rr, (nuint)i)) - center;
        var red = yy + Vector256.ShiftRightArithmetic(fr * r + half, scaleBits);
        var green = yy + Vector256.ShiftRightArithmetic(mfgb * b + half + mfgr * r, scaleBits);
        var blue = yy + Vector256.ShiftRightArithmetic(fb * b + half, scaleBits);
        return (red, green, blue);
    }

    /// <summary>16 ints (values within ±32767) clamped to 0..255 as bytes, in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> ToBytes(Vector256<int> lo, Vector256<int> hi)
    {
        var words = Avx2.Permute4x64(Avx2.PackSignedSaturate(lo, hi).AsInt64(), 0xD8).AsInt16();
        return Sse2.PackUnsignedSaturate(words.GetLower(), words.GetUpper());
    }

    /// <summary>
    /// Interleaved 8-bit RGB to Y, Cb, Cr ints with the encoder's 16-bit fixed-point equations
    /// (coefficients in <paramref name="k"/>: yr, yg, yb, cbr, cbg, c5, crg, crb, then the Y rounding
    /// and the chroma offset); whole groups of 16 pixels only, returns how many were done.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int RgbToYcc8(ReadOnlySpan<byte> rgb, Span<int> y, Span<int> cb, Span<int> cr, ReadOnlySpan<int> k)
    {
        if (!Avx2.IsSupported) return 0;
        var n = y.Length;
        if (rgb.Length < 3 * n || cb.Length < n || cr.Length < n || k.Length < 10) return 0;
        ref var src = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(rgb);
        ref var yr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(y);
        ref var br = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(cb);
        ref var rr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(cr);
        var m = DeinterleaveMasks;
        Vector128<byte> m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7], m8 = m[8];
        var coef = new Coefficients(k);
        var i = 0;
        for (; i + 16 <= n; i += 16)
        {
            ref var p = ref Unsafe.Add(ref src, 3 * i);
            var a = Vector128.LoadUnsafe(ref p);
            var b = Vector128.LoadUnsafe(ref p, 16);
            var c = Vector128.LoadUnsafe(ref p, 32);
            var red = Ssse3.Shuffle(a, m0) | Ssse3.Shuffle(b, m1) | Ssse3.Shuffle(c, m2);
            var green = Ssse3.Shuffle(a, m3) | Ssse3.Shuffle(b, m4) | Ssse3.Shuffle(c, m5);
            var blue = Ssse3.Shuffle(a, m6) | Ssse3.Shuffle(b, m7) | Ssse3.Shuffle(c, m8);
            Ycc8(red, green, blue, ref yr, ref br, ref rr, i, coef);
            Ycc8(Sse2.ShiftRightLogical128BitLane(red, 8), Sse2.ShiftRightLogical128BitLane(green, 8), Sse2.ShiftRightLogical128BitLane(blue, 8),
                ref yr, ref br, ref rr, i + 8, coef);
        }
        return i;
    }

    private readonly struct Coefficients(ReadOnlySpan<int> k)
    {
        public readonly Vector256<int> Yr = Vector256.Create(k[0]), Yg = Vector256.Create(k[1]), Yb = Vector256.Create(k[2]);
        public readonly Vector256<int> Cbr = Vector256.Create(-k[3]), Cbg = Vector256.Create(-k[4]), C5 = Vector256.Create(k[5]);
        public readonly Vector256<int> Crg = Vector256.Create(-k[6]), Crb = Vector256.Create(-k[7]);
        public readonly Vector256<int> Half = Vector256.Create(k[8]), Offset = Vector256.Create(k[9]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Ycc8(Vector128<byte> red, Vector128<byte> green, Vector128<byte> blue, ref int y, ref int cb, ref int cr, int i, in Coefficients k)
    {
        var r = Avx2.ConvertToVector256Int32(red);
        var g = Avx2.ConvertToVector256Int32(green);
        var b = Avx2.ConvertToVector256Int32(blue);
        Vector256.ShiftRightArithmetic(k.Yr * r + k.Yg * g + k.Yb * b + k.Half, 16).StoreUnsafe(ref y, (nuint)i);
        Vector256.ShiftRightArithmetic(k.Cbr * r + k.Cbg * g + k.C5 * b + k.Offset, 16).StoreUnsafe(ref cb, (nuint)i);
        Vector256.ShiftRightArithmetic(k.C5 * r + k.Crg * g + k.Crb * b + k.Offset, 16).StoreUnsafe(ref cr, (nuint)i);
    }

    /// <summary>
    /// d[x] = (s[2x] + s[2x+1] + (x &amp; 1)) &gt;&gt; 1 for whole groups of 8 outputs whose inputs lie in
    /// <paramref name="s"/>; returns how many outputs were done.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Subsample2(ReadOnlySpan<int> s, Span<int> d)
    {
        if (!Avx2.IsSupported) return 0;
        ref var sr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(s);
        ref var dr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(d);
        var bias = Vector256.Create(0, 1, 0, 1, 0, 1, 0, 1);
        var x = 0;
        for (; 2 * x + 16 <= s.Length && x + 8 <= d.Length; x += 8)
        {
            // hadd sums pairs within each 128-bit lane; the permute restores their order.
            var sums = Avx2.HorizontalAdd(Vector256.LoadUnsafe(ref sr, (nuint)(2 * x)), Vector256.LoadUnsafe(ref sr, (nuint)(2 * x + 8)));
            sums = Avx2.Permute4x64(sums.AsInt64(), 0xD8).AsInt32();
            Vector256.ShiftRightArithmetic(sums + bias, 1).StoreUnsafe(ref dr, (nuint)x);
        }
        return x;
    }
}
