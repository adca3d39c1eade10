namespace Hounsfield.Dicom.Codecs.Jpeg2000.Codestream;

/// <summary>One progression of a POC marker (T.800 A.6.6): resolutions [RS, RE), components [CS, CE), layers [0, LYE).</summary>
internal readonly record struct ProgressionChange(int ResolutionStart, int ComponentStart, int LayerEnd, int ResolutionEnd, int ComponentEnd, ProgressionOrder Order)
{
    /// <summary>Parses all progressions of a POC body.</summary>
    public static List<ProgressionChange> Parse(ReadOnlySpan<byte> s, int componentCount)
    {
        var wide = componentCount >= 257;
        var size = wide ? 9 : 7;
        if (s.Length == 0 || s.Length % size != 0) throw new DicomCodecException("the JPEG 2000 POC segment has a bad length");
        var list = new List<ProgressionChange>();
        for (var at = 0; at < s.Length; at += size)
        {
            var e = s[at..];
            int cs = wide ? (e[1] << 8) | e[2] : e[1];
            var o = wide ? 3 : 2;
            var lye = (e[o] << 8) | e[o + 1];
            int re = e[o + 2];
            int ce = wide ? (e[o + 3] << 8) | e[o + 4] : e[o + 3];
            var order = e[wide ? o + 5 : o + 4];
            if (ce == 0) ce = wide ? 16384 : 256;
            if (order > 4) throw new DicomCodecException($"JPEG 2000 POC progression order {order} is invalid");
            list.Add(new ProgressionChange(e[0], cs, lye, re, ce, (ProgressionOrder)order));
        }
        return list;
    }
}
