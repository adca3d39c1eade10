namespace Hounsfield.Dicom.Codecs.Jpeg2000.Codestream;

/// <summary>Marker codes of the JPEG 2000 code stream (T.800 Table A.2, T.814 CAP).</summary>
internal static class Jpeg2000Marker
{
    public const ushort SOC = 0xFF4F, CAP = 0xFF50, SIZ = 0xFF51, COD = 0xFF52, COC = 0xFF53, TLM = 0xFF55, PLM = 0xFF57, PLT = 0xFF58;
    public const ushort QCD = 0xFF5C, QCC = 0xFF5D, RGN = 0xFF5E, POC = 0xFF5F, PPM = 0xFF60, PPT = 0xFF61, CRG = 0xFF63, COM = 0xFF64;
    public const ushort SOT = 0xFF90, SOP = 0xFF91, EPH = 0xFF92, SOD = 0xFF93, EOC = 0xFFD9;
}
