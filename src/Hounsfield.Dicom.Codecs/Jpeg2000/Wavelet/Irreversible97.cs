using System.Numerics;
using System.Runtime.CompilerServices;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.Wavelet;

/// <summary>
/// The irreversible 9/7 wavelet (T.800 F.3.8.2, F.4.8.2) by lifting in single precision, same layout and
/// extension rules as <see cref="Reversible53"/>. Lowpass gain 1, highpass gain 2 (the nominal gains of E.1.1.1).
/// </summary>
internal static class Irreversible97
{
    private const float Alpha = -1.586134342059924f, Beta = -0.052980118572961f, Gamma = 0.882911075530934f, Delta = 0.443506852043971f;
    private const float K = 1.230174104914001f;

    /// <summary>Reconstructs one level (see <see cref="Reversible53.InverseLevel"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void InverseLevel(float[] buffer, int stride, int w, int h, int x0, int y0, float[] scratch)
    {
        if (w == 0 || h == 0) return;
        MallatLayout.InverseRows(buffer, stride, w, h, x0, scratch.AsSpan(0, Math.Max(w, h)), Inverse1D);
        InverseColumns(buffer, stride, w, h, y0, scratch.AsSpan(Math.Max(w, h)));
    }

    /// <summary>Decomposes one level.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForwardLevel(float[] buffer, int stride, int w, int h, int x0, int y0, float[] scratch)
    {
        if (w == 0 || h == 0) return;
        ForwardColumns(buffer, stride, w, h, y0, scratch.AsSpan(Math.Max(w, h)));
        MallatLayout.ForwardRows(buffer, stride, w, h, x0, scratch.AsSpan(0, Math.Max(w, h)), Forward1D);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    // x[k] += c · (x[k−1] + x[k+1]) for k = first, first + 2, …, mirrored at the ends (x has at least 2 samples).
    private static void Step(Span<float> x, int first, float c)
    {
        var n = x.Length;
        var k = first;
        if (k == 0)
        {
            x[0] += c * (x[1] + x[1]);
            k = 2;
        }
        for (; k + 1 < n; k += 2) x[k] += c * (x[k - 1] + x[k + 1]);
        if (k < n) x[k] += c * (x[k - 1] + x[k - 1]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scale(Span<float> x, int first, float c)
    {
        for (var k = first; k < x.Length; k += 2) x[k] *= c;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Inverse1D(Span<float> x, int start)
    {
        if (x.Length == 1)
        {
            if ((start & 1) != 0) x[0] /= 2;
            return;
        }
        int even = start & 1, odd = 1 - even;
        Scale(x, even, K);
        Scale(x, odd, 1 / K);
        Step(x, even, -Delta);
        Step(x, odd, -Gamma);
        Step(x, even, -Beta);
        Step(x, odd, -Alpha);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Forward1D(Span<float> x, int start)
    {
        if (x.Length == 1)
        {
            if ((start & 1) != 0) x[0] *= 2;
            return;
        }
        int even = start & 1, odd = 1 - even;
        Step(x, odd, Alpha);
        Step(x, even, Beta);
        Step(x, odd, Gamma);
        Step(x, even, Delta);
        Scale(x, even, 1 / K);
        Scale(x, odd, K);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowStep(Span<float> t, int w, int h, int first, float c)
    {
        for (var k = first; k < h; k += 2)
        {
            var row = t.Slice(k * w, w);
            var above = t.Slice((k > 0 ? k - 1 : k + 1) * w, w);
            var below = t.Slice((k + 1 < h ? k + 1 : k - 1) * w, w);
            var x = 0;
            if (Vector.IsHardwareAccelerated)
                for (; x <= w - Vector<float>.Count; x += Vector<float>.Count)
                    (new Vector<float>(row[x..]) + c * (new Vector<float>(above[x..]) + new Vector<float>(below[x..]))).CopyTo(row[x..]);
            for (; x < w; x++) row[x] += c * (above[x] + below[x]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowScale(Span<float> t, int w, int h, int first, float c)
    {
        for (var k = first; k < h; k += 2)
        {
            var row = t.Slice(k * w, w);
            for (var x = 0; x < w; x++) row[x] *= c;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InverseColumns(float[] buffer, int stride, int w, int h, int y0, Span<float> t)
    {
        if (h == 1)
        {
            if ((y0 & 1) != 0) for (var x = 0; x < w; x++) buffer[x] /= 2;
            return;
        }
        int even = y0 & 1, odd = 1 - even;
        MallatLayout.GatherRows<float>(buffer, stride, w, h, y0, t, interleave: true);
        RowScale(t, w, h, even, K);
        RowScale(t, w, h, odd, 1 / K);
        RowStep(t, w, h, even, -Delta);
        RowStep(t, w, h, odd, -Gamma);
        RowStep(t, w, h, even, -Beta);
        RowStep(t, w, h, odd, -Alpha);
        MallatLayout.ScatterRows<float>(t, buffer, stride, w, h, y0, deinterleave: false);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardColumns(float[] buffer, int stride, int w, int h, int y0, Span<float> t)
    {
        if (h == 1)
        {
            if ((y0 & 1) != 0) for (var x = 0; x < w; x++) buffer[x] *= 2;
            return;
        }
        MallatLayout.GatherRows<float>(buffer, stride, w, h, y0, t, interleave: false);
        int even = y0 & 1, odd = 1 - even;
        RowStep(t, w, h, odd, Alpha);
        RowStep(t, w, h, even, Beta);
        RowStep(t, w, h, odd, Gamma);
        RowStep(t, w, h, even, Delta);
        RowScale(t, w, h, even, 1 / K);
        RowScale(t, w, h, odd, K);
        MallatLayout.ScatterRows<float>(t, buffer, stride, w, h, y0, deinterleave: true);
    }
}
