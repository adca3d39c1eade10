using System.Buffers.Binary;
using System.Numerics;
using Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier2;

/// <summary>
/// Reads the packets of one tile (T.800 B.9, B.10): packet headers (inclusion, zero bit-planes, pass
/// counts, Lblock, segment lengths) from the tile data or from PPM/PPT packed headers, SOP and EPH
/// markers, and hands each code-block its codeword segments.
/// </summary>
internal sealed class PacketDecoder(byte[] body, byte[]? packedHeaders, bool useEph)
{
    private int _bodyPosition;
    private int _headerPosition;
    private readonly List<(CodeBlockState Block, int Passes, int Length)> _pending = [];

    /// <summary>Reads <paramref name="packet"/> of <paramref name="component"/>.</summary>
    public void Read(PacketId packet, TileComponent component)
    {
        var header = packedHeaders ?? body;
        if (packedHeaders is null) _headerPosition = _bodyPosition;
        SkipSop();
        var resolution = component.Resolutions[packet.Resolution];
        var precinct = resolution.Precincts[packet.Precinct];
        var style = component.Style.Style;
        var bits = new PacketBitReader(header, packedHeaders is null ? _bodyPosition : _headerPosition);
        _pending.Clear();
        if (bits.ReadBit() != 0)
        {
            for (var b = 0; b < precinct.Length; b++)
                ReadBand(ref bits, precinct[b], resolution.Bands[b], packet.Layer, style);
        }
        bits.Align();
        var position = bits.Position;
        if (useEph && position + 2 <= header.Length && BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(position)) == Codestream.Jpeg2000Marker.EPH)
            position += 2;
        if (packedHeaders is null) _bodyPosition = position;
        else _headerPosition = position;
        foreach (var (block, passes, length) in _pending)
        {
            if (length > body.Length - _bodyPosition) throw new DicomCodecException("a JPEG 2000 packet body is truncated");
            block.Append(body.AsSpan(_bodyPosition, length), passes, block.Passes + passes - 1, style);
            block.Passes += passes;
            _bodyPosition += length;
        }
    }

    private void SkipSop()
    {
        if (_bodyPosition + 6 <= body.Length && BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(_bodyPosition)) == Codestream.Jpeg2000Marker.SOP)
            _bodyPosition += 6;
        if (packedHeaders is null) _headerPosition = _bodyPosition;
    }

    private void ReadBand(ref PacketBitReader bits, PrecinctBand band, Subband subband, int layer, CodeBlockStyle style)
    {
        for (var i = 0; i < band.Blocks.Length; i++)
        {
            var block = band.Blocks[i];
            bool included = block.Included ? bits.ReadBit() != 0 : band.Inclusion.Decode(i, layer + 1, ref bits);
            if (!included) continue;
            if (!block.Included)
            {
                block.ZeroBitPlanes = band.ZeroBitPlanes.DecodeValue(i, ref bits);
                block.Included = true;
            }
            var passes = ReadPassCount(ref bits);
            if (block.Passes + passes > 3 * subband.MagnitudeBitPlanes)
                throw new DicomCodecException("a JPEG 2000 code-block has more coding passes than its bit-planes allow");
            while (bits.ReadBit() != 0)
                if (++block.LengthBits > 32) throw new DicomCodecException("a JPEG 2000 Lblock is out of range");
            // One length per codeword segment the new passes touch (B.10.7.2).
            var first = block.Passes;
            var remaining = passes;
            while (remaining > 0)
            {
                var n = 1;
                while (n < remaining && !CodeBlockSegmentation.EndsSegment(style, first + n - 1)) n++;
                var count = block.LengthBits + BitOperations.Log2((uint)n);
                if (count > 31) throw new DicomCodecException("a JPEG 2000 codeword segment length is out of range");
                _pending.Add((block, n, bits.Read(count)));
                first += n;
                remaining -= n;
            }
        }
    }

    private static int ReadPassCount(ref PacketBitReader bits)
    {
        if (bits.ReadBit() == 0) return 1;
        if (bits.ReadBit() == 0) return 2;
        var v = bits.Read(2);
        if (v != 3) return 3 + v;
        v = bits.Read(5);
        if (v != 31) return 6 + v;
        return 37 + bits.Read(7);
    }
}
