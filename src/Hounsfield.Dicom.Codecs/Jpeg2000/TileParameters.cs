using Hounsfield.Dicom.Codecs.Jpeg2000.Codestream;

namespace Hounsfield.Dicom.Codecs.Jpeg2000;

/// <summary>
/// The coding parameters in force for one tile, resolved with the precedence of T.800 A.6: tile COC &gt;
/// tile COD &gt; main COC &gt; main COD (QCC/QCD alike; RGN and POC tile before main).
/// </summary>
internal sealed record TileParameters(CodingStyle CodingStyle, ComponentCodingStyle[] Components, QuantizationStyle[] Quantization, int[] RegionShift, List<ProgressionChange>? ProgressionChanges)
{
    /// <summary>Resolves the parameters of <paramref name="tile"/>.</summary>
    public static TileParameters Resolve(TileCodingParameters main, TileCodingParameters tile, int components)
    {
        var cod = tile.CodingStyle ?? main.CodingStyle!;
        var styles = new ComponentCodingStyle[components];
        var quantization = new QuantizationStyle[components];
        var shifts = new int[components];
        for (var c = 0; c < components; c++)
        {
            styles[c] = tile.ComponentStyles.GetValueOrDefault(c)
                ?? tile.CodingStyle?.Component
                ?? main.ComponentStyles.GetValueOrDefault(c)
                ?? main.CodingStyle!.Component;
            quantization[c] = tile.ComponentQuantization.GetValueOrDefault(c)
                ?? tile.Quantization
                ?? main.ComponentQuantization.GetValueOrDefault(c)
                ?? main.Quantization!;
            shifts[c] = tile.RegionShift.TryGetValue(c, out var s) ? s : main.RegionShift.GetValueOrDefault(c);
        }
        return new TileParameters(cod, styles, quantization, shifts, tile.ProgressionChanges ?? main.ProgressionChanges);
    }
}
