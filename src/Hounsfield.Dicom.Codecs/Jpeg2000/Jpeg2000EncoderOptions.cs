using Hounsfield.Dicom.Codecs.Jpeg2000.Codestream;
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

    /// <summary>The progression order of the packets (COD SGcod).</summary>
    public ProgressionOrder Progression { get; init; } = ProgressionOrder.LRCP;

    /// <summary>Write a TLM marker segment (T.800 A.7.1) with every tile-part's length in the main header.</summary>
    public bool TileLengthMarkers { get; init; }

    /// <summary>Write PLT marker segments (T.800 A.7.3) with every packet's length in the tile-part headers.</summary>
    public bool PacketLengthMarkers { get; init; }

    /// <summary>Start a new tile-part wherever the packets' resolution changes (one per resolution in RPCL), so TLM finds resolution breakpoints.</summary>
    public bool TilePartPerResolution { get; init; }

    /// <summary>Multiplies the 9/7 quantization step sizes (coarser above 1); the HT path sets its rate this way.</summary>
    public double QuantizationScale { get; init; } = 1;

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
