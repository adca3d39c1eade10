using Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier2;

/// <summary>
/// One subband of a tile-component (T.800 B.5): its area in subband coordinates, where it sits in the
/// tile-component buffer (Mallat layout), and its quantization (Mb, step size Δb).
/// </summary>
internal sealed class Subband
{
    /// <summary>Orientation.</summary>
    public required SubbandOrientation Orientation { get; init; }

    /// <summary>Band index in QCD order (0 = LL).</summary>
    public required int Index { get; init; }

    /// <summary>Area in subband coordinates.</summary>
    public required int X0 { get; init; }

    /// <summary>Area in subband coordinates.</summary>
    public required int Y0 { get; init; }

    /// <summary>Area in subband coordinates.</summary>
    public required int X1 { get; init; }

    /// <summary>Area in subband coordinates.</summary>
    public required int Y1 { get; init; }

    /// <summary>Column of the band's first sample in the tile-component buffer.</summary>
    public required int BufferX { get; init; }

    /// <summary>Row of the band's first sample in the tile-component buffer.</summary>
    public required int BufferY { get; init; }

    /// <summary>Mb: magnitude bit-planes (G + ε_b − 1).</summary>
    public required int MagnitudeBitPlanes { get; init; }

    /// <summary>Δb, the quantization step size (1 for reversible).</summary>
    public required float Step { get; init; }

    /// <summary>Width.</summary>
    public int Width => X1 - X0;

    /// <summary>Height.</summary>
    public int Height => Y1 - Y0;
}
