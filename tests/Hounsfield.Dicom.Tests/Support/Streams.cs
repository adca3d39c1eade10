namespace Hounsfield.Dicom.Tests.Support;

/// <summary>Wraps a stream and records how many bytes were read and where, optionally hiding its ability to seek.</summary>
public sealed class CountingStream(Stream inner, bool seekable = true) : Stream
{
    private readonly List<(long Position, int Count)> _reads = [];

    /// <summary>Total bytes returned by Read.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Each read as (position before the read, bytes returned); positions are -1 when not seekable.</summary>
    public IReadOnlyList<(long Position, int Count)> Reads => _reads;

    public void ResetCounts()
    {
        BytesRead = 0;
        _reads.Clear();
    }

    /// <summary>True when some read returned bytes in [start, start+length).</summary>
    public bool TouchedRange(long start, long length) =>
        _reads.Any(r => r.Position >= 0 && r.Position < start + length && r.Position + r.Count > start);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var at = seekable ? inner.Position : -1;
        var n = inner.Read(buffer);
        BytesRead += n;
        if (n > 0) _reads.Add((at, n));
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => seekable;
    public override bool CanWrite => false;
    public override long Length => seekable ? inner.Length : throw new NotSupportedException();

    public override long Position
    {
        get => seekable ? inner.Position : throw new NotSupportedException();
        set
        {
            if (!seekable) throw new NotSupportedException();
            inner.Position = value;
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => seekable ? inner.Seek(offset, origin) : throw new NotSupportedException();
    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>A read-only stream over bytes that cannot seek and reports no length, like a network socket.</summary>
public sealed class NonSeekableStream(byte[] bytes) : Stream
{
    private int _position;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Hand out short reads, as sockets do, so the reader's refill loops are exercised.
        var n = Math.Min(Math.Min(buffer.Length, bytes.Length - _position), 7919);
        bytes.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
