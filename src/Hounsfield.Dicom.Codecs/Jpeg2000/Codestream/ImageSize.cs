using System.Buffers.Binary;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.Codestream;

/// <summary>The SIZ marker segment: reference grid, tiling and components (T.800 A.5.1).</summary>
internal sealed record ImageSize(int Xsiz, int Ysiz, int XOsiz, int YOsiz, int XTsiz, int YTsiz, int XTOsiz, int YTOsiz, ComponentSize[] Components)
{
    /// <summary>Tiles across.</summary>
    public int TilesWide => (int)(((long)Xsiz - XTOsiz + XTsiz - 1) / XTsiz);

    /// <summary>Tiles down.</summary>
    public int TilesHigh => (int)(((long)Ysiz - YTOsiz + YTsiz - 1) / YTsiz);

    /// <summary>Parses the segment body (after Lsiz).</summary>
    public static ImageSize Parse(ReadOnlySpan<byte> s)
    {
        if (s.Length < 36) throw new DicomCodecException("the JPEG 2000 SIZ segment is too short");
        static int U32(ReadOnlySpan<byte> s, int at)
        {
            var v = BinaryPrimitives.ReadUInt32BigEndian(s[at..]);
            if (v > int.MaxValue) throw new DicomCodecException("a JPEG 2000 SIZ dimension is out of range");
            return (int)v;
        }
        var count = BinaryPrimitives.ReadUInt16BigEndian(s[34..]);
        if (count < 1 || s.Length < 36 + 3 * count)
            throw new DicomCodecException($"the JPEG 2000 SIZ segment declares {count} components");
        var components = new ComponentSize[count];
        for (var i = 0; i < count; i++)
        {
            var ssiz = s[36 + 3 * i];
            components[i] = new ComponentSize((ssiz & 0x7F) + 1, (ssiz & 0x80) != 0, s[37 + 3 * i], s[38 + 3 * i]);
            if (components[i].Precision > 38 || components[i].XRsiz == 0 || components[i].YRsiz == 0)
                throw new DicomCodecException("a JPEG 2000 SIZ component has an invalid precision or subsampling");
        }
        var size = new ImageSize(U32(s, 2), U32(s, 6), U32(s, 10), U32(s, 14), U32(s, 18), U32(s, 22), U32(s, 26), U32(s, 30), components);
        if (size.XOsiz >= size.Xsiz || size.YOsiz >= size.Ysiz || size.XTsiz == 0 || size.YTsiz == 0
            || size.XTOsiz > size.XOsiz || size.YTOsiz > size.YOsiz
            || (long)size.XTOsiz + size.XTsiz <= size.XOsiz || (long)size.YTOsiz + size.YTsiz <= size.YOsiz)
            throw new DicomCodecException("the JPEG 2000 SIZ geometry is inconsistent");
        return size;
    }
}
