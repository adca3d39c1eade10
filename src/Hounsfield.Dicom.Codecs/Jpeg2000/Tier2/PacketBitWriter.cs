namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier2;

/// <summary>Writes packet header bits (T.800 B.10.1): MSB first, a 0 bit stuffed after each 0xFF byte.</summary>
internal sealed class PacketBitWriter
{
    private readonly List<byte> _bytes = [];
    private int _byte;
    private int _free = 8;

    /// <summary>One bit.</summary>
    public void WriteBit(int bit)
    {
        _free--;
        _byte |= (bit & 1) << _free;
        if (_free == 0) Flush();
    }

    /// <summary><paramref name="count"/> bits of <paramref name="value"/>, MSB first.</summary>
    public void Write(int value, int count)
    {
        for (var i = count - 1; i >= 0; i--) WriteBit(value >> i);
    }

    private void Flush()
    {
        _bytes.Add((byte)_byte);
        _free = _byte == 0xFF ? 7 : 8;
        _byte = 0;
    }

    /// <summary>Pads to a byte boundary (adding a 0 byte after a final 0xFF) and returns the header bytes.</summary>
    public byte[] ToArray()
    {
        // A partial byte never reaches 0xFF, and after a final 0xFF (_free == 7) the stuffed 0 byte is written.
        if (_free != 8) Flush();
        return [.. _bytes];
    }
}
