namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

/// <summary>
/// Reads the raw (bypass) segments of selective arithmetic coding bypass (T.800 D.6): bits MSB first,
/// a 0 bit stuffed after each 0xFF byte; past the end 1-bits are read.
/// </summary>
internal ref struct RawDecoder(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;
    private int _byte;
    private int _bits;

    /// <summary>The next bit.</summary>
    public int Decode()
    {
        if (_bits == 0)
        {
            var stuffed = _byte == 0xFF;
            _byte = _position < _data.Length ? _data[_position] : 0xFF;
            _position++;
            _bits = stuffed ? 7 : 8;
        }
        _bits--;
        return (_byte >> _bits) & 1;
    }
}
