using System.Runtime.CompilerServices;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.Wavelet;

/// <summary>
/// Moves a line between the Mallat layout (lowpass samples first, then highpass) and the interleaved
/// order the 1-D lifting steps work on (T.800 F.3.3, F.4.3), for either start parity.
/// </summary>
internal static class MallatLayout
{
    /// <summary>Lowpass samples of a line of <paramref name="n"/> samples starting at coordinate <paramref name="start"/>.</summary>
    public static int LowCount(int n, int start) => (start + n + 1) / 2 - (start + 1) / 2;

    /// <summary>Mallat <paramref name="source"/> to interleaved <paramref name="target"/> (same length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Interleave<T>(ReadOnlySpan<T> source, Span<T> target, int start)
    {
        var n = target.Length;
        var low = LowCount(n, start);
        var odd = start & 1;
        // Lowpass samples sit where coordinate start + k is even, highpass ones where it is odd.
        for (int j = 0, k = odd; k < n; j++, k += 2) target[k] = source[j];
        for (int j = low, k = 1 - odd; k < n; j++, k += 2) target[k] = source[j];
    }

    /// <summary>Interleaved <paramref name="source"/> to Mallat <paramref name="target"/> (same length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Deinterleave<T>(ReadOnlySpan<T> source, Span<T> target, int start)
    {
        var n = source.Length;
        var low = LowCount(n, start);
        var odd = start & 1;
        for (int j = 0, k = odd; k < n; j++, k += 2) target[j] = source[k];
        for (int j = low, k = 1 - odd; k < n; j++, k += 2) target[j] = source[k];
    }
}
