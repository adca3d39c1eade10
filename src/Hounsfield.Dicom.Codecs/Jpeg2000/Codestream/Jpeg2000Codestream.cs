using System.Buffers.Binary;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.Codestream;

/// <summary>
/// A parsed JPEG 2000 code stream (T.800 Annex A): the main header and the tile-parts grouped by tile.
/// A JP2 file (T.800 Annex I) is accepted by reading its contiguous code stream box.
/// </summary>
internal sealed class Jpeg2000Codestream
{
    /// <summary>SIZ.</summary>
    public required ImageSize Size { get; init; }

    /// <summary>Main header parameters.</summary>
    public required TileCodingParameters Main { get; init; }

    /// <summary>Tiles that have at least one tile-part, by index.</summary>
    public required Dictionary<int, TileData> Tiles { get; init; }

    /// <summary>True when a CAP marker announces HTJ2K (T.814) block coding.</summary>
    public bool HighThroughput { get; init; }

    /// <summary>Parses <paramref name="data"/>.</summary>
    public static Jpeg2000Codestream Parse(ReadOnlyMemory<byte> data)
    {
        data = Jp2Box.FindCodestream(data);
        var s = data.Span;
        if (s.Length < 4 || BinaryPrimitives.ReadUInt16BigEndian(s) != Jpeg2000Marker.SOC)
            throw new DicomCodecException("the JPEG 2000 code stream does not start with SOC");
        var pos = 2;
        ImageSize? size = null;
        var main = new TileCodingParameters();
        var ppm = new List<(int Z, ReadOnlyMemory<byte> Body)>();
        var ht = false;
        while (true)
        {
            var (marker, body, next) = ReadSegment(data, pos);
            if (marker == Jpeg2000Marker.SOT) break;
            if (size is null && marker != Jpeg2000Marker.SIZ) throw new DicomCodecException("the JPEG 2000 main header does not start with SIZ");
            switch (marker)
            {
                case Jpeg2000Marker.SIZ:
                    if (size is not null) throw new DicomCodecException("the JPEG 2000 main header has two SIZ segments");
                    size = ImageSize.Parse(body.Span);
                    break;
                case Jpeg2000Marker.CAP:
                    ht = body.Length >= 4 && (BinaryPrimitives.ReadUInt32BigEndian(body.Span) & 0x00020000) != 0;
                    break;
                case Jpeg2000Marker.PPM:
                    if (body.Length < 1) throw new DicomCodecException("empty JPEG 2000 PPM segment");
                    ppm.Add((body.Span[0], body[1..]));
                    break;
                default:
                    ApplyParameter(marker, body.Span, main, size!.Components.Length);
                    break;
            }
            pos = next;
        }
        if (main.CodingStyle is null || main.Quantization is null)
            throw new DicomCodecException("the JPEG 2000 main header lacks COD or QCD");
        var tiles = ReadTileParts(data, pos, size!, ppm);
        return new Jpeg2000Codestream { Size = size!, Main = main, Tiles = tiles, HighThroughput = ht };
    }

    private static (ushort Marker, ReadOnlyMemory<byte> Body, int Next) ReadSegment(ReadOnlyMemory<byte> data, int pos)
    {
        var s = data.Span;
        if (pos + 4 > s.Length) throw new DicomCodecException($"the JPEG 2000 code stream ends inside a header at offset {pos}");
        var marker = BinaryPrimitives.ReadUInt16BigEndian(s[pos..]);
        if (marker < 0xFF30) throw new DicomCodecException($"expected a JPEG 2000 marker at offset {pos}, found 0x{marker:X4}");
        var length = BinaryPrimitives.ReadUInt16BigEndian(s[(pos + 2)..]);
        if (length < 2 || pos + 2 + length > s.Length)
            throw new DicomCodecException($"JPEG 2000 marker segment 0x{marker:X4} of length {length} overruns the code stream");
        return (marker, data.Slice(pos + 4, length - 2), pos + 2 + length);
    }

    private static void ApplyParameter(ushort marker, ReadOnlySpan<byte> s, TileCodingParameters p, int components)
    {
        var wide = components >= 257;
        int Component(ReadOnlySpan<byte> b)
        {
            if (b.Length < (wide ? 2 : 1)) throw new DicomCodecException($"JPEG 2000 marker 0x{marker:X4} is too short");
            var c = wide ? (b[0] << 8) | b[1] : b[0];
            if (c >= components) throw new DicomCodecException($"JPEG 2000 marker 0x{marker:X4} names component {c} of {components}");
            return c;
        }
        var skip = wide ? 2 : 1;
        switch (marker)
        {
            case Jpeg2000Marker.COD:
                p.CodingStyle = CodingStyle.Parse(s);
                break;
            case Jpeg2000Marker.COC:
                var c = Component(s);
                if (s.Length < skip + 1) throw new DicomCodecException("the JPEG 2000 COC segment is too short");
                p.ComponentStyles[c] = ComponentCodingStyle.Parse(s[(skip + 1)..], (s[skip] & 1) != 0);
                break;
            case Jpeg2000Marker.QCD:
                p.Quantization = QuantizationStyle.Parse(s);
                break;
            case Jpeg2000Marker.QCC:
                p.ComponentQuantization[Component(s)] = QuantizationStyle.Parse(s[skip..]);
                break;
            case Jpeg2000Marker.RGN:
                var rc = Component(s);
                if (s.Length < skip + 2 || s[skip] != 0) throw new DicomCodecException("only the JPEG 2000 ROI maxshift method is supported");
                p.RegionShift[rc] = s[skip + 1];
                break;
            case Jpeg2000Marker.POC:
                (p.ProgressionChanges ??= []).AddRange(ProgressionChange.Parse(s, components));
                break;
            case Jpeg2000Marker.SOD or Jpeg2000Marker.EOC or Jpeg2000Marker.SOC:
                throw new DicomCodecException($"unexpected JPEG 2000 marker 0x{marker:X4} in a header");
            default:
                break; // COM, TLM, PLM, PLT, CRG and unknown informational segments
        }
    }

