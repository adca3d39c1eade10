using System.Runtime.CompilerServices;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.Wavelet;

/// <summary>A 1-D lifting pass over an interleaved line whose first sample has coordinate <paramref name="start"/>.</summary>
internal delegate void LineTransform<T>(Span<T> line, int start);

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

    /// <summary>
    /// The horizontal half of an inverse level: each row of the w×h area at the top left of
    /// <paramref name="buffer"/> is interleaved into <paramref name="line"/>, transformed and written back.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void InverseRows<T>(T[] buffer, int stride, int w, int h, int x0, Span<T> line, LineTransform<T> inverse)
    {
        line = line[..w];
        for (var y = 0; y < h; y++)
        {
            var row = buffer.AsSpan(y * stride, w);
            Interleave<T>(row, line, x0);
            inverse(line, x0);
            line.CopyTo(row);
        }
    }

    /// <summary>The horizontal half of a forward level (the inverse of <see cref="InverseRows"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForwardRows<T>(T[] buffer, int stride, int w, int h, int x0, Span<T> line, LineTransform<T> forward)
    {
        line = line[..w];
        for (var y = 0; y < h; y++)
        {
            var row = buffer.AsSpan(y * stride, w);
            row.CopyTo(line);
            forward(line, x0);
            Deinterleave<T>(line, row, x0);
        }
    }

    /// <summary>
    /// Copies the h rows of the area into <paramref name="rows"/> (w samples each) in spatial order,
    /// from the Mallat layout when <paramref name="interleave"/> (lowpass rows first), else as they are.
    /// </summary>
    public static void GatherRows<T>(T[] buffer, int stride, int w, int h, int y0, Span<T> rows, bool interleave)
    {
        for (var k = 0; k < h; k++) buffer.AsSpan((interleave ? MallatRow(k, h, y0) : k) * stride, w).CopyTo(rows.Slice(k * w, w));
    }

    /// <summary>Copies <paramref name="rows"/> back into the area, into the Mallat layout when <paramref name="deinterleave"/>.</summary>
    public static void ScatterRows<T>(ReadOnlySpan<T> rows, T[] buffer, int stride, int w, int h, int y0, bool deinterleave)
    {
        for (var k = 0; k < h; k++) rows.Slice(k * w, w).CopyTo(buffer.AsSpan((deinterleave ? MallatRow(k, h, y0) : k) * stride, w));
    }

    // Where the row of coordinate y0 + k sits in the Mallat layout.
    private static int MallatRow(int k, int h, int y0) => ((k + (y0 & 1)) & 1) == 0 ? k >> 1 : LowCount(h, y0) + (k >> 1);
}
