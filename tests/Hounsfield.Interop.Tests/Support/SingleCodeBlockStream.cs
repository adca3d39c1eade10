namespace Hounsfield.Interop.Tests.Support;

/// <summary>
/// A JPEG 2000 code stream with no wavelet decomposition, one tile, one component, one layer and one code-block
/// (image at most 64×64, 64×64 blocks): the packet then holds exactly one HT code-block, which lets the HT block
/// coder be checked against OpenJPH without tier-2. The main header is OpenJPH's own; only the packet is parsed or
/// written here (T.800 B.10: single-node tag trees, the pass count, Lblock and one segment length).
/// </summary>
public static class SingleCodeBlockStream
{
    /// <summary>The parts of such a code stream.</summary>
    public sealed record Parts(byte[] MainHeader, int MagnitudeBitPlanes, int ZeroBitPlanes, int Passes, byte[] Block);

    /// <summary>Splits an OpenJPH code stream (made with -num_decomps 0) into header and code-block.</summary>
    public static Parts Parse(byte[] stream)
    {
        var sot = IndexOfMarker(stream, 0x90);
        var mb = MagnitudeBitPlanes(stream.AsSpan(0, sot));
        var sod = IndexOfMarker(stream, 0x93) + 2;
        var reader = new HeaderBits(stream, sod);
        Assert.Equal(1, reader.Bit()); // non-empty packet
        Assert.Equal(1, reader.Bit()); // included in layer 0
        var zbp = 0;
        while (reader.Bit() == 0) zbp++;
        var passes = ReadPassCount(reader);
        var lblock = 3;
        while (reader.Bit() == 1) lblock++;
        var length = reader.Bits(lblock + (int)Math.Log2(passes));
        var body = reader.End();
        return new Parts(stream[..sot], mb, zbp, passes, stream.AsSpan(body, length).ToArray());
    }

    /// <summary>A code stream with <paramref name="mainHeader"/> and one single-pass (cleanup) code-block.</summary>
    public static byte[] Build(byte[] mainHeader, byte[] block, int zeroBitPlanes)
    {
        var header = new List<byte>();
        var writer = new HeaderWriter(header);
        writer.Bit(1);
        writer.Bit(1);
        for (var i = 0; i < zeroBitPlanes; i++) writer.Bit(0);
        writer.Bit(1);
        writer.Bit(0); // one pass
        var bits = Math.Max(3, 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)block.Length));
        for (var i = 3; i < bits; i++) writer.Bit(1);
        writer.Bit(0);
        writer.Bits(block.Length, bits);
        writer.Finish();

        var tilePart = 12 + 2 + header.Count + block.Length;
        var output = new List<byte>(mainHeader);
        output.AddRange([0xFF, 0x90, 0x00, 0x0A, 0x00, 0x00, (byte)(tilePart >> 24), (byte)(tilePart >> 16), (byte)(tilePart >> 8), (byte)tilePart, 0x00, 0x01]);
        output.AddRange([0xFF, 0x93]);
        output.AddRange(header);
        output.AddRange(block);
        output.AddRange([0xFF, 0xD9]);
        return [.. output];
    }

    private static int ReadPassCount(HeaderBits reader)
    {
        if (reader.Bit() == 0) return 1;
        if (reader.Bit() == 0) return 2;
        var two = reader.Bits(2);
        if (two < 3) return 3 + two;
        var five = reader.Bits(5);
        return five < 31 ? 6 + five : 37 + reader.Bits(7);
    }

    private static int MagnitudeBitPlanes(ReadOnlySpan<byte> header)
    {
        for (var i = 0; i + 5 < header.Length; i++)
            if (header[i] == 0xFF && header[i + 1] == 0x5C)
            {
                var guard = header[i + 4] >> 5;
                var exponent = header[i + 5] >> 3;
                return guard + exponent - 1;
            }
        throw new InvalidDataException("no QCD");
    }

    private static int IndexOfMarker(byte[] stream, byte marker)
    {
        for (var i = 0; i + 1 < stream.Length; i++)
            if (stream[i] == 0xFF && stream[i + 1] == marker) return i;
        throw new InvalidDataException($"no marker FF{marker:X2}");
    }

    /// <summary>Packet header bits: most significant first, 7 bits in a byte after 0xFF.</summary>
    private sealed class HeaderBits(byte[] data, int position)
    {
        private int _position = position;
        private int _left;
        private int _byte;

        public int Bit()
        {
            if (_left == 0)
            {
                _left = _byte == 0xFF ? 7 : 8;
                _byte = data[_position++];
            }
            return (_byte >> --_left) & 1;
        }

        public int Bits(int n)
        {
            var v = 0;
            for (var i = 0; i < n; i++) v = (v << 1) | Bit();
            return v;
        }

        /// <summary>Where the packet body starts: after the header's last byte and a stuffed byte after 0xFF.</summary>
        public int End() => _byte == 0xFF ? _position + 1 : _position;
    }

    private sealed class HeaderWriter(List<byte> output)
    {
        private int _bits;
        private int _count;
        private int _capacity = 8;

        public void Bit(int bit)
        {
            _bits = (_bits << 1) | bit;
            if (++_count < _capacity) return;
            output.Add((byte)_bits);
            _capacity = _bits == 0xFF ? 7 : 8;
            _bits = 0;
            _count = 0;
        }

        public void Bits(int value, int n)
        {
            for (var i = n - 1; i >= 0; i--) Bit((value >> i) & 1);
        }

        public void Finish()
        {
            if (_count > 0) output.Add((byte)(_bits << (_capacity - _count)));
            else if (_capacity == 7) output.Add(0);
        }
    }
}
