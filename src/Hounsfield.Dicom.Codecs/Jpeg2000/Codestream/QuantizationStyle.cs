namespace Hounsfield.Dicom.Codecs.Jpeg2000.Codestream;

/// <summary>
/// QCD/QCC (T.800 A.6.4, A.6.5): guard bits and the exponent ε_b and mantissa μ_b of each subband, in
/// band order (LL, then HL, LH, HH from the lowest resolution up).
/// </summary>
internal sealed record QuantizationStyle(int GuardBits, bool Derived, bool Reversible, int[] Exponents, int[] Mantissas)
{
    /// <summary>Parses Sqcd and SPqcd (the body after Lqcd, or after Cqcc for QCC).</summary>
    public static QuantizationStyle Parse(ReadOnlySpan<byte> s)
    {
        if (s.Length < 2) throw new DicomCodecException("a JPEG 2000 QCD/QCC segment is too short");
        var style = s[0] & 0x1F;
        var guard = s[0] >> 5;
        var body = s[1..];
        switch (style)
        {
            case 0:
                var e = new int[body.Length];
                for (var i = 0; i < e.Length; i++) e[i] = body[i] >> 3;
                return new QuantizationStyle(guard, false, true, e, new int[e.Length]);
            case 1 or 2:
                var n = body.Length / 2;
                if (n == 0) throw new DicomCodecException("a JPEG 2000 QCD/QCC segment has no step sizes");
                var exponents = new int[n];
                var mantissas = new int[n];
                for (var i = 0; i < n; i++)
                {
                    var v = (body[2 * i] << 8) | body[2 * i + 1];
                    exponents[i] = v >> 11;
                    mantissas[i] = v & 0x7FF;
                }
                return new QuantizationStyle(guard, style == 1, false, exponents, mantissas);
            default:
                throw new DicomCodecException($"JPEG 2000 quantization style {style} is invalid");
        }
    }

    /// <summary>ε_b and μ_b of band <paramref name="band"/> (0 = LL) at decomposition level <paramref name="level"/> of <paramref name="levels"/> (E-5 when derived).</summary>
    public (int Exponent, int Mantissa) Band(int band, int level, int levels)
    {
        if (Derived) return (Math.Max(0, Exponents[0] - levels + level), Mantissas[0]);
        if (band >= Exponents.Length) throw new DicomCodecException($"the JPEG 2000 quantization has no step size for subband {band}");
        return (Exponents[band], Mantissas[band]);
    }
}
