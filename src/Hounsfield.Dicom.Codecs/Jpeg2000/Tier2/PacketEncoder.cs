using System.Numerics;
using Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier2;

/// <summary>
/// Writes the packets of one tile (T.800 B.9, B.10) from code-blocks whose <see cref="CodeBlockState.Encoded"/>
/// and <see cref="CodeBlockState.LayerPasses"/> are set: tag trees, pass counts, Lblock and lengths, then bodies.
/// </summary>
internal static class PacketEncoder
{
    /// <summary>The packet data (headers and bodies) of the tile in <paramref name="order"/>.</summary>
    /// <param name="components">The tile-components with their coded blocks.</param>
    /// <param name="order">The packets in progression order.</param>
    /// <param name="layers">Quality layers.</param>
    /// <param name="style">The code-block style (segment boundaries).</param>
    /// <param name="packetLengths">When given, receives each packet's length in bytes (for PLT).</param>
    public static byte[] Encode(TileComponent[] components, List<PacketId> order, int layers, CodeBlockStyle style, List<int>? packetLengths = null)
    {
        foreach (var tc in components)
            foreach (var res in tc.Resolutions)
                foreach (var precinct in res.Precincts)
                    foreach (var band in precinct) Prepare(band, layers);
        var output = new MemoryStream();
        foreach (var packet in order)
        {
            var precinct = components[packet.Component].Resolutions[packet.Resolution].Precincts[packet.Precinct];
            var start = output.Length;
            WritePacket(output, precinct, packet.Layer, style);
            packetLengths?.Add((int)(output.Length - start));
        }
        return output.ToArray();
    }

    private static void Prepare(PrecinctBand band, int layers)
    {
        Span<int> first = band.Blocks.Length <= 1024 ? stackalloc int[band.Blocks.Length] : new int[band.Blocks.Length];
        Span<int> zero = band.Blocks.Length <= 1024 ? stackalloc int[band.Blocks.Length] : new int[band.Blocks.Length];
        for (var i = 0; i < band.Blocks.Length; i++)
        {
            var block = band.Blocks[i];
            block.Included = false;
            block.LengthBits = 3;
            var l = 0;
            while (l < layers && block.LayerPasses[l] == 0) l++;
            first[i] = l;
            zero[i] = block.Encoded?.ZeroBitPlanes ?? 0;
        }
        band.Inclusion.SetValues(first);
        band.ZeroBitPlanes.SetValues(zero);
    }

    private static void WritePacket(MemoryStream output, PrecinctBand[] precinct, int layer, CodeBlockStyle style)
    {
        var bits = new PacketBitWriter();
        var bodies = new List<(byte[] Data, int Start, int Length)>();
        var any = false;
        foreach (var band in precinct)
            foreach (var block in band.Blocks)
                any |= NewPasses(block, layer) > 0;
        bits.WriteBit(any ? 1 : 0);
        if (any)
            foreach (var band in precinct)
                for (var i = 0; i < band.Blocks.Length; i++)
                    WriteBlock(bits, band, i, layer, style, bodies);
        output.Write(bits.ToArray());
        foreach (var (data, start, length) in bodies) output.Write(data, start, length);
    }

    private static int NewPasses(CodeBlockState block, int layer) =>
        block.LayerPasses[layer] - (layer > 0 ? block.LayerPasses[layer - 1] : 0);

    private static void WriteBlock(PacketBitWriter bits, PrecinctBand band, int i, int layer, CodeBlockStyle style, List<(byte[], int, int)> bodies)
    {
        var block = band.Blocks[i];
        var passes = NewPasses(block, layer);
        if (!block.Included)
        {
            band.Inclusion.Encode(i, layer + 1, bits);
            if (passes == 0) return;
            band.ZeroBitPlanes.Encode(i, block.Encoded!.ZeroBitPlanes + 1, bits);
            block.Included = true;
        }
        else
        {
            bits.WriteBit(passes > 0 ? 1 : 0);
            if (passes == 0) return;
        }
        WritePassCount(bits, passes);
        var encoded = block.Encoded!;
        var before = layer > 0 ? block.LayerPasses[layer - 1] : 0;
        var chunks = new List<(int Passes, int Length)>();
        var first = before;
        var remaining = passes;
        var increase = 0;
        while (remaining > 0)
        {
            var n = 1;
            while (n < remaining && !CodeBlockSegmentation.EndsSegment(style, first + n - 1)) n++;
            var start = first > 0 ? encoded.PassLengths[first - 1] : 0;
            var length = encoded.PassLengths[first + n - 1] - start;
            var needed = 32 - BitOperations.LeadingZeroCount((uint)length);
            increase = Math.Max(increase, needed - BitOperations.Log2((uint)n) - block.LengthBits);
            chunks.Add((n, length));
            first += n;
            remaining -= n;
        }
        for (var k = 0; k < increase; k++) bits.WriteBit(1);
        bits.WriteBit(0);
        block.LengthBits += increase;
        foreach (var (n, length) in chunks)
            bits.Write(length, block.LengthBits + BitOperations.Log2((uint)n));
        var from = before > 0 ? encoded.PassLengths[before - 1] : 0;
        bodies.Add((encoded.Data, from, encoded.PassLengths[before + passes - 1] - from));
    }

    private static void WritePassCount(PacketBitWriter bits, int n)
    {
        if (n == 1) bits.WriteBit(0);
        else if (n == 2) bits.Write(0b10, 2);
        else if (n <= 5) bits.Write(0b1100 | (n - 3), 4);
        else if (n <= 36) bits.Write((0b1111 << 5) | (n - 6), 9);
        else bits.Write((0b111111111 << 7) | (n - 37), 16);
    }
}
