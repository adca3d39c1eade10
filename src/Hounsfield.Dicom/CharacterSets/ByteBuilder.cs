using System.Buffers;

namespace Hounsfield.Dicom;

/// <summary>
/// Collects encoded bytes in a pooled buffer sized up front from the worst case, so the encoder
/// never grows mid-value and allocates only the final array.
/// </summary>
internal ref struct ByteBuilder
{
    private readonly byte[] _buffer;
    private int _length;

    public ByteBuilder(int capacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 16));
        _length = 0;
    }

    public void Append(byte b) => _buffer[_length++] = b;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}
