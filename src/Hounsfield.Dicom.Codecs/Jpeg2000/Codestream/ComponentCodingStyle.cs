namespace Hounsfield.Dicom.Codecs.Jpeg2000.Codestream;

/// <summary>
/// The per-component part of COD/COC (SPcod/SPcoc, T.800 Table A.15): decomposition levels, code-block
/// size, code-block style, wavelet and precinct sizes (exponents per resolution, 15 when not partitioned).
/// </summary>
internal sealed record ComponentCodingStyle(int Levels, int CodeBlockWidthExponent, int CodeBlockHeightExponent, Tier1.CodeBlockStyle Style, bool Reversible, int[] PrecinctWidthExponents, int[] PrecinctHeightExponents)
{
    /// <summary>Parses SPcod/SPcoc starting at <paramref name="s"/>; <paramref name="precincts"/> is Scod bit 0.</summary>
    public static ComponentCodingStyle Parse(ReadOnlySpan<byte> s, bool precincts)
    {
        if (s.Length < 5) throw new DicomCodecException("a JPEG 2000 COD/COC segment is too short");
        int levels = s[0], xcb = (s[1] & 0xF) + 2, ycb = (s[2] & 0xF) + 2;
        if (levels > 32 || xcb > 10 || ycb > 10 || xcb + ycb > 12)
            throw new DicomCodecException($"invalid JPEG 2000 coding style: {levels} levels, code-block 2^{xcb}×2^{ycb}");
        if (s[4] > 1) throw new DicomCodecException($"JPEG 2000 wavelet transformation {s[4]} is not supported");
        var ppx = new int[levels + 1];
        var ppy = new int[levels + 1];
        if (precincts && s.Length < 5 + levels + 1) throw new DicomCodecException("a JPEG 2000 COD/COC segment lacks precinct sizes");
        for (var r = 0; r <= levels; r++)
        {
            ppx[r] = precincts ? s[5 + r] & 0xF : 15;
            ppy[r] = precincts ? s[5 + r] >> 4 : 15;
            if (r > 0 && (ppx[r] == 0 || ppy[r] == 0))
                throw new DicomCodecException("JPEG 2000 precincts of 1 sample are only allowed at resolution 0");
        }
        return new ComponentCodingStyle(levels, xcb, ycb, (Tier1.CodeBlockStyle)s[3], s[4] == 1, ppx, ppy);
    }
}
