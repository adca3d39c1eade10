using Hounsfield.Dicom.Codecs.Jpeg2000.Codestream;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput;

/// <summary>
/// High-Throughput JPEG 2000 (ITU-T T.814 | ISO/IEC 15444-15) transfer syntaxes, PS3.5 §10.18 and A.4:
/// HTJ2K Lossless 1.2.840.10008.1.2.4.201, HTJ2K Lossless RPCL 1.2.840.10008.1.2.4.202 and HTJ2K
/// 1.2.840.10008.1.2.4.203. Decoding is the JPEG 2000 decoder, which uses the HT block decoder for
/// code-blocks whose style has the HT bit (HT-only code streams). Encoding is the JPEG 2000
/// encoder with the HT block encoder (one cleanup pass per code-block, HT-only, CAP and Rsiz bit 14):
/// lossless with the 5/3 wavelet (and RCT for RGB); for HTJ2K with a compression ratio, the 9/7 wavelet
/// (and ICT) with step sizes scaled until the code stream fits the ratio, since an HT code-block carries
/// one coding pass and cannot be truncated. The RPCL syntax gets RPCL progression, enough decomposition
/// levels for a base resolution of at most 64 samples, one tile-part per resolution, TLM and PLT marker segments.
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
    public byte[] Encode(DicomTransferSyntax syntax, ReadOnlySpan<byte> native, FrameInfo info, DicomCodecParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(syntax);
        Jpeg2000Codec.ValidateFrame(info);
        if (native.Length < info.NativeFrameLength)
            throw new ArgumentException("the native frame is shorter than the frame description", nameof(native));
        var ratio = IsLossless(syntax) ? 0 : parameters?.CompressionRatio ?? 0;
        var options = Options(syntax, info, ratio);
        if (ratio <= 0)
            return HtCapabilities.Complete(new Jpeg2000Encoder(info, options).Encode(native));
        return EncodeToRatio(native, info, options, (long)(info.NativeFrameLength / ratio));
    }

    /// <summary>
    /// Photometric Interpretation of encoded frames: RGB becomes YBR_RCT when lossless (reversible component
    /// transform) and YBR_ICT when lossy (PS3.5 §8.2.4); others are unchanged.
    /// </summary>
    public static string PhotometricAfterEncode(DicomTransferSyntax syntax, FrameInfo info, DicomCodecParameters? parameters)
    {
        ArgumentNullException.ThrowIfNull(syntax);
        ArgumentNullException.ThrowIfNull(info);
        if (info.SamplesPerPixel != 3 || info.PhotometricInterpretation != "RGB") return info.PhotometricInterpretation;
        return IsLossless(syntax) || (parameters?.CompressionRatio ?? 0) <= 0 ? "YBR_RCT" : "YBR_ICT";
    }

    private static bool IsLossless(DicomTransferSyntax syntax) =>
        syntax.Uid.Value == HtJpeg2000Lossless.Uid.Value || syntax.Uid.Value == HtJpeg2000LosslessRpcl.Uid.Value;

    private static Jpeg2000EncoderOptions Options(DicomTransferSyntax syntax, FrameInfo info, double ratio)
    {
        var defaults = Jpeg2000EncoderOptions.For(info, ratio);
        var options = defaults with
        {
            // Rate comes from the step sizes, never from truncating passes.
            CompressionRatio = 0,
            BlockCoder = () => new HtBlockEncoder(),
            Capabilities = HtCapabilities.Body(defaults.Reversible, 0),
        };
        if (syntax.Uid.Value != HtJpeg2000LosslessRpcl.Uid.Value)
            return options;
        var levels = options.Levels;
        // PS3.5 §10.18: the base resolution at most 64 samples wide or high (thumbnails).
        while (levels < 32 && (Math.Min(info.Rows, info.Columns) + (1 << levels) - 1) >> levels > 64) levels++;
        return options with
        {
            Levels = levels,
            Progression = ProgressionOrder.RPCL,
            TileLengthMarkers = true,
            PacketLengthMarkers = true,
            TilePartPerResolution = true,
        };
    }

    /// <summary>The finest step-size scale whose code stream fits <paramref name="budget"/> bytes, by geometric bisection.</summary>
    private static byte[] EncodeToRatio(ReadOnlySpan<byte> native, FrameInfo info, Jpeg2000EncoderOptions options, long budget)
    {
        byte[] Encode(ReadOnlySpan<byte> frame, double scale) =>
            HtCapabilities.Complete(new Jpeg2000Encoder(info, options with { QuantizationScale = scale }).Encode(frame));

        double fits = 1, tooLarge = 1;
        var best = Encode(native, 1);
        if (best.Length > budget)
        {
            for (var i = 0; i < 12 && best.Length > budget; i++)
            {
                tooLarge = fits;
                fits *= 4;
                best = Encode(native, fits);
            }
            if (best.Length > budget) return best;
        }
        else
        {
            for (var i = 0; i < 12; i++)
            {
                tooLarge = fits / 4;
                var candidate = Encode(native, tooLarge);
                if (candidate.Length > budget) break;
                (fits, best) = (tooLarge, candidate);
            }
            if (tooLarge == fits) return best;
        }
        for (var i = 0; i < 6; i++)
        {
            var middle = Math.Sqrt(fits * tooLarge);
            var candidate = Encode(native, middle);
            if (candidate.Length <= budget) (fits, best) = (middle, candidate);
            else tooLarge = middle;
        }
        return best;
    }
}
