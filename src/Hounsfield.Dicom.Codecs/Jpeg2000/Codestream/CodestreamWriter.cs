using System.Buffers.Binary;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.Codestream;

/// <summary>Writes the marker segments of a code stream (T.800 Annex A) big-endian into a buffer.</summary>
internal sealed class CodestreamWriter
{
    private readonly MemoryStream _output = new();

    /// <summary>Bytes written so far.</summary>
    public long Length => _output.Length;

    /// <summary>A bare marker (SOC, SOD, EOC).</summary>
    public void Marker(ushort marker) => U16(marker);

    /// <summary>A marker segment: marker, length, body.</summary>
    public void Segment(ushort marker, ReadOnlySpan<byte> body)
    {
        U16(marker);
        U16((ushort)(body.Length + 2));
        _output.Write(body);
    }

    /// <summary>Raw bytes (packet data).</summary>
    public void Bytes(ReadOnlySpan<byte> data) => _output.Write(data);

    private void U16(ushort v)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, v);
        _output.Write(b);
    }

    /// <summary>The code stream.</summary>
    public byte[] ToArray() => _output.ToArray();

    /// <summary>The SIZ body for an image at the origin with the given tiling and components (no subsampling).</summary>
    public static byte[] ImageSize(int width, int height, int tileWidth, int tileHeight, int components, int precision, bool signed)
    {
        var body = new byte[36 + 3 * components];
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(2), (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(6), (uint)height);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(18), (uint)tileWidth);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(22), (uint)tileHeight);
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(34), (ushort)components);
        for (var c = 0; c < components; c++)
        {
            body[36 + 3 * c] = (byte)((precision - 1) | (signed ? 0x80 : 0));
            body[37 + 3 * c] = 1;
            body[38 + 3 * c] = 1;
        }
        return body;
    }

    /// <summary>The COD body: no precinct partition, no SOP/EPH, 64×64 code-blocks.</summary>
    public static byte[] CodingStyle(ProgressionOrder order, int layers, bool mct, int levels, Tier1.CodeBlockStyle style, bool reversible) =>
        [0, (byte)order, (byte)(layers >> 8), (byte)layers, (byte)(mct ? 1 : 0), (byte)levels, 4, 4, (byte)style, (byte)(reversible ? 1 : 0)];

    /// <summary>The QCD body: no quantization (reversible) or scalar expounded step sizes.</summary>
    public static byte[] Quantization(int guardBits, bool reversible, int[] exponents, int[] mantissas)
    {
        if (reversible)
        {
            var r = new byte[1 + exponents.Length];
            r[0] = (byte)(guardBits << 5);
            for (var i = 0; i < exponents.Length; i++) r[1 + i] = (byte)(exponents[i] << 3);
            return r;
        }
        var q = new byte[1 + 2 * exponents.Length];
        q[0] = (byte)((guardBits << 5) | 2);
        for (var i = 0; i < exponents.Length; i++)
            BinaryPrimitives.WriteUInt16BigEndian(q.AsSpan(1 + 2 * i), (ushort)((exponents[i] << 11) | mantissas[i]));
        return q;
    }

    /// <summary>The SOT body: tile index, tile-part length, tile-part index and count (one tile-part by default).</summary>
    public static byte[] StartOfTile(int tile, uint tilePartLength, int part = 0, int parts = 1)
    {
        var body = new byte[8];
        BinaryPrimitives.WriteUInt16BigEndian(body, (ushort)tile);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(2), tilePartLength);
        body[6] = (byte)part;
        body[7] = (byte)parts;
        return body;
    }
    /// <summary>
    /// The TLM body (T.800 A.7.1): Ztlm 0, Stlm with 16-bit tile indices and 32-bit lengths, then one entry
    /// per tile-part in code stream order.
    /// </summary>
    public static byte[] TileLengths((int Tile, uint Length)[] tileParts)
    {
        if (tileParts.Length > (65535 - 4) / 6)
            throw new DicomCodecException("too many tile-parts for one TLM marker segment");
        var body = new byte[2 + 6 * tileParts.Length];
        body[1] = (2 << 4) | (1 << 6);
        for (var i = 0; i < tileParts.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(2 + 6 * i), (ushort)tileParts[i].Tile);
            BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(4 + 6 * i), tileParts[i].Length);
        }
        return body;
    }

    /// <summary>
    /// PLT bodies (T.800 A.7.3) for a tile-part's packets: Zplt, then each length in 7-bit groups, most
    /// significant first, bit 7 set on all but the last group; a new segment starts before 65 000 bytes.
    /// </summary>
    public static List<byte[]> PacketLengths(List<int> packetLengths)
    {
        var bodies = new List<byte[]>();
        var current = new List<byte> { 0 };
        Span<byte> groups = stackalloc byte[5];
        foreach (var length in packetLengths)
        {
            var count = 0;
            var v = (uint)length;
            do
            {
                groups[count++] = (byte)(v & 0x7F);
                v >>= 7;
            }
            while (v != 0);
            if (current.Count + count > 65000)
            {
                bodies.Add([.. current]);
                current = [(byte)bodies.Count];
            }
            for (var i = count - 1; i >= 0; i--) current.Add((byte)(groups[i] | (i > 0 ? 0x80 : 0)));
        }
        bodies.Add([.. current]);
        return bodies;
    }
}
