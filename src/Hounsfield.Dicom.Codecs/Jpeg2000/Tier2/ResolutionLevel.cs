namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier2;

/// <summary>One resolution level of a tile-component (T.800 B.5, B.6): its area, subbands and precincts.</summary>
internal sealed class ResolutionLevel
{
    /// <summary>Area in resolution coordinates.</summary>
    public required int X0 { get; init; }

    /// <summary>Area in resolution coordinates.</summary>
    public required int Y0 { get; init; }

    /// <summary>Area in resolution coordinates.</summary>
    public required int X1 { get; init; }

    /// <summary>Area in resolution coordinates.</summary>
    public required int Y1 { get; init; }

    /// <summary>Precinct width exponent PPx.</summary>
    public required int PrecinctWidthExponent { get; init; }

    /// <summary>Precinct height exponent PPy.</summary>
    public required int PrecinctHeightExponent { get; init; }

    /// <summary>Precincts across.</summary>
    public required int PrecinctsWide { get; init; }

    /// <summary>Precincts down.</summary>
    public required int PrecinctsHigh { get; init; }

    /// <summary>The subbands: LL at resolution 0, else HL, LH, HH.</summary>
    public required Subband[] Bands { get; init; }

    /// <summary>Precincts row-major; each has one <see cref="PrecinctBand"/> per subband.</summary>
    public required PrecinctBand[][] Precincts { get; init; }

    /// <summary>Width.</summary>
    public int Width => X1 - X0;

    /// <summary>Height.</summary>
    public int Height => Y1 - Y0;
}
