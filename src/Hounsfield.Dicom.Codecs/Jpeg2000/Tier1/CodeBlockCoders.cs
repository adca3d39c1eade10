using Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

/// <summary>
/// The block decoders of one worker thread, chosen by code-block style: EBCOT for Part 1 code-blocks and
/// the HT decoder for code-blocks with <see cref="CodeBlockStyle.HighThroughput"/>.
/// </summary>
internal sealed class CodeBlockCoders
{
    private EbcotDecoder? _ebcot;
    private HtBlockDecoder? _ht;

    /// <summary>The decoder for code-blocks of <paramref name="style"/>.</summary>
    /// <exception cref="DicomCodecException">T.814 MIXED code-block style, which is not supported.</exception>
    public ICodeBlockDecoder Decoder(CodeBlockStyle style) => (style & (CodeBlockStyle.HighThroughput | CodeBlockStyle.HighThroughputMixed)) switch
    {
        CodeBlockStyle.HighThroughput => _ht ??= new HtBlockDecoder(),
        0 => _ebcot ??= new EbcotDecoder(),
        _ => throw new DicomCodecException("HTJ2K code streams that mix HT and Part 1 code-blocks (code-block style bit 7) are not supported"),
    };
}
