namespace Hounsfield.Dicom.Codecs.Jpeg;

/// <summary>Chroma subsampling used when encoding colour images with a DCT process.</summary>
public enum JpegSubsampling
{
    /// <summary>No subsampling; the result is YBR_FULL.</summary>
    Yuv444,

    /// <summary>Horizontal 2:1 chroma subsampling; the result is YBR_FULL_422 (the DICOM default for lossy colour).</summary>
    Yuv422,
}

/// <summary>
/// Settings of <see cref="JpegCodec"/> that <see cref="DicomCodecParameters"/> does not cover.
/// Quality comes from <see cref="DicomCodecParameters.Quality"/>.
/// </summary>
public sealed record JpegCodecOptions
{
    /// <summary>The default options.</summary>
    public static JpegCodecOptions Default { get; } = new();

    /// <summary>
    /// Predictor (selection value 1–7, T.81 Table H.1) for JPEG Lossless Process 14
    /// (1.2.840.10008.1.2.4.57). First-Order Prediction (…4.70) always uses 1.
    /// </summary>
    public int LosslessPredictor { get; init; } = 1;

    /// <summary>Point transform Pt (0–15) for Process 14; anything but 0 loses the low Pt bits.</summary>
    public int PointTransform { get; init; }

    /// <summary>Restart interval in MCUs written by the encoder; 0 writes none. Lossless rounds it up to whole rows.</summary>
    public int RestartInterval { get; init; }

    /// <summary>Chroma subsampling for DCT-encoded RGB or YBR_FULL images.</summary>
    public JpegSubsampling Subsampling { get; init; } = JpegSubsampling.Yuv422;

    /// <summary>
    /// When decoding a DCT-coded colour frame whose Photometric Interpretation is YBR_FULL or
    /// YBR_FULL_422, convert the samples to RGB (what dcmdjpeg does by default, option +cp); the
    /// caller then sets Photometric Interpretation to RGB (see
    /// <see cref="JpegCodec.PhotometricAfterDecode"/>). When false the samples stay YCbCr, upsampled
    /// to full resolution, which is YBR_FULL.
    /// </summary>
    public bool ConvertYbrToRgb { get; init; } = true;
}
