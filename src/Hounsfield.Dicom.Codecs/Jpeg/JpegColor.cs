namespace Hounsfield.Dicom.Codecs.Jpeg;

/// <summary>Upsampling and YCbCr → RGB conversion with the integer arithmetic of IJG-based decoders.</summary>
internal static class JpegColor
{
    /// <summary>
    /// Brings a component to full resolution: "fancy" triangle-filter upsampling for 2:1 horizontal
    /// and 2:1 both ways (edges replicated), plain replication for other integral factors.
    /// Returns the plane (pooled when it is not the component's own) and its stride.
    /// </summary>
    public static (ushort[] Plane, int Stride) Upsample(JpegComponent c, int hmax, int vmax, int width, int height)
    {
        if (c.H == hmax && c.V == vmax) return (c.Samples!, c.Stride);
        if (hmax % c.H != 0 || vmax % c.V != 0) JpegBitReader.Throw("non-integral sampling factor ratios are not supported");
        int fh = hmax / c.H, fv = vmax / c.V;
        var inW = c.Width;
        var inH = c.Height;
        var src = c.Samples!;
        var ss = c.Stride;
        var stride = inW * fh;
        var outRows = inH * fv;
        var dst = JpegDecoder.Rent((long)stride * outRows);
        if (fh == 2 && fv == 1 && inW > 1)
        {
            for (var y = 0; y < inH; y++) H2Row(src.AsSpan(y * ss, inW), dst.AsSpan(y * stride, stride));
        }
        else if (fh == 2 && fv == 2 && inW > 1)
        {
            for (var y = 0; y < inH; y++)
            {
                var cur = src.AsSpan(y * ss, inW);
                var above = src.AsSpan(Math.Max(y - 1, 0) * ss, inW);
                var below = src.AsSpan(Math.Min(y + 1, inH - 1) * ss, inW);
                H2V2Row(cur, above, dst.AsSpan(2 * y * stride, stride));
                H2V2Row(cur, below, dst.AsSpan((2 * y + 1) * stride, stride));
            }
        }
        else
        {
            for (var y = 0; y < outRows; y++)
            {
                var s = src.AsSpan(y / fv * ss, inW);
                var d = dst.AsSpan(y * stride, stride);
                for (var x = 0; x < stride; x++) d[x] = s[x / fh];
            }
        }
        return (dst, stride);
    }

    /// <summary>True when the component is upsampled 2:1 horizontally only, which can be done row by row.</summary>
    public static bool IsH2V1(JpegComponent c, int hmax, int vmax) => c.H * 2 == hmax && c.V == vmax && c.Width > 1;

    /// <summary>Row <paramref name="y"/> of an <see cref="IsH2V1"/> component at full resolution (2·Width samples).</summary>
    public static void UpsampleRow(JpegComponent c, int y, Span<ushort> d) => H2Row(c.Samples.AsSpan(y * c.Stride, c.Width), d);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void H2Row(ReadOnlySpan<ushort> s, Span<ushort> d)
    {
        var n = s.Length;
        d[0] = s[0];
        d[1] = (ushort)((s[0] * 3 + s[1] + 2) >> 2);
        for (var i = JpegColorSimd.H2Interior(s, d); i < n - 1; i++)
        {
            var v = s[i] * 3;
            d[2 * i] = (ushort)((v + s[i - 1] + 1) >> 2);
            d[2 * i + 1] = (ushort)((v + s[i + 1] + 2) >> 2);
        }
        d[2 * n - 2] = (ushort)((s[n - 1] * 3 + s[n - 2] + 1) >> 2);
        d[2 * n - 1] = s[n - 1];
    }

