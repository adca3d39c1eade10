using System.Buffers.Binary;
using System.Text;

namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>
/// Big-endian cursor that writes PDU fields into a span sized in advance from the encoded
/// lengths (so encoding never reallocates).
/// </summary>
internal ref struct PduSpanWriter
{
    private readonly Span<byte> _data;
    private int _position;

    public PduSpanWriter(Span<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly int Position => _position;

    public void WriteByte(byte value) => _data[_position++] = value;

    public void WriteUInt16(int value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_data.Slice(_position), checked((ushort)value));
        _position += 2;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_data.Slice(_position), value);
        _position += 4;
    }

    public void WriteZeros(int count)
    {
        _data.Slice(_position, count).Clear();
        _position += count;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_data.Slice(_position));
        _position += bytes.Length;
    }

    /// <summary>ASCII text, unpadded (UIDs in PDUs are not padded, PS3.8 Annex F).</summary>
    public void WriteAscii(string text) => _position += Encoding.ASCII.GetBytes(text, _data.Slice(_position));

    /// <summary>An AE title field: 16 bytes, space padded.</summary>
    public void WriteAETitle(string aeTitle)
    {
        var field = _data.Slice(_position, 16);
        field.Fill((byte)' ');
        Encoding.ASCII.GetBytes(aeTitle, field);
        _position += 16;
    }

    /// <summary>Item header: type, reserved (or version), 2-byte length (PS3.8 §9.3.2.1).</summary>
    public void WriteItemHeader(ItemType type, int length, byte reserved = 0)
    {
        if (length > ushort.MaxValue)
        {
            throw new ArgumentException($"item 0x{(byte)type:X2} would be {length} bytes, over the 65535 an item length can say");
        }
        WriteByte((byte)type);
        WriteByte(reserved);
        WriteUInt16(length);
    }
}
