namespace Hounsfield.Dicom.Codecs.Jpeg2000;

/// <summary>
/// JPEG 2000 Image Compression (Lossless Only) 1.2.840.10008.1.2.4.90 and JPEG 2000 Image Compression
/// 1.2.840.10008.1.2.4.91, ITU-T T.800 | ISO/IEC 15444-1, in managed code. Decodes J2K code streams (and
/// JP2 files) of 1–16 bit signed or unsigned samples with any tiling, progression order (and POC),
/// precincts, quality layers and code-block style, in parallel over code-blocks. Encodes one tile in LRCP
/// with 64×64 code-blocks: 5/3 (and RCT for three components) for lossless, 9/7 (and ICT) for lossy at
/// <see cref="DicomCodecParameters.CompressionRatio"/> with rate control over the coding passes, in three
/// quality layers.
/// </summary>
public sealed class Jpeg2000Codec : IDicomCodec
{
    /// <summary>JPEG 2000 Image Compression (Lossless Only).</summary>
    public static DicomTransferSyntax Jpeg2000Lossless { get; } = DicomTransferSyntax.Get("1.2.840.10008.1.2.4.90");

    /// <summary>JPEG 2000 Image Compression (lossless or lossy).</summary>
    public static DicomTransferSyntax Jpeg2000 { get; } = DicomTransferSyntax.Get("1.2.840.10008.1.2.4.91");

    /// <inheritdoc />
    public IReadOnlyList<DicomTransferSyntax> TransferSyntaxes { get; } = [Jpeg2000Lossless, Jpeg2000];

    /// <inheritdoc />
    public void Decode(DicomTransferSyntax syntax, ReadOnlySpan<byte> encoded, FrameInfo info, Span<byte> destination)
    {
        ValidateFrame(info);
        if (destination.Length < info.NativeFrameLength)
            throw new ArgumentException("the destination is shorter than one native frame", nameof(destination));
        var decoder = new Jpeg2000Decoder(encoded.ToArray(), info, 0);
        decoder.Decode(info, destination);
    }

    /// <summary>
    /// Decodes a frame at reduced resolution, for thumbnails and previews: the inverse wavelet stops
    /// <paramref name="discardLevels"/> levels early, so the image is about 2^discardLevels times smaller in
    /// each direction (exactly ⌈Xsiz/2^d⌉ − ⌈XOsiz/2^d⌉ columns, likewise rows) and the code-blocks of the
    /// discarded resolutions are not decoded at all. <paramref name="discardLevels"/> may not exceed the
    /// code stream's decomposition levels.
    /// </summary>
    /// <param name="encoded">One frame's JPEG 2000 code stream.</param>
    /// <param name="info">The full-resolution frame description from the data set.</param>
    /// <param name="discardLevels">Resolution levels to drop (0 decodes the full image).</param>
    /// <returns>The reduced frame's description (Rows and Columns changed) and its native samples in that layout.</returns>
    /// <exception cref="DicomCodecException">The code stream is corrupt or has fewer decomposition levels.</exception>
    public static (FrameInfo Info, byte[] Pixels) DecodeReduced(ReadOnlySpan<byte> encoded, FrameInfo info, int discardLevels)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentOutOfRangeException.ThrowIfNegative(discardLevels);
        ValidateFrame(info);
        var decoder = new Jpeg2000Decoder(encoded.ToArray(), info, discardLevels);
        var reduced = info with { Rows = decoder.Rows, Columns = decoder.Columns };
        var pixels = new byte[reduced.NativeFrameLength];
        decoder.Decode(reduced, pixels);
        return (reduced, pixels);
    }

    /// <inheritdoc />
    public byte[] Encode(DicomTransferSyntax syntax, ReadOnlySpan<byte> native, FrameInfo info, DicomCodecParameters? parameters = null)
    {
        ValidateFrame(info);
        if (native.Length < info.NativeFrameLength)
            throw new ArgumentException("the native frame is shorter than the frame description", nameof(native));
        var ratio = syntax.Uid.Value == Jpeg2000Lossless.Uid.Value ? 0 : parameters?.CompressionRatio ?? 0;
        return new Jpeg2000Encoder(info, Jpeg2000EncoderOptions.For(info, ratio)).Encode(native);
    }

    /// <summary>
    /// Photometric Interpretation of decoded frames: the decoder undoes RCT/ICT, so YBR_RCT and YBR_ICT
    /// frames come out as RGB (PS3.5 §8.2.4); others are unchanged.
    /// </summary>
    public static string PhotometricAfterDecode(string photometric) =>
        photometric is "YBR_RCT" or "YBR_ICT" ? "RGB" : photometric;

    /// <summary>
    /// Photometric Interpretation of encoded RGB frames: YBR_RCT when the reversible component transform
    /// was used (lossless), YBR_ICT for the irreversible one (lossy); others are unchanged (PS3.5 §8.2.4).
    /// </summary>
    public static string PhotometricAfterEncode(DicomTransferSyntax syntax, FrameInfo info, DicomCodecParameters? parameters)
    {
        ArgumentNullException.ThrowIfNull(syntax);
        ArgumentNullException.ThrowIfNull(info);
        if (info.SamplesPerPixel != 3 || info.PhotometricInterpretation != "RGB") return info.PhotometricInterpretation;
        var lossless = syntax.Uid.Value == Jpeg2000Lossless.Uid.Value || (parameters?.CompressionRatio ?? 0) <= 0;
        return lossless ? "YBR_RCT" : "YBR_ICT";
    }

    internal static void ValidateFrame(FrameInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.BitsAllocated is not (8 or 16))
            throw new DicomCodecException($"JPEG 2000 frames have 8 or 16 bits allocated here, not {info.BitsAllocated}");
        if (info.BitsStored < 1 || info.BitsStored > info.BitsAllocated)
            throw new DicomCodecException($"JPEG 2000 needs 1 to {info.BitsAllocated} bits stored, not {info.BitsStored}");
        if (info.SamplesPerPixel is < 1 or > 4 || info.Rows < 1 || info.Columns < 1)
            throw new DicomCodecException($"a {info.Rows}×{info.Columns}×{info.SamplesPerPixel} frame cannot be coded as JPEG 2000 here");
    }
}
