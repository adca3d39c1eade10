using System.Numerics;
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
        MallatLayout.InverseRows(buffer, stride, w, h, x0, scratch.AsSpan(0, Math.Max(w, h)), Inverse1D);
        InverseColumns(buffer, stride, w, h, y0, scratch.AsSpan(Math.Max(w, h)));
    }

    /// <summary>Decomposes one level (the inverse of <see cref="InverseLevel"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForwardLevel(int[] buffer, int stride, int w, int h, int x0, int y0, int[] scratch)
    {
        if (w == 0 || h == 0) return;
        ForwardColumns(buffer, stride, w, h, y0, scratch.AsSpan(Math.Max(w, h)));
        MallatLayout.ForwardRows(buffer, stride, w, h, x0, scratch.AsSpan(0, Math.Max(w, h)), Forward1D);
    }

    /// <summary>Scratch ints a level of w×h needs.</summary>
    public static int ScratchSize(int w, int h) => Math.Max(w, h) + w * h;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Inverse1D(Span<int> x, int start)
    {
        if (x.Length == 1)
        {
            if ((start & 1) != 0) x[0] /= 2;
            return;
        }
        var odd = start & 1;
        Step(x, odd, -1, 2, 2);
        Step(x, 1 - odd, 1, 0, 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Forward1D(Span<int> x, int start)
    {
        if (x.Length == 1)
        {
            if ((start & 1) != 0) x[0] *= 2;
            return;
        }
        var odd = start & 1;
        Step(x, 1 - odd, -1, 0, 1);
        Step(x, odd, 1, 2, 2);
    }

    // x[k] += sign * ((x[k−1] + x[k+1] + add) >> shift) for k = first, first + 2, …, mirrored at the ends
    // (x has at least 2 samples).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Step(Span<int> x, int first, int sign, int add, int shift)
    {
        var n = x.Length;
        var k = first;
        if (k == 0)
        {
            x[0] += sign * ((x[1] + x[1] + add) >> shift);
            k = 2;
        }
        for (; k + 1 < n; k += 2) x[k] += sign * ((x[k - 1] + x[k + 1] + add) >> shift);
        if (k < n) x[k] += sign * ((x[k - 1] + x[k - 1] + add) >> shift);
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
        var odd = y0 & 1;
        MallatLayout.GatherRows<int>(buffer, stride, w, h, y0, t, interleave: true);
        for (var k = odd; k < h; k += 2) Lift(t, w, h, k, -1, 2, 2);
        for (var k = 1 - odd; k < h; k += 2) Lift(t, w, h, k, 1, 0, 1);
        MallatLayout.ScatterRows<int>(t, buffer, stride, w, h, y0, deinterleave: false);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardColumns(int[] buffer, int stride, int w, int h, int y0, Span<int> t)
    {
        if (h == 1)
        {
            if ((y0 & 1) != 0) for (var x = 0; x < w; x++) buffer[x] *= 2;
            return;
        }
        MallatLayout.GatherRows<int>(buffer, stride, w, h, y0, t, interleave: false);
        var odd = y0 & 1;
        for (var k = 1 - odd; k < h; k += 2) Lift(t, w, h, k, -1, 0, 1);
        for (var k = odd; k < h; k += 2) Lift(t, w, h, k, 1, 2, 2);
        MallatLayout.ScatterRows<int>(t, buffer, stride, w, h, y0, deinterleave: true);
    }

    // row k += sign * ((row above + row below + add) >> shift), mirrored at the ends.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Lift(Span<int> t, int w, int h, int k, int sign, int add, int shift)
    {
        var row = t.Slice(k * w, w);
        var above = t.Slice((k > 0 ? k - 1 : k + 1) * w, w);
        var below = t.Slice((k + 1 < h ? k + 1 : k - 1) * w, w);
        var x = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var offset = new Vector<int>(add);
            for (; x <= w - Vector<int>.Count; x += Vector<int>.Count)
            {
                var delta = Vector.ShiftRightArithmetic(new Vector<int>(above[x..]) + new Vector<int>(below[x..]) + offset, shift);
                var value = new Vector<int>(row[x..]);
                (sign > 0 ? value + delta : value - delta).CopyTo(row[x..]);
            }
        }
        for (; x < w; x++) row[x] += sign * ((above[x] + below[x] + add) >> shift);
    }
}
