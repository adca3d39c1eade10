namespace Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput;

/// <summary>
/// High-Throughput JPEG 2000 (ITU-T T.814 | ISO/IEC 15444-15) transfer syntaxes, PS3.5 §8.2.15 / A.4.11:
/// HTJ2K Lossless 1.2.840.10008.1.2.4.201, HTJ2K Lossless RPCL 1.2.840.10008.1.2.4.202 and HTJ2K
/// 1.2.840.10008.1.2.4.203. Decoding is the JPEG 2000 decoder with the HT block decoder for code-blocks whose
/// style has the HT bit (HT-only and mixed code streams).
/// </summary>
public sealed class HtJpeg2000Codec : IDicomCodec
{
    /// <summary>High-Throughput JPEG 2000 Image Compression (Lossless Only).</summary>
    public static DicomTransferSyntax HtJpeg2000Lossless { get; } = DicomTransferSyntax.Get("1.2.840.10008.1.2.4.201");

    /// <summary>High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only).</summary>
    public static DicomTransferSyntax HtJpeg2000LosslessRpcl { get; } = DicomTransferSyntax.Get("1.2.840.10008.1.2.4.202");

    /// <summary>High-Throughput JPEG 2000 Image Compression (lossless or lossy).</summary>
    public static DicomTransferSyntax HtJpeg2000 { get; } = DicomTransferSyntax.Get("1.2.840.10008.1.2.4.203");

    /// <inheritdoc />
    public IReadOnlyList<DicomTransferSyntax> TransferSyntaxes { get; } = [HtJpeg2000Lossless, HtJpeg2000LosslessRpcl, HtJpeg2000];

    /// <inheritdoc />
    public void Decode(DicomTransferSyntax syntax, ReadOnlySpan<byte> encoded, FrameInfo info, Span<byte> destination) =>
        new Jpeg2000Codec().Decode(Jpeg2000Codec.Jpeg2000, encoded, info, destination);

    /// <inheritdoc />
    public byte[] Encode(DicomTransferSyntax syntax, ReadOnlySpan<byte> native, FrameInfo info, DicomCodecParameters? parameters = null) =>
        throw new DicomCodecException("HTJ2K encoding needs the JPEG 2000 encoder pipeline, which this build does not have yet");
}
