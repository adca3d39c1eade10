using System.Buffers.Binary;
using Hounsfield.Dicom.Codecs.Jpeg2000.Codestream;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput;

/// <summary>
/// The CAP marker segment of an HTJ2K code stream (ITU-T T.814 Annex A): Pcap with the Part 15 bit and
/// Ccap15 — HT-only, a single HT set per code-block, no RGN, homogeneous, bit 5 when the irreversible
/// path is used, and MAGB from the largest Mb (B = Mb + 1 as OpenJPH writes it, MAGB = B − 8).
/// </summary>
internal static class HtCapabilities
{
    private const uint Part15 = 1u << (32 - 15);

    /// <summary>The CAP body for the given transform and MAGB.</summary>
    public static byte[] Body(bool reversible, int magb)
    {
        var body = new byte[6];
        BinaryPrimitives.WriteUInt32BigEndian(body, Part15);
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(4), (ushort)((reversible ? 0 : 0x20) | Math.Clamp(magb, 0, 31)));
        return body;
    }

    /// <summary>Sets MAGB in the CAP segment of <paramref name="codestream"/> from the step sizes it signals.</summary>
    public static byte[] Complete(byte[] codestream)
    {
        var parsed = Jpeg2000Codestream.Parse(codestream);
        var mb = MaxMagnitudeBitPlanes(parsed.Main);
        foreach (var tile in parsed.Tiles.Values)
            mb = Math.Max(mb, MaxMagnitudeBitPlanes(tile.Parameters));
        // SOC, then SIZ (marker, Lsiz), then CAP: marker, Lcap, Pcap, Ccap15.
        var cap = 4 + BinaryPrimitives.ReadUInt16BigEndian(codestream.AsSpan(4));
        if (BinaryPrimitives.ReadUInt16BigEndian(codestream.AsSpan(cap)) != Jpeg2000Marker.CAP)
            throw new InvalidOperationException("the encoder did not write CAP after SIZ");
        var ccap = codestream.AsSpan(cap + 8);
        var value = (BinaryPrimitives.ReadUInt16BigEndian(ccap) & ~0x1F) | Math.Clamp(mb + 1 - 8, 0, 31);
        BinaryPrimitives.WriteUInt16BigEndian(ccap, (ushort)value);
        return codestream;
    }

    private static int MaxMagnitudeBitPlanes(TileCodingParameters parameters)
    {
        var mb = 0;
        foreach (var q in parameters.ComponentQuantization.Values.Prepend(parameters.Quantization))
            if (q is not null)
                mb = Math.Max(mb, q.GuardBits + q.Exponents.Max() - 1);
        return mb;
    }
}