    private static Dictionary<int, TileData> ReadTileParts(ReadOnlyMemory<byte> data, int pos, ImageSize size, List<(int Z, ReadOnlyMemory<byte> Body)> ppm)
    {
        var s = data.Span;
        var tileCount = (long)size.TilesWide * size.TilesHigh;
        var tiles = new Dictionary<int, TileData>();
        var packed = PackedMainHeaders(ppm);
        var packedAt = 0;
        while (pos + 2 <= s.Length)
        {
            var marker = BinaryPrimitives.ReadUInt16BigEndian(s[pos..]);
            if (marker == Jpeg2000Marker.EOC) break;
            if (marker != Jpeg2000Marker.SOT) throw new DicomCodecException($"expected SOT or EOC at offset {pos}, found 0x{marker:X4}");
            var (_, sot, next) = ReadSegment(data, pos);
            if (sot.Length < 8) throw new DicomCodecException("the JPEG 2000 SOT segment is too short");
            var index = BinaryPrimitives.ReadUInt16BigEndian(sot.Span);
            var psot = BinaryPrimitives.ReadUInt32BigEndian(sot.Span[2..]);
            var part = sot.Span[6];
            if (index >= tileCount) throw new DicomCodecException($"JPEG 2000 tile index {index} is beyond the {tileCount} tiles");
            long end = psot == 0 ? EndOfLastTilePart(s) : pos + (long)psot;
            if (end > s.Length || end < next) throw new DicomCodecException($"JPEG 2000 tile-part of tile {index} (length {psot}) overruns the code stream");
            if (!tiles.TryGetValue(index, out var tile)) tiles[index] = tile = new TileData(index);
            if (part != tile.NextPart) throw new DicomCodecException($"JPEG 2000 tile-part {part} of tile {index} is out of order");
            tile.NextPart++;
            pos = next;
            while (true)
            {
                if (pos + 2 > end) throw new DicomCodecException("a JPEG 2000 tile-part header has no SOD");
                if (BinaryPrimitives.ReadUInt16BigEndian(s[pos..]) == Jpeg2000Marker.SOD) break;
                var (m, body, after) = ReadSegment(data, pos);
                if (m == Jpeg2000Marker.PPT)
                {
                    if (body.Length < 1) throw new DicomCodecException("empty JPEG 2000 PPT segment");
                    tile.HasPackedHeaders = true;
                    foreach (var b in body.Span[1..]) tile.PackedHeaders.Add(b);
                }
                else if (part == 0 || m is Jpeg2000Marker.POC or Jpeg2000Marker.PLT or Jpeg2000Marker.COM)
                {
                    ApplyParameter(m, body.Span, tile.Parameters, size.Components.Length);
                }
                else
                {
                    throw new DicomCodecException($"JPEG 2000 marker 0x{m:X4} is not allowed in a later tile-part header");
                }
                pos = after;
            }
            pos += 2;
            if (pos > end) throw new DicomCodecException("a JPEG 2000 tile-part header overruns its tile-part");
            tile.Parts.Add(data[pos..(int)end]);
            if (packed is not null)
            {
                if (packedAt + 4 > packed.Length) throw new DicomCodecException("the JPEG 2000 PPM data is shorter than the tile-parts need");
                var n = BinaryPrimitives.ReadUInt32BigEndian(packed.AsSpan(packedAt));
                packedAt += 4;
                if (n > packed.Length - packedAt) throw new DicomCodecException("a JPEG 2000 PPM length overruns the PPM data");
                tile.HasPackedHeaders = true;
                tile.PackedHeaders.AddRange(packed.AsSpan(packedAt, (int)n));
                packedAt += (int)n;
            }
            pos = (int)end;
        }
        if (tiles.Count == 0) throw new DicomCodecException("the JPEG 2000 code stream has no tile-parts");
        return tiles;
    }

    // Psot = 0: the tile-part runs to EOC (or the end of the data when EOC is missing).
    private static long EndOfLastTilePart(ReadOnlySpan<byte> s) =>
        s.Length >= 2 && BinaryPrimitives.ReadUInt16BigEndian(s[^2..]) == Jpeg2000Marker.EOC ? s.Length - 2 : s.Length;

    private static byte[]? PackedMainHeaders(List<(int Z, ReadOnlyMemory<byte> Body)> ppm)
    {
        if (ppm.Count == 0) return null;
        var all = new List<byte>();
        foreach (var (_, body) in ppm.OrderBy(p => p.Z)) all.AddRange(body.Span);
        return [.. all];
    }
}