    private static void H2V2Row(ReadOnlySpan<ushort> cur, ReadOnlySpan<ushort> near, Span<ushort> d)
    {
        var n = cur.Length;
        int last = cur[0] * 3 + near[0];
        int next = cur[1] * 3 + near[1];
        d[0] = (ushort)((last * 4 + 8) >> 4);
        d[1] = (ushort)((last * 3 + next + 7) >> 4);
        var thisSum = next;
        for (var i = 1; i < n - 1; i++)
        {
            next = cur[i + 1] * 3 + near[i + 1];
            d[2 * i] = (ushort)((thisSum * 3 + last + 8) >> 4);
            d[2 * i + 1] = (ushort)((thisSum * 3 + next + 7) >> 4);
            last = thisSum;
            thisSum = next;
        }
        d[2 * n - 2] = (ushort)((thisSum * 3 + last + 8) >> 4);
        d[2 * n - 1] = (ushort)((thisSum * 4 + 7) >> 4);
    }

    private const int ScaleBits = 16;
    private const int OneHalf = 1 << (ScaleBits - 1);
    private static int Fix(double x) => (int)(x * (1 << ScaleBits) + 0.5);

    /// <summary>Converts one row of full-resolution YCbCr (JFIF, full range) to RGB in place.</summary>
    public static void YccToRgbRow(Span<ushort> y, Span<ushort> cb, Span<ushort> cr, int precision)
    {
        var max = (1 << precision) - 1;
        var center = 1 << (precision - 1);
        int fr = Fix(1.40200), fb = Fix(1.77200), fgr = Fix(0.71414), fgb = Fix(0.34414);
        for (var i = 0; i < y.Length; i++)
        {
            int yy = y[i], b = cb[i] - center, r = cr[i] - center;
            var rr = yy + ((fr * r + OneHalf) >> ScaleBits);
            var gg = yy + ((-fgb * b + OneHalf - fgr * r) >> ScaleBits);
            var bb = yy + ((fb * b + OneHalf) >> ScaleBits);
            y[i] = (ushort)Math.Clamp(rr, 0, max);
            cb[i] = (ushort)Math.Clamp(gg, 0, max);
            cr[i] = (ushort)Math.Clamp(bb, 0, max);
        }
    }

    /// <summary>Copies 8-bit samples held as ushort into bytes.</summary>
    public static void Narrow(ReadOnlySpan<ushort> s, Span<byte> d)
    {
        d = d[..s.Length];
        for (var i = 0; i < s.Length; i++) d[i] = (byte)s[i];
    }

    /// <summary>Interleaves three 8-bit planes' rows.</summary>
    public static void Interleave8(ReadOnlySpan<ushort> a, ReadOnlySpan<ushort> b, ReadOnlySpan<ushort> c, Span<byte> d)
    {
        d = d[..(3 * a.Length)];
        b = b[..a.Length];
        c = c[..a.Length];
        for (int i = 0, j = 0; i < a.Length; i++, j += 3)
        {
            d[j] = (byte)a[i];
            d[j + 1] = (byte)b[i];
            d[j + 2] = (byte)c[i];
        }
    }

    /// <summary>YCbCr rows (8-bit) to interleaved RGB bytes, same arithmetic as <see cref="YccToRgbRow"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void YccToRgb8(ReadOnlySpan<ushort> y, ReadOnlySpan<ushort> cb, ReadOnlySpan<ushort> cr, Span<byte> d)
    {
        int fr = Fix(1.40200), fb = Fix(1.77200), fgr = Fix(0.71414), fgb = Fix(0.34414);
        d = d[..(3 * y.Length)];
        cb = cb[..y.Length];
        cr = cr[..y.Length];
        var done = JpegColorSimd.YccToRgb8(y, cb, cr, d, fr, fb, fgr, fgb, OneHalf, ScaleBits);
        for (int i = done, j = 3 * done; i < y.Length; i++, j += 3)
        {
            int yy = y[i], b = cb[i] - 128, r = cr[i] - 128;
            var rr = yy + ((fr * r + OneHalf) >> ScaleBits);
            var gg = yy + ((-fgb * b + OneHalf - fgr * r) >> ScaleBits);
            var bb = yy + ((fb * b + OneHalf) >> ScaleBits);
            d[j] = (byte)(rr < 0 ? 0 : rr > 255 ? 255 : rr);
            d[j + 1] = (byte)(gg < 0 ? 0 : gg > 255 ? 255 : gg);
            d[j + 2] = (byte)(bb < 0 ? 0 : bb > 255 ? 255 : bb);
        }
    }
}
