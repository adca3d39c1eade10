using static Hounsfield.Dicom.Codecs.Jpeg.JpegTables;

namespace Hounsfield.Dicom.Codecs.Jpeg;

/// <summary>
/// Integer 8×8 forward DCT (A.3.3) with the Loeffler–Ligtenberg–Moschytz factorisation and 13-bit
/// constants, rows then columns; the result is 8 times the DCT of A.3.3, which the quantizer
/// divides out. 8-bit samples keep 2 extra bits between passes, 12-bit samples 1.
/// </summary>
internal static class JpegFdct
{
    /// <summary>Transforms level-shifted samples in place (natural order).</summary>
    public static void Forward(Span<int> d, int precision)
    {
        d = d[..64];
        var pass1 = precision == 8 ? 2 : 1;
        for (var i = 0; i < 8; i++) Pass(d, i * 8, 1, ConstBits - pass1, pass1, true);
        for (var i = 0; i < 8; i++) Pass(d, i, 8, ConstBits + pass1, pass1, false);
    }

    private static int Descale(int x, int n) => (x + (1 << (n - 1))) >> n;

    private static void Pass(Span<int> d, int o, int s, int shift, int pass1, bool first)
    {
        int d0 = d[o], d1 = d[o + s], d2 = d[o + 2 * s], d3 = d[o + 3 * s], d4 = d[o + 4 * s], d5 = d[o + 5 * s], d6 = d[o + 6 * s], d7 = d[o + 7 * s];
        int tmp0 = d0 + d7, tmp7 = d0 - d7, tmp1 = d1 + d6, tmp6 = d1 - d6;
        int tmp2 = d2 + d5, tmp5 = d2 - d5, tmp3 = d3 + d4, tmp4 = d3 - d4;
        int tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;
        if (first)
        {
            d[o] = (tmp10 + tmp11) << pass1;
            d[o + 4 * s] = (tmp10 - tmp11) << pass1;
        }
        else
        {
            d[o] = Descale(tmp10 + tmp11, pass1);
            d[o + 4 * s] = Descale(tmp10 - tmp11, pass1);
        }
        var z1 = (tmp12 + tmp13) * F0541196100;
        d[o + 2 * s] = Descale(z1 + tmp13 * F0765366865, shift);
        d[o + 6 * s] = Descale(z1 - tmp12 * F1847759065, shift);
        z1 = tmp4 + tmp7;
        var z2 = tmp5 + tmp6;
        var z3 = tmp4 + tmp6;
        var z4 = tmp5 + tmp7;
        var z5 = (z3 + z4) * F1175875602;
        tmp4 *= F0298631336;
        tmp5 *= F2053119869;
        tmp6 *= F3072711026;
        tmp7 *= F1501321110;
        z1 *= -F0899976223;
        z2 *= -F2562915447;
        z3 = z3 * -F1961570560 + z5;
        z4 = z4 * -F0390180644 + z5;
        d[o + 7 * s] = Descale(tmp4 + z1 + z3, shift);
        d[o + 5 * s] = Descale(tmp5 + z2 + z4, shift);
        d[o + 3 * s] = Descale(tmp6 + z2 + z3, shift);
        d[o + s] = Descale(tmp7 + z1 + z4, shift);
    }
}
