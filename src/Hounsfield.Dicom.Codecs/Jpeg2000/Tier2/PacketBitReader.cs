namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier2;

/// <summary>Reads packet header bits (T.800 B.10.1): MSB first, 7 bits in the byte after a 0xFF.</summary>
internal ref struct PacketBitReader(ReadOnlySpan<byte> data, int position)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _byte;
    private int _bits;

    /// <summary>The next unread byte.</summary>
    public int Position { get; private set; } = position;

    /// <summary>One bit.</summary>
    public int ReadBit()
    {
        if (_bits == 0)
        {
            if (Position >= _data.Length) throw new DicomCodecException("a JPEG 2000 packet header is truncated");
            _bits = _byte == 0xFF ? 7 : 8;
            _byte = _data[Position++];
        }
        _bits--;
        return (_byte >> _bits) & 1;
    }

    /// <summary><paramref name="count"/> bits, MSB first (count ≤ 31).</summary>
    public int Read(int count)
    {
        var v = 0;
        for (var i = 0; i < count; i++) v = (v << 1) | ReadBit();
        return v;
    }

    /// <summary>Skips to the byte boundary; a header ending in 0xFF is followed by a stuffed byte.</summary>
    public void Align()
    {
        _bits = 0;
        if (_byte == 0xFF)
        {
            if (Position >= _data.Length) throw new DicomCodecException("a JPEG 2000 packet header is truncated");
            Position++;
        }
        _byte = 0;
    }
}
