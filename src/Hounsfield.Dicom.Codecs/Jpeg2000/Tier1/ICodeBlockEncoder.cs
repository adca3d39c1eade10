namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

/// <summary>
/// A tier-1 block encoder: EBCOT (T.800 Annex D) or the HT block encoder (T.814). An instance holds
/// scratch buffers and is used by one thread at a time. The caller (the JPEG 2000 encoder) chooses the
/// coder and writes the matching COD code-block style (and, for HT, the CAP marker).
/// </summary>
internal interface ICodeBlockEncoder
{
    /// <summary>The code-block style flags this coder produces (written to COD SPcod by the caller).</summary>
    CodeBlockStyle Style { get; }

    /// <summary>
    /// Encodes one code-block.
    /// </summary>
    /// <param name="samples">
    /// Width·Height signed quantization indices, row-major, in the format <see cref="ICodeBlockDecoder.Decode"/>
    /// returns (sign · |q|, |q| &lt; 2^magnitudeBitPlanes).
    /// </param>
    /// <param name="width">Code-block width.</param>
    /// <param name="height">Code-block height.</param>
    /// <param name="magnitudeBitPlanes">Mb of the subband (1–30).</param>
    /// <param name="orientation">The subband's orientation.</param>
    /// <returns>The coded block with its truncation points.</returns>
    EncodedCodeBlock Encode(ReadOnlySpan<int> samples, int width, int height, int magnitudeBitPlanes, SubbandOrientation orientation);
}
