using System.Buffers.Binary;
using System.Text;

namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>
/// Bounds-checked big-endian cursor over PDU bytes (PS3.8 §9.3: all multi-byte fields are
/// big-endian). Every read checks the remaining length first and throws
/// <see cref="PduFormatException"/> instead of reading past the end, so a lying length field
/// can never make us read or allocate beyond what was received.
/// </summary>
internal ref struct PduSpanReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _baseOffset;
    private int _position;

    public PduSpanReader(ReadOnlySpan<byte> data, int baseOffset = 0)
    {
        _data = data;
        _baseOffset = baseOffset;
        _position = 0;
    }

    public readonly int Remaining => _data.Length - _position;

    /// <summary>Offset of the cursor from the start of the PDU, for error messages.</summary>
    public readonly int Offset => _baseOffset + _position;

    public readonly bool IsEmpty => _position >= _data.Length;

    private readonly void Need(int count, string what)
    {
        if (count > Remaining)
        {
            throw new PduFormatException(
                $"{what} needs {count} bytes but only {Remaining} remain", AbortReason.InvalidPduParameterValue, Offset);
        }
    }

    public byte ReadByte(string what)
    {
        Need(1, what);
        return _data[_position++];
    }

    public ushort ReadUInt16(string what)
    {
        Need(2, what);
        var v = BinaryPrimitives.ReadUInt16BigEndian(_data.Slice(_position));
        _position += 2;
        return v;
    }

    public uint ReadUInt32(string what)
    {
        Need(4, what);
        var v = BinaryPrimitives.ReadUInt32BigEndian(_data.Slice(_position));
        _position += 4;
        return v;
    }

    public ReadOnlySpan<byte> ReadBytes(int count, string what)
    {
        Need(count, what);
        var s = _data.Slice(_position, count);
        _position += count;
        return s;
    }

    public void Skip(int count, string what) => ReadBytes(count, what);

    /// <summary>
    /// A sub-reader over the next <paramref name="length"/> bytes (an item's value), after checking
    /// the item does not claim more than its container holds.
    /// </summary>
    public PduSpanReader ReadItem(int length, string what)
    {
        var start = Offset;
        var span = ReadBytes(length, what);
        return new PduSpanReader(span, start);
    }

    /// <summary>
    /// A UID or other ASCII string. UIDs are not padded in PDUs (PS3.8 Annex F), but some peers pad
    /// with NUL or space as in data sets, so trailing padding is dropped.
    /// </summary>
    public string ReadAscii(int count, string what) => DecodeAscii(ReadBytes(count, what));

    public static string DecodeAscii(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.Length;
        while (end > 0 && (bytes[end - 1] == 0 || bytes[end - 1] == (byte)' ')) end--;
        return Encoding.ASCII.GetString(bytes.Slice(0, end));
    }

    /// <summary>An AE title field: 16 bytes, leading and trailing spaces not significant (PS3.8 §9.3.2).</summary>
    public string ReadAETitle(string what)
    {
        var raw = ReadBytes(16, what);
        return Encoding.ASCII.GetString(raw).Trim(' ', '\0');
    }
}
