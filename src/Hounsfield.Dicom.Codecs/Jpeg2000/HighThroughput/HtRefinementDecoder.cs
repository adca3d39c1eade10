namespace Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput;

/// <summary>
/// The HT SigProp and MagRef passes (ITU-T T.814 clause 7): after a cleanup pass at bit-plane p they code
/// bit-plane p−1 — MagRef one bit per sample the cleanup pass made significant (read backwards from the end
/// of the refinement segment), SigProp the significance and sign of insignificant samples next to significant
/// ones (read forwards from its start). Both visit stripes of 4 lines column by column.
/// </summary>
internal static class HtRefinementDecoder
{
    /// <summary>Applies the refinement passes in <paramref name="segment"/> to the cleanup result in <paramref name="samples"/>.</summary>
    /// <param name="segment">The SigProp+MagRef codeword segment.</param>
    /// <param name="passes">2 (SigProp) or 3 (SigProp and MagRef).</param>
    /// <param name="verticallyCausal">Stripes do not look at the next stripe (code-block style 0x08).</param>
    /// <param name="width">Code-block width.</param>
    /// <param name="height">Code-block height.</param>
    /// <param name="p">The cleanup pass's bit-plane (at least 1); the passes refine bit-plane p−1.</param>
    /// <param name="samples">Cleanup samples, updated in place.</param>
    /// <param name="newlySignificant">Scratch of at least 16 ints.</param>
    public static void Decode(ReadOnlySpan<byte> segment, int passes, bool verticallyCausal, int width, int height, int p, Span<int> samples, Span<int> newlySignificant)
    {
        if (passes > 2)
            MagnitudeRefinement(segment, width, height, p, samples);
        SignificancePropagation(segment, verticallyCausal, width, height, p, samples, newlySignificant);
    }

    private static void MagnitudeRefinement(ReadOnlySpan<byte> segment, int width, int height, int p, Span<int> samples)
    {
        var reader = ReverseBitReader.ForMagRef(segment);
        var bit = 1 << (p - 1);
        for (var stripe = 0; stripe < height; stripe += 4)
        {
            var stripeEnd = Math.Min(stripe + 4, height);
            for (var x = 0; x < width; x++)
                for (var y = stripe; y < stripeEnd; y++)
                {
                    var i = y * width + x;
                    if (samples[i] != 0 && reader.Read(1) != 0)
                        samples[i] += samples[i] > 0 ? bit : -bit;
                }
        }
    }

    private static void SignificancePropagation(ReadOnlySpan<byte> segment, bool verticallyCausal, int width, int height, int p, Span<int> samples, Span<int> newlySignificant)
    {
        var reader = new ForwardBitReader(segment, 0);
        var value = 1 << (p - 1);
        for (var stripe = 0; stripe < height; stripe += 4)
        {
            var stripeEnd = Math.Min(stripe + 4, height);
            var neighbourEnd = verticallyCausal ? stripeEnd : height;
            for (var group = 0; group < width; group += 4)
            {
                var groupEnd = Math.Min(group + 4, width);
                var count = 0;
                for (var x = group; x < groupEnd; x++)
                    for (var y = stripe; y < stripeEnd; y++)
                    {
                        var i = y * width + x;
                        if (samples[i] != 0 || !HasSignificantNeighbour(samples, width, neighbourEnd, x, y))
                            continue;
                        if (reader.Read(1) == 0)
                            continue;
                        // Significant from now on for the samples that follow; the sign comes after the group.
                        samples[i] = value;
                        newlySignificant[count++] = i;
                    }
                for (var k = 0; k < count; k++)
                    if (reader.Read(1) != 0)
                        samples[newlySignificant[k]] = -value;
            }
        }
    }

    /// <summary>
    /// Any of the 8 neighbours significant. Samples not yet visited in this pass hold their cleanup state, those
    /// visited hold their new state, which is exactly the causal neighbourhood the pass uses.
    /// </summary>
    private static bool HasSignificantNeighbour(Span<int> samples, int width, int neighbourEnd, int x, int y)
    {
        var x0 = Math.Max(x - 1, 0);
        var x1 = Math.Min(x + 1, width - 1);
        var y0 = Math.Max(y - 1, 0);
        var y1 = Math.Min(y + 1, neighbourEnd - 1);
        for (var ny = y0; ny <= y1; ny++)
            for (var nx = x0; nx <= x1; nx++)
                if (samples[ny * width + nx] != 0)
                    return true;
        return false;
    }
}
