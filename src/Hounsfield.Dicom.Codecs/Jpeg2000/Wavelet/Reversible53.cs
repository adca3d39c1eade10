using System.Runtime.CompilerServices;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.Wavelet;

/// <summary>
/// The reversible 5/3 wavelet (T.800 F.3.8.1, F.4.8.1) by lifting, for any start parity, with periodic
/// symmetric extension. 2-D levels work on the Mallat layout: at each level the lowpass samples come first
/// in each row (and column), the highpass ones after them.
/// </summary>
internal static class Reversible53
{
    /// <summary>Reconstructs one level: the w×h area at the top left of <paramref name="buffer"/> (row stride <paramref name="stride"/>), area origin (x0, y0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void InverseLevel(int[] buffer, int stride, int w, int h, int x0, int y0, int[] scratch)
    {
        if (w == 0 || h == 0) return;
        var line = scratch.AsSpan(0, Math.Max(w, h));
        for (var y = 0; y < h; y++)
        {
            var row = buffer.AsSpan(y * stride, w);
            Interleave(row, line[..w], x0);
            Inverse1D(line[..w], x0);
            line[..w].CopyTo(row);
        }
        InverseColumns(buffer, stride, w, h, y0, scratch.AsSpan(Math.Max(w, h)));
    }

    /// <summary>Decomposes one level (the inverse of <see cref="InverseLevel"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForwardLevel(int[] buffer, int stride, int w, int h, int x0, int y0, int[] scratch)
    {
        if (w == 0 || h == 0) return;
        ForwardColumns(buffer, stride, w, h, y0, scratch.AsSpan(Math.Max(w, h)));
        var line = scratch.AsSpan(0, Math.Max(w, h));
        for (var y = 0; y < h; y++)
        {
            var row = buffer.AsSpan(y * stride, w);
            row.CopyTo(line);
            Forward1D(line[..w], x0);
            Deinterleave(line[..w], row, x0);
        }
    }

    /// <summary>Scratch ints a level of w×h needs.</summary>
    public static int ScratchSize(int w, int h) => Math.Max(w, h) + w * h;

    private static int LowCount(int n, int start) => (start + n + 1) / 2 - (start + 1) / 2;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Interleave(ReadOnlySpan<int> source, Span<int> target, int start)
    {
        var low = LowCount(target.Length, start);
        var odd = start & 1;
        for (var k = 0; k < target.Length; k++)
            target[k] = ((k + odd) & 1) == 0 ? source[k >> 1] : source[low + (k >> 1)];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Deinterleave(ReadOnlySpan<int> source, Span<int> target, int start)
    {
        var low = LowCount(source.Length, start);
        var odd = start & 1;
        for (var k = 0; k < source.Length; k++)
        {
            if (((k + odd) & 1) == 0) target[k >> 1] = source[k];
            else target[low + (k >> 1)] = source[k];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Inverse1D(Span<int> x, int start)
    {
        var n = x.Length;
        if (n == 1)
        {
            if ((start & 1) != 0) x[0] /= 2;
            return;
        }
        var odd = start & 1;
        for (var k = odd; k < n; k += 2)
        {
            int l = k > 0 ? x[k - 1] : x[k + 1], r = k + 1 < n ? x[k + 1] : x[k - 1];
            x[k] -= (l + r + 2) >> 2;
        }
        for (var k = 1 - odd; k < n; k += 2)
        {
            int l = k > 0 ? x[k - 1] : x[k + 1], r = k + 1 < n ? x[k + 1] : x[k - 1];
            x[k] += (l + r) >> 1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Forward1D(Span<int> x, int start)
    {
        var n = x.Length;
        if (n == 1)
        {
            if ((start & 1) != 0) x[0] *= 2;
            return;
        }
        var odd = start & 1;
        for (var k = 1 - odd; k < n; k += 2)
        {
            int l = k > 0 ? x[k - 1] : x[k + 1], r = k + 1 < n ? x[k + 1] : x[k - 1];
            x[k] -= (l + r) >> 1;
        }
        for (var k = odd; k < n; k += 2)
        {
            int l = k > 0 ? x[k - 1] : x[k + 1], r = k + 1 < n ? x[k + 1] : x[k - 1];
            x[k] += (l + r + 2) >> 2;
        }
    }

    // Columns are lifted a whole row at a time so the inner loops run along memory.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InverseColumns(int[] buffer, int stride, int w, int h, int y0, Span<int> t)
    {
        if (h == 1)
        {
            if ((y0 & 1) != 0) for (var x = 0; x < w; x++) buffer[x] /= 2;
            return;
        }
        var low = LowCount(h, y0);
        var odd = y0 & 1;
        for (var k = 0; k < h; k++)
        {
            var src = ((k + odd) & 1) == 0 ? k >> 1 : low + (k >> 1);
            buffer.AsSpan(src * stride, w).CopyTo(t.Slice(k * w, w));
        }
        for (var k = odd; k < h; k += 2) Lift(t, w, h, k, -1, 2, 2);
        for (var k = 1 - odd; k < h; k += 2) Lift(t, w, h, k, 1, 0, 1);
        for (var k = 0; k < h; k++) t.Slice(k * w, w).CopyTo(buffer.AsSpan(k * stride, w));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardColumns(int[] buffer, int stride, int w, int h, int y0, Span<int> t)
    {
        if (h == 1)
        {
            if ((y0 & 1) != 0) for (var x = 0; x < w; x++) buffer[x] *= 2;
            return;
        }
        for (var k = 0; k < h; k++) buffer.AsSpan(k * stride, w).CopyTo(t.Slice(k * w, w));
        var low = LowCount(h, y0);
        var odd = y0 & 1;
        for (var k = 1 - odd; k < h; k += 2) Lift(t, w, h, k, -1, 0, 1);
        for (var k = odd; k < h; k += 2) Lift(t, w, h, k, 1, 2, 2);
        for (var k = 0; k < h; k++)
        {
            var dst = ((k + odd) & 1) == 0 ? k >> 1 : low + (k >> 1);
            t.Slice(k * w, w).CopyTo(buffer.AsSpan(dst * stride, w));
        }
    }

    // row k += sign * ((row above + row below + add) >> shift), mirrored at the ends.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Lift(Span<int> t, int w, int h, int k, int sign, int add, int shift)
    {
        var row = t.Slice(k * w, w);
        var above = t.Slice((k > 0 ? k - 1 : k + 1) * w, w);
        var below = t.Slice((k + 1 < h ? k + 1 : k - 1) * w, w);
        if (sign > 0)
            for (var x = 0; x < w; x++) row[x] += (above[x] + below[x] + add) >> shift;
        else
            for (var x = 0; x < w; x++) row[x] -= (above[x] + below[x] + add) >> shift;
    }
}
