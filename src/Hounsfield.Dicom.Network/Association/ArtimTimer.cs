namespace Hounsfield.Dicom.Network;

/// <summary>
/// The Association Request/Reject/Release Timer (PS3.8 §9.1.5). It bounds how long we wait for an
/// A-ASSOCIATE-RQ after a connection opens (Sta2) and for the peer to close the connection after an
/// A-ASSOCIATE-RJ, A-RELEASE-RP or A-ABORT (Sta13). Expiry is event Evt18, delivered as the
/// cancellation of <see cref="Token"/>, so any pending read ends at once.
/// </summary>
internal sealed class ArtimTimer : IDisposable
{
    private readonly Lock _lock = new();
    private CancellationTokenSource? _cts;

    public ArtimTimer(TimeSpan timeout) => Timeout = timeout;

    public TimeSpan Timeout { get; }

    public bool IsRunning
    {
        get
        {
            lock (_lock) return _cts is not null;
        }
    }

    /// <summary>Cancelled when the timer expires; never cancelled while the timer is stopped.</summary>
    public CancellationToken Token
    {
        get
        {
            lock (_lock) return _cts?.Token ?? CancellationToken.None;
        }
    }

    /// <summary>True when <paramref name="token"/> came from this timer and the timer fired.</summary>
    public bool HasExpired(CancellationToken token) => token.IsCancellationRequested && token == Token;

    /// <summary>Starts the timer, or restarts it from zero when running (AA-1 "start or restart").</summary>
    public void Start()
    {
        lock (_lock)
        {
            _cts?.Dispose();
            _cts = new CancellationTokenSource(Timeout);
        }
    }

    public void Stop()
    {
        lock (_lock)
        {
            _cts?.Dispose();
            _cts = null;
        }
    }

    public void Dispose() => Stop();
}
