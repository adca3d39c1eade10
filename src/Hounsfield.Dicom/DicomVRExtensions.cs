namespace Hounsfield.Dicom;

/// <summary>The properties of each VR that encoding and decoding depend on (PS3.5 §6.2, §7.1.2).</summary>
public static class DicomVRExtensions
{
    /// <summary>
    /// True when an explicit VR element of this VR has 2 reserved bytes and a 32-bit length
    /// (PS3.5 Table 7.1-1) rather than a 16-bit length.
    /// </summary>
    public static bool HasLongExplicitLength(this DicomVR vr) => vr switch
    {
        DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.OW or DicomVR.SQ
            or DicomVR.SV or DicomVR.UC or DicomVR.UN or DicomVR.UR or DicomVR.UT or DicomVR.UV => true,
        _ => false,
    };

    /// <summary>True for the VRs whose value is a character string.</summary>
    public static bool IsString(this DicomVR vr) => vr switch
    {
        DicomVR.AE or DicomVR.AS or DicomVR.CS or DicomVR.DA or DicomVR.DS or DicomVR.DT or DicomVR.IS
            or DicomVR.LO or DicomVR.LT or DicomVR.PN or DicomVR.SH or DicomVR.ST or DicomVR.TM
            or DicomVR.UC or DicomVR.UI or DicomVR.UR or DicomVR.UT => true,
        _ => false,
    };

    /// <summary>
    /// True for the string VRs whose characters depend on Specific Character Set (0008,0005);
    /// the others use the default repertoire only (PS3.5 §6.1.2.3).
    /// </summary>
    public static bool IsCharacterSetSensitive(this DicomVR vr) => vr switch
    {
        DicomVR.LO or DicomVR.LT or DicomVR.PN or DicomVR.SH or DicomVR.ST or DicomVR.UC or DicomVR.UT => true,
        _ => false,
    };

    /// <summary>
    /// True for string VRs that may hold several values separated by backslash. LT, ST, UT and UR
    /// are single-valued and may contain a backslash as an ordinary character.
    /// </summary>
    public static bool IsMultiValuedString(this DicomVR vr) =>
        vr.IsString() && vr is not (DicomVR.LT or DicomVR.ST or DicomVR.UT or DicomVR.UR);

    /// <summary>
    /// The size in bytes of one value for binary VRs (AT 4, FD 8, ..., OB 1), or 0 for strings,
    /// sequences and UN whose values are not fixed-size numbers.
    /// </summary>
    public static int ValueSize(this DicomVR vr) => vr switch
    {
        DicomVR.OB => 1,
        DicomVR.SS or DicomVR.US or DicomVR.OW => 2,
        DicomVR.AT or DicomVR.FL or DicomVR.SL or DicomVR.UL or DicomVR.OF or DicomVR.OL => 4,
        DicomVR.FD or DicomVR.SV or DicomVR.UV or DicomVR.OD or DicomVR.OV => 8,
        _ => 0,
    };

    /// <summary>
    /// The unit of byte swapping between little and big endian: 2, 4 or 8 for multi-byte
    /// binary VRs (AT swaps as two 16-bit halves and so has 2), 1 for everything else.
    /// </summary>
    public static int SwapUnit(this DicomVR vr) => vr switch
    {
        DicomVR.AT => 2,
        DicomVR.OB or DicomVR.UN => 1,
        _ => Math.Max(1, vr.ValueSize()),
    };

    /// <summary>The byte that pads a value to even length: NUL for UI and binary VRs, space for other strings.</summary>
    public static byte PaddingByte(this DicomVR vr) => vr.IsString() && vr != DicomVR.UI ? (byte)' ' : (byte)0;

    /// <summary>True for the bulk-capable binary VRs OB, OD, OF, OL, OV, OW and UN.</summary>
    public static bool IsBulkCapable(this DicomVR vr) => vr switch
    {
        DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.OW or DicomVR.UN => true,
        _ => false,
    };

    /// <summary>Maximum value length in bytes (or characters for charset-sensitive VRs) per PS3.5 Table 6.2-1; 0 when unbounded.</summary>
    public static int MaximumLength(this DicomVR vr) => vr switch
    {
        DicomVR.AE => 16,
        DicomVR.AS => 4,
        DicomVR.CS => 16,
        DicomVR.DA => 8,
        DicomVR.DS => 16,
        DicomVR.DT => 26,
        DicomVR.IS => 12,
        DicomVR.LO => 64,
        DicomVR.LT => 10240,
        DicomVR.PN => 64,
        DicomVR.SH => 16,
        DicomVR.ST => 1024,
        DicomVR.TM => 14,
        DicomVR.UI => 64,
        _ => 0,
    };

    /// <summary>Parses a two-letter VR code; returns false for anything that is not a PS3.5 VR.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DicomVR vr)
    {
        vr = DicomVR.None;
        if (text.Length != 2) return false;
        var candidate = (DicomVR)((text[0] << 8) | text[1]);
        if (!IsKnown(candidate)) return false;
        vr = candidate;
        return true;
    }

    /// <summary>Maps two bytes read from an explicit VR stream to a VR, or <see cref="DicomVR.None"/> when they are no VR.</summary>
    public static DicomVR FromBytes(byte first, byte second)
    {
        var candidate = (DicomVR)((first << 8) | second);
        return IsKnown(candidate) ? candidate : DicomVR.None;
    }

    /// <summary>True when the value names one of the PS3.5 VRs.</summary>
    public static bool IsKnown(DicomVR vr) => vr switch
    {
        DicomVR.AE or DicomVR.AS or DicomVR.AT or DicomVR.CS or DicomVR.DA or DicomVR.DS or DicomVR.DT or DicomVR.FD
            or DicomVR.FL or DicomVR.IS or DicomVR.LO or DicomVR.LT or DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL
            or DicomVR.OV or DicomVR.OW or DicomVR.PN or DicomVR.SH or DicomVR.SL or DicomVR.SQ or DicomVR.SS or DicomVR.ST
            or DicomVR.SV or DicomVR.TM or DicomVR.UC or DicomVR.UI or DicomVR.UL or DicomVR.UN or DicomVR.UR or DicomVR.US
            or DicomVR.UT or DicomVR.UV => true,
        _ => false,
    };
}
