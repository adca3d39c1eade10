namespace Hounsfield.Dicom.Codecs.Jpeg2000.Codestream;

/// <summary>
/// The coding parameters COD, COC, QCD, QCC, RGN and POC set in one header (the main header or a tile's
/// first tile-part header); null or absent entries are not set there.
/// </summary>
internal sealed class TileCodingParameters
{
    /// <summary>COD.</summary>
    public CodingStyle? CodingStyle { get; set; }

    /// <summary>COC by component.</summary>
    public Dictionary<int, ComponentCodingStyle> ComponentStyles { get; } = [];

    /// <summary>QCD.</summary>
    public QuantizationStyle? Quantization { get; set; }

    /// <summary>QCC by component.</summary>
    public Dictionary<int, QuantizationStyle> ComponentQuantization { get; } = [];

    /// <summary>RGN maxshift values by component.</summary>
    public Dictionary<int, int> RegionShift { get; } = [];

    /// <summary>POC progressions, or null.</summary>
    public List<ProgressionChange>? ProgressionChanges { get; set; }
}
