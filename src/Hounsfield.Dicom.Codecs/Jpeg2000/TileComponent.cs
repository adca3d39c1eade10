using Hounsfield.Dicom.Codecs.Jpeg2000.Codestream;
using Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;
using Hounsfield.Dicom.Codecs.Jpeg2000.Tier2;

namespace Hounsfield.Dicom.Codecs.Jpeg2000;

/// <summary>
/// One component of one tile (T.800 B.3–B.7): area, coding style, resolution levels with their subbands,
/// precincts and code-blocks. Built the same way for decoding and encoding.
/// </summary>
internal sealed class TileComponent
{
    /// <summary>Area on the component's grid.</summary>
    public int X0 { get; }

    /// <summary>Area on the component's grid.</summary>
    public int Y0 { get; }

    /// <summary>Area on the component's grid.</summary>
    public int X1 { get; }

    /// <summary>Area on the component's grid.</summary>
    public int Y1 { get; }

    /// <summary>COD/COC for this component.</summary>
    public ComponentCodingStyle Style { get; }

    /// <summary>ROI maxshift (0 without RGN).</summary>
    public int RegionShift { get; }

    /// <summary>Resolution levels 0..NL.</summary>
    public ResolutionLevel[] Resolutions { get; }

    /// <summary>Builds the structure for tile area [tx0,tx1)×[ty0,ty1) (component subsampling 1).</summary>
    public TileComponent(int tx0, int ty0, int tx1, int ty1, ComponentCodingStyle style, QuantizationStyle quantization, int precision, int regionShift)
    {
        (X0, Y0, X1, Y1, Style, RegionShift) = (tx0, ty0, tx1, ty1, style, regionShift);
        var levels = style.Levels;
        Resolutions = new ResolutionLevel[levels + 1];
        for (var r = 0; r <= levels; r++)
            Resolutions[r] = BuildResolution(r, quantization, precision);
    }

    private static int CeilShift(long v, int shift) => (int)((v + (1L << shift) - 1) >> shift);

    private ResolutionLevel BuildResolution(int r, QuantizationStyle q, int precision)
    {
        var levels = Style.Levels;
        var scale = levels - r;
        int x0 = CeilShift(X0, scale), y0 = CeilShift(Y0, scale), x1 = CeilShift(X1, scale), y1 = CeilShift(Y1, scale);
        int ppx = Style.PrecinctWidthExponents[r], ppy = Style.PrecinctHeightExponents[r];
        var bands = new List<Subband>();
        if (r == 0)
        {
            bands.Add(MakeBand(SubbandOrientation.LL, 0, levels, x0, y0, x1, y1, 0, 0, q, precision));
        }
        else
        {
            var nb = levels - r + 1;
            var lower = Resolutions[r - 1];
            foreach (var o in new[] { SubbandOrientation.HL, SubbandOrientation.LH, SubbandOrientation.HH })
            {
                int xo = o is SubbandOrientation.HL or SubbandOrientation.HH ? 1 : 0;
                int yo = o is SubbandOrientation.LH or SubbandOrientation.HH ? 1 : 0;
                long ox = (long)xo << (nb - 1), oy = (long)yo << (nb - 1);
                bands.Add(MakeBand(o, 3 * (r - 1) + (int)o, nb,
                    CeilShift(X0 - ox, nb), CeilShift(Y0 - oy, nb), CeilShift(X1 - ox, nb), CeilShift(Y1 - oy, nb),
                    xo == 1 ? lower.Width : 0, yo == 1 ? lower.Height : 0, q, precision));
            }
        }
        int pw = x1 > x0 ? CeilShift(x1, ppx) - (x0 >> ppx) : 0;
        int ph = y1 > y0 ? CeilShift(y1, ppy) - (y0 >> ppy) : 0;
        int xcb = Math.Min(Style.CodeBlockWidthExponent, r == 0 ? ppx : ppx - 1);
        int ycb = Math.Min(Style.CodeBlockHeightExponent, r == 0 ? ppy : ppy - 1);
        var bandShift = r == 0 ? 0 : 1;
        var precincts = new PrecinctBand[(long)pw * ph > 1 << 24 ? throw new DicomCodecException("too many JPEG 2000 precincts") : pw * ph][];
        for (var j = 0; j < ph; j++)
            for (var i = 0; i < pw; i++)
            {
                long px0 = ((long)(x0 >> ppx) + i) << (ppx - bandShift), py0 = ((long)(y0 >> ppy) + j) << (ppy - bandShift);
                long px1 = px0 + (1L << (ppx - bandShift)), py1 = py0 + (1L << (ppy - bandShift));
                var list = new PrecinctBand[bands.Count];
                for (var b = 0; b < bands.Count; b++)
                {
                    var band = bands[b];
                    list[b] = new PrecinctBand(band.X0, band.Y0, band.X1, band.Y1,
                        (int)Math.Min(px0, int.MaxValue), (int)Math.Min(py0, int.MaxValue), (int)Math.Min(px1, int.MaxValue), (int)Math.Min(py1, int.MaxValue), xcb, ycb);
                }
                precincts[j * pw + i] = list;
            }
        return new ResolutionLevel
        {
            X0 = x0, Y0 = y0, X1 = x1, Y1 = y1,
            PrecinctWidthExponent = ppx, PrecinctHeightExponent = ppy,
            PrecinctsWide = pw, PrecinctsHigh = ph,
            Bands = [.. bands], Precincts = precincts,
        };
    }

    private Subband MakeBand(SubbandOrientation o, int index, int level, int x0, int y0, int x1, int y1, int bufferX, int bufferY, QuantizationStyle q, int precision)
    {
        var (exponent, mantissa) = q.Band(index, level, Style.Levels);
        var gain = o switch { SubbandOrientation.LL => 0, SubbandOrientation.HH => 2, _ => 1 };
        var mb = q.GuardBits + exponent - 1 + RegionShift;
        if (mb > 30) throw new DicomCodecException($"JPEG 2000 subbands with {mb} magnitude bit-planes are not supported");
        var step = Style.Reversible ? 1f : (float)(Math.Pow(2, precision + gain - exponent) * (1 + mantissa / 2048.0));
        return new Subband
        {
            Orientation = o, Index = index, X0 = x0, Y0 = y0, X1 = x1, Y1 = y1, BufferX = bufferX, BufferY = bufferY,
            MagnitudeBitPlanes = Math.Max(0, mb), Step = step,
        };
    }
}
