namespace Hounsfield.Dicom.Network.Dimse;

/// <summary>
/// A timeout on silence rather than on a whole message: its token is cancelled when nothing has
/// arrived for <c>timeout</c> since the last <see cref="Restart"/>. Between messages a
/// <c>busy</c> predicate may hold it off — a peer waiting for our answer is not idle — but a peer
/// that stalls in the middle of a message is never excused.
/// </summary>
internal sealed class SilenceWatch : IDisposable
{
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _cancel;
    private readonly Timer _timer;
    private readonly TimeSpan _timeout;
    private readonly Func<bool>? _busy;
    private bool _midMessage;
    private bool _disposed;

    public SilenceWatch(TimeSpan timeout, Func<bool>? busy, CancellationToken cancellationToken)
    {
        _timeout = timeout;
        _busy = busy;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _timer = new Timer(_ => Expire(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Cancelled by the caller's token or by silence.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>True when silence, not the caller, cancelled <see cref="Token"/>.</summary>
    public bool Expired { get; private set; }

    /// <summary>Something arrived (or a wait begins): silence is counted from now.</summary>
    public void Restart(bool midMessage)
    {
        lock (_lock)
        {
            if (_disposed || Expired) return;
            _midMessage = midMessage;
            if (_timeout != Timeout.InfiniteTimeSpan) _timer.Change(_timeout, Timeout.InfiniteTimeSpan);
        }
    }

    private void Expire()
    {
        lock (_lock)
        {
            if (_disposed) return;
            if (!_midMessage && _busy?.Invoke() == true)
            {
                _timer.Change(_timeout, Timeout.InfiniteTimeSpan);
                return;
            }
            Expired = true;
        }
        // Outside the lock: cancellation runs the reader's callbacks synchronously.
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The read finished meanwhile.
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            _timer.Dispose();
        }
        _cancel.Dispose();
    }
}
