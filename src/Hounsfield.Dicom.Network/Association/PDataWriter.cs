using System.Buffers;
using Hounsfield.Dicom.Network.UpperLayer;

namespace Hounsfield.Dicom.Network;

/// <summary>
/// Write-only stream that turns one DIMSE command or data set into P-DATA-TF PDUs, each with a
/// single PDV no larger than the peer's maximum length minus 6 (PS3.8 §9.3.5, Annex E). PDUs are
/// assembled one after another in one pooled buffer, each behind room for its 12 header bytes, and
/// go out together once the buffer holds no room for another (about 256 KiB), so a peer with small
/// PDUs still gets large writes without copying. The PDU being filled is held back until more data
/// arrives, so the last fragment (flagged in its message control header) is never empty unless the message is.
/// </summary>
public sealed class PDataWriter : Stream
{
    private const int Headers = Pdu.HeaderLength + PresentationDataValue.HeaderLength;

    private readonly Association _association;
    private readonly byte _contextId;
    private readonly bool _isCommand;
    private readonly int _maxData;
    private byte[]? _buffer;
    private int _start; // where the PDU being filled starts in the buffer; full PDUs lie before it
    private int _count; // data bytes in the PDU being filled
    private long _written;
    private bool _completed;

    internal PDataWriter(Association association, byte contextId, bool isCommand, int maxData)
    {
        _association = association;
        _contextId = contextId;
        _isCommand = isCommand;
        _maxData = maxData;
        // Small first: most commands are under 200 bytes; grow to the full fragment size on demand.
        _buffer = ArrayPool<byte>.Shared.Rent(Headers + Math.Min(maxData, 16 * 1024));
    }

    /// <summary>The presentation context the fragments are sent on.</summary>
    public byte PresentationContextId => _contextId;

    /// <summary>True for a command, false for a data set.</summary>
    public bool IsCommand => _isCommand;

    /// <inheritdoc/>
    public override bool CanRead => false;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => !_completed;

    /// <inheritdoc/>
    public override long Length => _written;

    /// <inheritdoc/>
    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    /// <inheritdoc/>
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        while (!buffer.IsEmpty)
        {
            if (_count == _maxData)
            {
                await NextFragmentAsync(cancellationToken).ConfigureAwait(false);
            }
            EnsureRoom(buffer.Length);
            var n = Math.Min(buffer.Length, _buffer!.Length - _start - Headers - _count);
            n = Math.Min(n, _maxData - _count);
            buffer.Span.Slice(0, n).CopyTo(_buffer.AsSpan(_start + Headers + _count));
            _count += n;
            _written += n;
            buffer = buffer.Slice(n);
        }
    }

    /// <inheritdoc/>
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Synchronous writes block on the network; prefer <see cref="WriteAsync(ReadOnlyMemory{byte}, CancellationToken)"/>.</summary>
    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Sends the final fragment with the last-fragment bit set. Further writes fail. Called by
    /// <see cref="DisposeAsync"/> when not called before.
    /// </summary>
    public ValueTask CompleteAsync(CancellationToken cancellationToken = default) => FinishAsync(cancellationToken, holdBack: false);

    /// <summary>As <see cref="CompleteAsync"/>, letting a small last PDU wait for the association's next write.</summary>
    internal ValueTask CompleteBeforeMoreAsync(CancellationToken cancellationToken) => FinishAsync(cancellationToken, holdBack: true);

    private async ValueTask FinishAsync(CancellationToken cancellationToken, bool holdBack)
    {
        if (_completed) return;
        try
        {
            await SendFragmentAsync(last: true, cancellationToken, holdBack).ConfigureAwait(false);
        }
        finally
        {
            _completed = true;
            ReturnBuffer();
        }
    }

    /// <summary>Buffered data is sent as fragments, never partially; flushing does nothing.</summary>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Completes the message (sends the last fragment) unless already done.</summary>
    public override async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            try
            {
                await CompleteAsync().ConfigureAwait(false);
            }
            catch (DicomNetworkException)
            {
                // The association is already gone; whoever sends next will hear about it.
            }
            catch (InvalidOperationException)
            {
            }
        }
        ReturnBuffer();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_completed)
        {
            CompleteAsync().AsTask().GetAwaiter().GetResult();
        }
        ReturnBuffer();
        base.Dispose(disposing);
    }

    // How many bytes of full PDUs one write may carry.
    private const int BatchBytes = 256 * 1024;

    private void EnsureRoom(int wanted)
    {
        var capacity = _buffer!.Length - _start - Headers;
        if (_count < capacity || capacity >= _maxData) return;
        var bigger = ArrayPool<byte>.Shared.Rent(_start + Headers + (int)Math.Min((long)_maxData, Math.Max((long)capacity * 4, _count + (long)wanted)));
        _buffer.AsSpan(0, _start + Headers + _count).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    // The PDU being filled is full and more data follows: close it, and send the buffer when no
    // further whole PDU fits in the batch.
    private async ValueTask NextFragmentAsync(CancellationToken cancellationToken)
    {
        PDataTf.WriteSinglePdvHeaders(_buffer.AsSpan(_start), _contextId, _isCommand, isLast: false, _count);
        _start += Headers + _count;
        _count = 0;
        var needed = _start + Headers + _maxData;
        if (needed <= Math.Max(BatchBytes, _buffer!.Length))
        {
            if (_buffer.Length >= needed) return;
            var bigger = ArrayPool<byte>.Shared.Rent(needed);
            _buffer.AsSpan(0, _start).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
            return;
        }
        await _association.SendPDataPduAsync(_buffer.AsMemory(0, _start), cancellationToken).ConfigureAwait(false);
        _start = 0;
    }

    private async ValueTask SendFragmentAsync(bool last, CancellationToken cancellationToken, bool holdBack = false)
    {
        PDataTf.WriteSinglePdvHeaders(_buffer.AsSpan(_start), _contextId, _isCommand, last, _count);
        await _association.SendPDataPduAsync(_buffer.AsMemory(0, _start + Headers + _count), cancellationToken, holdBack).ConfigureAwait(false);
        _start = 0;
        _count = 0;
    }

    private void ReturnBuffer()
    {
        var b = _buffer;
        _buffer = null;
        if (b is not null) ArrayPool<byte>.Shared.Return(b);
    }
}
