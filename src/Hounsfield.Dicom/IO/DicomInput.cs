using System.Buffers;

namespace Hounsfield.Dicom.IO;

/// <summary>
/// A forward reader over a stream with its own pooled buffer and absolute positions, so the parser
/// can peek element headers cheaply, skip bulk values by seeking, and name offsets in errors.
/// </summary>
internal sealed class DicomInput : IDisposable
{
    private const int BufferSize = 16 * 1024;

    // What the first fill after seeking past a value reads: often all that is needed is the next
    // item header before the next seek (fragments of encapsulated pixel data), so a full buffer
    // would read 16 KiB per fragment, 320 MB for 20,000 of them.
    private const int RefillAfterSeek = 256;
    private readonly Stream _stream;
    private readonly bool _canSeek;
    private byte[] _buffer;
    private int _pos;
    private int _end;
    private long _bufferStart;
    private bool _seeked;

    public DicomInput(Stream stream)
    {
        _stream = stream;
        _canSeek = stream.CanSeek;
        _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        _bufferStart = _canSeek ? stream.Position : 0;
        StreamLength = _canSeek ? stream.Length : -1;
    }

    /// <summary>The absolute position of the next byte.</summary>
    public long Position => _bufferStart + _pos;

    /// <summary>The stream's length when it can seek, else -1.</summary>
    public long StreamLength { get; }

    /// <summary>True when values can be skipped and read back later by position.</summary>
    public bool CanSeek => _canSeek;

    /// <summary>Bytes left before the end of the stream, or long.MaxValue when unknown.</summary>
    public long Remaining => _canSeek ? StreamLength - Position : long.MaxValue;

    /// <summary>The underlying stream (for bulk data references).</summary>
    public Stream Stream => _stream;

    /// <summary>Ensures <paramref name="count"/> bytes are buffered; false when the stream ends first.</summary>
    public bool TryEnsure(int count)
    {
        if (_end - _pos >= count) return true;
        if (count > _buffer.Length) Grow(count);
        if (_pos > 0)
        {
            Buffer.BlockCopy(_buffer, _pos, _buffer, 0, _end - _pos);
            _bufferStart += _pos;
            _end -= _pos;
            _pos = 0;
        }
        var limit = _seeked ? Math.Max(count, RefillAfterSeek) : _buffer.Length;
        _seeked = false;
        while (_end < count)
        {
            var n = _stream.Read(_buffer, _end, limit - _end);
            if (n == 0) return false;
            _end += n;
        }
        return true;
    }

    /// <summary>The next <paramref name="count"/> buffered bytes; call <see cref="TryEnsure"/> first.</summary>
    public ReadOnlySpan<byte> Peek(int count) => _buffer.AsSpan(_pos, count);

    /// <summary>How many bytes are buffered past the current position.</summary>
    public int Buffered => _end - _pos;

    /// <summary>Moves past <paramref name="count"/> buffered bytes.</summary>
    public void Advance(int count) => _pos += count;

    /// <summary>Skips <paramref name="count"/> bytes, seeking when the stream allows it.</summary>
    public void Skip(long count)
    {
        var inBuffer = _end - _pos;
        if (count <= inBuffer)
        {
            _pos += (int)count;
            return;
        }
        count -= inBuffer;
        if (_canSeek)
        {
            _bufferStart += _end + count;
            _pos = _end = 0;
            _stream.Position = _bufferStart;
            _seeked = true;
            return;
        }
        _bufferStart += _end;
        _pos = _end = 0;
        while (count > 0)
        {
            var n = _stream.Read(_buffer, 0, (int)Math.Min(_buffer.Length, count));
            if (n == 0) throw new EndOfStreamException();
            _bufferStart += n;
            count -= n;
        }
    }

    /// <summary>Fills <paramref name="destination"/>; false when the stream ends first.</summary>
    public bool TryRead(Span<byte> destination)
    {
        var fromBuffer = Math.Min(destination.Length, _end - _pos);
        _buffer.AsSpan(_pos, fromBuffer).CopyTo(destination);
        _pos += fromBuffer;
        var done = fromBuffer;
        if (done == destination.Length) return true;
        // Large remainders go straight from the stream to the destination, bypassing the buffer.
        _bufferStart += _end;
        _pos = _end = 0;
        while (done < destination.Length)
        {
            var n = _stream.Read(destination[done..]);
            if (n == 0) return false;
            done += n;
            _bufferStart += n;
        }
        return true;
    }

    /// <summary>
    /// A stream of everything not yet consumed: the buffered bytes, then the rest of the source
    /// (used to inflate a deflated data set after the meta information).
    /// </summary>
    public Stream DetachRemainder()
    {
        var pending = _buffer.AsSpan(_pos, _end - _pos).ToArray();
        _bufferStart += _end;
        _pos = _end = 0;
        return new ConcatenatedStream(pending, _stream);
    }

    public void Dispose()
    {
        if (_buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void Grow(int count)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(count);
        Buffer.BlockCopy(_buffer, _pos, bigger, 0, _end - _pos);
        ArrayPool<byte>.Shared.Return(_buffer);
        _bufferStart += _pos;
        _end -= _pos;
        _pos = 0;
        _buffer = bigger;
    }

    private sealed class ConcatenatedStream(byte[] head, Stream tail) : Stream
    {
        private int _headPos;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_headPos < head.Length)
            {
                var n = Math.Min(buffer.Length, head.Length - _headPos);
                head.AsSpan(_headPos, n).CopyTo(buffer);
                _headPos += n;
                return n;
            }
            return tail.Read(buffer);
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
}
