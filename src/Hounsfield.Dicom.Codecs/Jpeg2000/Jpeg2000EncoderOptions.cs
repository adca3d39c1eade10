using Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

namespace Hounsfield.Dicom.Codecs.Jpeg2000;

/// <summary>
/// How <see cref="Jpeg2000Encoder"/> codes a frame. The block coder is pluggable: EBCOT by default, the HT
/// block encoder for HTJ2K, in which case the caller also supplies the CAP marker body.
/// </summary>
internal sealed record Jpeg2000EncoderOptions
{
    /// <summary>Decomposition levels.</summary>
    public int Levels { get; init; } = 5;

    /// <summary>5/3 (lossless) when true, else 9/7.</summary>
    public bool Reversible { get; init; } = true;

    /// <summary>Apply RCT/ICT to the first three components.</summary>
    public bool ComponentTransform { get; init; }

    /// <summary>Target ratio of native to coded bytes for the 9/7 path (0 keeps every pass).</summary>
    public double CompressionRatio { get; init; }

    /// <summary>Quality layers of the 9/7 path (each about twice the bytes of the one before); the 5/3 path writes one.</summary>
    public int Layers { get; init; } = 1;

    /// <summary>Tile width (0: one tile).</summary>
    public int TileWidth { get; init; }

    /// <summary>Tile height (0: one tile).</summary>
    public int TileHeight { get; init; }

    /// <summary>Creates the block coder of a worker thread; its <see cref="ICodeBlockEncoder.Style"/> goes into COD.</summary>
    public Func<ICodeBlockEncoder> BlockCoder { get; init; } = () => new EbcotEncoder();

    /// <summary>The CAP marker segment body (T.814 A.2) to write after SIZ, or null for none.</summary>
    public byte[]? Capabilities { get; init; }

    /// <summary>
    /// The defaults for a frame: 5 levels (fewer when a side is shorter than 2^levels), the component
    /// transform for RGB, 5/3 when <paramref name="ratio"/> is 0 else 9/7 at that ratio in three quality layers.
    /// </summary>
    public static Jpeg2000EncoderOptions For(FrameInfo info, double ratio)
    {
        var levels = 5;
        while (levels > 0 && Math.Min(info.Rows, info.Columns) >> levels == 0) levels--;
        return new Jpeg2000EncoderOptions
        {
            Levels = levels,
            Reversible = ratio <= 0,
            Layers = ratio > 0 ? 3 : 1,
            CompressionRatio = Math.Max(0, ratio),
            ComponentTransform = info.SamplesPerPixel >= 3 && info.PhotometricInterpretation == "RGB",
            BlockCoder = ratio > 0 ? () => new EbcotEncoder() : () => new EbcotEncoder(estimateDistortion: false),
        };
    }
}
