using Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput;

/// <summary>
/// The HT block decoder (ITU-T T.814) behind <see cref="ICodeBlockDecoder"/>. Passes come in HT sets of a
/// cleanup pass and up to two refinement passes; earlier sets (and placeholder passes) are superseded by the
/// last one, which alone is decoded: with N passes the last set starts at pass 3·⌊(N−1)/3⌋ and its cleanup pass
/// codes bit-plane p = Mb − 1 − ZeroBitPlanes − ⌊(N−1)/3⌋ and everything above it.
/// </summary>
internal sealed class HtBlockDecoder : ICodeBlockDecoder
{
    private const int MaxWidth = 1024;
    private readonly int[] lineState = new int[2 * (MaxWidth + 4)];
    private readonly int[] newlySignificant = new int[16];

    /// <inheritdoc />
    public int Decode(in CodeBlockInput block, Span<int> samples)
    {
        int width = block.Width, height = block.Height;
        if (width < 1 || height < 1 || width > MaxWidth || height > MaxWidth || width * height > 4096)
            throw new DicomCodecException($"HT code-block size {width}x{height} out of range");
        if (block.MagnitudeBitPlanes is < 1 or > 30)
            throw new DicomCodecException($"HT code-block with {block.MagnitudeBitPlanes} magnitude bit-planes is not supported");
        if (samples.Length < width * height)
            throw new ArgumentException("sample buffer smaller than the code-block", nameof(samples));
        var output = samples[..(width * height)];
        output.Clear();
        if (block.PassCount <= 0)
            return Math.Max(block.MagnitudeBitPlanes - block.ZeroBitPlanes, 0);

        var skippedSets = (block.PassCount - 1) / 3;
        var passes = block.PassCount - 3 * skippedSets;
        var p = block.MagnitudeBitPlanes - 1 - block.ZeroBitPlanes - skippedSets;
        if (p < 0 || (passes > 1 && p < 1))
            throw new DicomCodecException("HT code-block: more coding passes than bit-planes");

        LocateSegments(block, 3 * skippedSets, passes, out var cleanup, out var refinement);
        // Only placeholder passes of the last HT set arrived (a SINGLEHT stream cut between quality layers): nothing decoded.
        if (cleanup.IsEmpty)
            return Math.Max(block.MagnitudeBitPlanes - block.ZeroBitPlanes, 0);
        HtCleanupDecoder.Decode(cleanup, width, height, p, block.MagnitudeBitPlanes - p + 1, output, lineState);
        if (passes == 1)
            return p;
        var causal = (block.Style & CodeBlockStyle.VerticallyCausal) != 0;
        HtRefinementDecoder.Decode(refinement, passes, causal, width, height, p, output, newlySignificant);
        return p - 1;
    }

    /// <summary>Finds the segment holding the cleanup pass <paramref name="cleanupPass"/> and the one after it.</summary>
    private static void LocateSegments(in CodeBlockInput block, int cleanupPass, int passes, out ReadOnlySpan<byte> cleanup, out ReadOnlySpan<byte> refinement)
    {
        cleanup = default;
        refinement = default;
        var data = block.Data;
        int offset = 0, passStart = 0;
        var found = false;
        foreach (var segment in block.Segments)
        {
            if (segment.Length < 0 || segment.Length > data.Length - offset)
                throw new DicomCodecException("HT code-block: segment lengths exceed the code-block data");
            var bytes = data.Slice(offset, segment.Length);
            if (!found && passStart + segment.PassCount > cleanupPass)
            {
                // Placeholder passes carry no bytes, so they may share the cleanup pass's segment; nothing may follow it there.
                if (passStart + segment.PassCount - 1 != cleanupPass)
                    throw new DicomCodecException("HT code-block: the cleanup pass does not end its codeword segment");
                cleanup = bytes;
                found = true;
            }
            else if (found && passStart == cleanupPass + 1)
            {
                refinement = bytes;
                return;
            }
            offset += segment.Length;
            passStart += segment.PassCount;
        }
        if (!found || passes > 1)
            throw new DicomCodecException("HT code-block: codeword segments do not match the coding passes");
    }
}
