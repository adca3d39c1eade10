using System.Buffers.Binary;
using System.Text;

namespace Hounsfield.Dicom.Tests.IO;

/// <summary>Builds encoded bytes by hand, for input our writer would never produce.</summary>
internal sealed class RawStream
{
    private readonly MemoryStream _bytes = new();
    private readonly bool _explicit;
    private readonly bool _bigEndian;

    public RawStream(bool explicitVR = true, bool bigEndian = false)
    {
        _explicit = explicitVR;
        _bigEndian = bigEndian;
    }

    public long Length => _bytes.Length;

    /// <summary>Preamble, "DICM" and a minimal explicit VR little endian meta group declaring <paramref name="transferSyntaxUid"/>.</summary>
    public static RawStream Part10(string transferSyntaxUid, bool explicitVR = true, bool bigEndian = false)
    {
        var raw = new RawStream(explicitVR, bigEndian);
        raw._bytes.Write(new byte[128]);
        raw._bytes.Write("DICM"u8);
        var meta = new RawStream();
        meta.Element(0x00020001, DicomVR.OB, [0, 1]);
        meta.Text(0x00020010, DicomVR.UI, transferSyntaxUid, pad: 0);
        var metaBytes = meta.ToArray();
        var header = new RawStream();
        header.Element(0x00020000, DicomVR.UL, BitConverter.GetBytes((uint)metaBytes.Length));
        raw._bytes.Write(header.ToArray());
        raw._bytes.Write(metaBytes);
        return raw;
    }

    public RawStream Text(uint tag, DicomVR vr, string text, byte pad = (byte)' ')
    {
        var bytes = Encoding.Latin1.GetBytes(text);
        if ((bytes.Length & 1) == 1) bytes = [.. bytes, pad];
        return Element(tag, vr, bytes);
    }

    public RawStream UInt16(uint tag, params ushort[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            if (_bigEndian) BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i * 2), values[i]);
            else BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        }
        return Element(tag, DicomVR.US, bytes);
    }

    /// <summary>An element header with <paramref name="length"/> and then <paramref name="value"/> (which may be shorter: for truncation tests).</summary>
    public RawStream Element(uint tag, DicomVR vr, byte[] value, uint? length = null)
    {
        Header(tag, vr, length ?? (uint)value.Length);
        _bytes.Write(value);
        return this;
    }

    public RawStream Header(uint tag, DicomVR vr, uint length)
    {
        Tag(tag);
        if (!_explicit)
        {
            UInt32(length);
            return this;
        }
        _bytes.WriteByte((byte)((ushort)vr >> 8));
        _bytes.WriteByte((byte)vr);
        if (vr.HasLongExplicitLength())
        {
            _bytes.Write([0, 0]);
            UInt32(length);
        }
        else
        {
            var b = new byte[2];
            if (_bigEndian) BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)length);
            else BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)length);
            _bytes.Write(b);
        }
        return this;
    }

    /// <summary>An item, item delimitation or sequence delimitation header (always 8 bytes).</summary>
    public RawStream Item(uint tag = 0xFFFEE000, uint length = 0xFFFFFFFF)
    {
        Tag(tag);
        UInt32(length);
        return this;
    }

    public RawStream ItemEnd() => Item(0xFFFEE00D, 0);

    public RawStream SequenceEnd() => Item(0xFFFEE0DD, 0);

    public RawStream Bytes(params byte[] bytes)
    {
        _bytes.Write(bytes);
        return this;
    }

    public byte[] ToArray() => _bytes.ToArray();

    private void Tag(uint tag)
    {
        var b = new byte[4];
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)(tag >> 16));
            BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), (ushort)tag);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)(tag >> 16));
            BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(2), (ushort)tag);
        }
        _bytes.Write(b);
    }

    private void UInt32(uint value)
    {
        var b = new byte[4];
        if (_bigEndian) BinaryPrimitives.WriteUInt32BigEndian(b, value);
        else BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        _bytes.Write(b);
    }
}

/// <summary>A read-only, non-seekable view of bytes, as a network stream would be.</summary>
internal sealed class ForwardOnlyStream(byte[] bytes, int maxChunk = int.MaxValue) : Stream
{
    private int _position;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = Math.Min(Math.Min(buffer.Length, maxChunk), bytes.Length - _position);
        bytes.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
