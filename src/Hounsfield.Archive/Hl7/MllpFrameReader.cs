namespace Hounsfield.Archive.Hl7;

/// <summary>
/// Reads MLLP blocks from a stream. Bytes outside a block are skipped (and counted, except the CR and LF
/// that follow an end block); a block longer than the limit keeps its first bytes, so its header can still
/// be answered, and the rest is discarded up to the end block; a new start block inside a block restarts it.
/// </summary>
public sealed class MllpFrameReader(Stream stream, int maxMessageBytes)
{
    private readonly byte[] _buffer = new byte[8192];
    private int _position;
    private int _length;

    /// <summary>The next block, or null at the end of the stream (a block cut short by the end is dropped).</summary>
    public async Task<MllpFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        var skipped = 0;
        while (true)
        {
            if (!await FillAsync(cancellationToken).ConfigureAwait(false)) return null;
            var b = _buffer[_position++];
            if (b == Mllp.StartBlock) break;
            if (b is not (Mllp.CarriageReturn or (byte)'\n')) skipped++;
        }
        var payload = new MemoryStream();
        var oversized = false;
        while (true)
        {
            if (!await FillAsync(cancellationToken).ConfigureAwait(false)) return null;
            var span = _buffer.AsSpan(_position, _length - _position);
            var stop = span.IndexOfAny(Mllp.EndBlock, Mllp.StartBlock);
            var chunk = stop < 0 ? span : span[..stop];
            var room = maxMessageBytes - (int)payload.Length;
            if (chunk.Length > room) oversized = true;
            payload.Write(chunk[..Math.Min(chunk.Length, Math.Max(room, 0))]);
            _position += chunk.Length;
            if (stop < 0) continue;
            var delimiter = _buffer[_position++];
            if (delimiter == Mllp.EndBlock) return new MllpFrame(payload.ToArray(), oversized, skipped);
            // A start block inside a block: the sender gave up on the previous one.
            skipped += (int)payload.Length + 1;
            payload.SetLength(0);
            oversized = false;
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_position < _length) return true;
        _length = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
        _position = 0;
        return _length > 0;
    }
}
