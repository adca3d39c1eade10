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
    public ICodeBlockDecoder Decoder(CodeBlockStyle style) =>
        (style & CodeBlockStyle.HighThroughput) != 0
            ? _ht ??= new HtBlockDecoder()
            : _ebcot ??= new EbcotDecoder();
}
