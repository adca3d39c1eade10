namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

/// <summary>
/// The block decoders of one worker thread, chosen by code-block style: EBCOT for Part 1 code-blocks and
/// the HT decoder for code-blocks with <see cref="CodeBlockStyle.HighThroughput"/>.
/// </summary>
internal sealed class CodeBlockCoders
{
    private EbcotDecoder? _ebcot;

    /// <summary>The decoder for code-blocks of <paramref name="style"/>.</summary>
    /// <exception cref="DicomCodecException">HT code-blocks, which this build cannot decode yet.</exception>
    public ICodeBlockDecoder Decoder(CodeBlockStyle style) =>
        (style & CodeBlockStyle.HighThroughput) != 0
            ? throw new DicomCodecException("HTJ2K (HT) code-blocks are not supported by this JPEG 2000 decoder")
            : _ebcot ??= new EbcotDecoder();
}
