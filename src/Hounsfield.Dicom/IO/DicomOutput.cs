using System.Buffers;
using System.Buffers.Binary;

namespace Hounsfield.Dicom.IO;

/// <summary>A buffered writer that batches the many small header writes of an encoder into large stream writes.</summary>
internal sealed class DicomOutput : IDisposable
{
    private readonly Stream _stream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _used;

    public DicomOutput(Stream stream) => _stream = stream;

    public Stream Stream
    {
        get
        {
            Flush();
            return _stream;
        }
    }

    public void WriteUInt16(ushort value, bool bigEndian)
    {
        var span = Reserve(2);
        if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(span, value);
        else BinaryPrimitives.WriteUInt16LittleEndian(span, value);
    }

    public void WriteUInt32(uint value, bool bigEndian)
    {
        var span = Reserve(4);
        if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(span, value);
        else BinaryPrimitives.WriteUInt32LittleEndian(span, value);
    }

    public void WriteByte(byte value) => Reserve(1)[0] = value;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length / 2)
        {
            Flush();
            _stream.Write(bytes);
            return;
        }
        bytes.CopyTo(Reserve(bytes.Length));
    }

    /// <summary>Writes <paramref name="bytes"/> with each <paramref name="unit"/>-byte group reversed.</summary>
    public void WriteSwapped(ReadOnlySpan<byte> bytes, int unit)
    {
        while (!bytes.IsEmpty)
        {
            var n = Math.Min(bytes.Length, _buffer.Length / 2);
            n -= n % unit == 0 ? 0 : n % unit;
            if (n == 0) n = bytes.Length;
            var span = Reserve(n);
            bytes[..n].CopyTo(span);
            ByteSwap.InPlace(span, unit);
            bytes = bytes[n..];
        }
    }

    public void Flush()
    {
        if (_used == 0) return;
        _stream.Write(_buffer, 0, _used);
        _used = 0;
    }

    public void Dispose()
    {
        Flush();
        if (_buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _used < count) Flush();
        var span = _buffer.AsSpan(_used, count);
        _used += count;
        return span;
    }
}
