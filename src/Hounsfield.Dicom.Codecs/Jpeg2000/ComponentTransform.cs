using System.Runtime.CompilerServices;

namespace Hounsfield.Dicom.Codecs.Jpeg2000;

/// <summary>
/// The multiple component transformations of T.800 Annex G on the first three components: the reversible
/// RCT (G.2) with the 5/3 wavelet and the irreversible ICT (G.3, RGB ↔ YCbCr) with the 9/7.
/// </summary>
internal static class ComponentTransform
{
    /// <summary>Inverse RCT in place: (Y, Cb, Cr) → (R, G, B).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void InverseRct(Span<int> c0, Span<int> c1, Span<int> c2)
    {
        for (var i = 0; i < c0.Length; i++)
        {
            var g = c0[i] - ((c1[i] + c2[i]) >> 2);
            var r = c2[i] + g;
            var b = c1[i] + g;
            (c0[i], c1[i], c2[i]) = (r, g, b);
        }
    }

    /// <summary>Forward RCT in place: (R, G, B) → (Y, Cb, Cr).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForwardRct(Span<int> c0, Span<int> c1, Span<int> c2)
    {
        for (var i = 0; i < c0.Length; i++)
        {
            int r = c0[i], g = c1[i], b = c2[i];
            (c0[i], c1[i], c2[i]) = ((r + 2 * g + b) >> 2, b - g, r - g);
        }
    }

    /// <summary>Inverse ICT in place: (Y, Cb, Cr) → (R, G, B).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void InverseIct(Span<float> c0, Span<float> c1, Span<float> c2)
    {
        for (var i = 0; i < c0.Length; i++)
        {
            float y = c0[i], cb = c1[i], cr = c2[i];
            c0[i] = y + 1.402f * cr;
            c1[i] = y - 0.34413f * cb - 0.71414f * cr;
            c2[i] = y + 1.772f * cb;
        }
    }

    /// <summary>Forward ICT in place: (R, G, B) → (Y, Cb, Cr).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForwardIct(Span<float> c0, Span<float> c1, Span<float> c2)
    {
        for (var i = 0; i < c0.Length; i++)
        {
            float r = c0[i], g = c1[i], b = c2[i];
            c0[i] = 0.299f * r + 0.587f * g + 0.114f * b;
            c1[i] = -0.16875f * r - 0.33126f * g + 0.5f * b;
            c2[i] = 0.5f * r - 0.41869f * g - 0.08131f * b;
        }
    }
}
