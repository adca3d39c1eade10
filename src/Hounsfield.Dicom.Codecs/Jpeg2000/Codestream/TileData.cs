namespace Hounsfield.Dicom.Codecs.Jpeg2000.Codestream;

/// <summary>One tile's tile-parts gathered: the packet data in tile-part order and the tile's header parameters.</summary>
internal sealed class TileData(int index)
{
    /// <summary>Isot.</summary>
    public int Index { get; } = index;

    /// <summary>Tile-part bodies (between SOD and the next tile-part) in TPsot order.</summary>
    public List<ReadOnlyMemory<byte>> Parts { get; } = [];

    /// <summary>Packed packet headers (PPT, or this tile's share of PPM), or empty when headers are in the bodies.</summary>
    public List<byte> PackedHeaders { get; } = [];

    /// <summary>Whether PackedHeaders is used.</summary>
    public bool HasPackedHeaders { get; set; }

    /// <summary>Parameters from the first tile-part header.</summary>
    public TileCodingParameters Parameters { get; } = new();

    /// <summary>The next TPsot expected.</summary>
    public int NextPart { get; set; }
}
