namespace Hounsfield.Dicom.Codecs;

/// <summary>
/// Encodes and decodes single frames of one family of transfer syntaxes. Implementations are
/// stateless and thread-safe; malformed input raises <see cref="DicomCodecException"/>, never
/// another exception type, a hang or an allocation the input does not justify.
/// </summary>
public interface IDicomCodec
{
    /// <summary>The transfer syntaxes this codec reads and writes.</summary>
    IReadOnlyList<DicomTransferSyntax> TransferSyntaxes { get; }

    /// <summary>
    /// Decodes one frame's code stream into a native frame (see <see cref="FrameInfo"/>), written to
    /// <paramref name="destination"/>, which is <see cref="FrameInfo.NativeFrameLength"/> bytes.
    /// </summary>
    void Decode(DicomTransferSyntax syntax, ReadOnlySpan<byte> encoded, FrameInfo info, Span<byte> destination);

    /// <summary>Encodes one native frame into a code stream for <paramref name="syntax"/>.</summary>
    byte[] Encode(DicomTransferSyntax syntax, ReadOnlySpan<byte> native, FrameInfo info, DicomCodecParameters? parameters = null);
}

/// <summary>Encoder settings; each codec documents which it honours.</summary>
public sealed record DicomCodecParameters
{
    /// <summary>Lossy quality 1–100 (JPEG baseline) where applicable.</summary>
    public int Quality { get; init; } = 90;

    /// <summary>Maximum absolute error per sample for near-lossless JPEG-LS (NEAR); 0 is lossless.</summary>
    public int NearLossless { get; init; }

    /// <summary>Target compression ratio for lossy JPEG 2000 / HTJ2K; 0 means lossless.</summary>
    public double CompressionRatio { get; init; }
}

/// <summary>A code stream is malformed or uses a feature the codec does not support.</summary>
public sealed class DicomCodecException(string message, Exception? inner = null) : Exception(message, inner);
