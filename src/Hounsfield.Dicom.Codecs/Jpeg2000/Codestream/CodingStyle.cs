namespace Hounsfield.Dicom.Codecs.Jpeg2000.Codestream;

/// <summary>The COD marker segment (T.800 A.6.1): packet options, progression, layers, MCT and the default component style.</summary>
internal sealed record CodingStyle(bool UseSop, bool UseEph, ProgressionOrder Order, int Layers, bool MultipleComponentTransform, ComponentCodingStyle Component)
{
    /// <summary>Parses the segment body (after Lcod).</summary>
    public static CodingStyle Parse(ReadOnlySpan<byte> s)
    {
        if (s.Length < 5) throw new DicomCodecException("the JPEG 2000 COD segment is too short");
        var scod = s[0];
        if (s[1] > 4) throw new DicomCodecException($"JPEG 2000 progression order {s[1]} is invalid");
        var layers = (s[2] << 8) | s[3];
        if (layers == 0) throw new DicomCodecException("a JPEG 2000 COD segment declares 0 layers");
        return new CodingStyle((scod & 2) != 0, (scod & 4) != 0, (ProgressionOrder)s[1], layers, s[4] != 0, ComponentCodingStyle.Parse(s[5..], (scod & 1) != 0));
    }
}
