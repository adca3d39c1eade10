using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Hounsfield.Dicom.Network.UpperLayer;

namespace Hounsfield.Dicom.Network;

/// <summary>
/// One DICOM association over TCP (optionally TLS), driven by the PS3.8 §9.2 state machine.
/// Requestors get one from <see cref="ConnectAsync"/>, acceptors from <see cref="DicomListener"/>.
/// </summary>
/// <remarks>
/// The DIMSE layer sits on top of the P-DATA service: <see cref="ReceiveAsync"/> yields message
/// fragments (presentation data values) one at a time; <see cref="SendPDataAsync"/> and
/// <see cref="CreatePDataWriter"/> send a command or data set, fragmented to the peer's maximum PDU
/// length. One task may read at a time; sending is serialized internally so several tasks may send.
/// </remarks>
public sealed partial class Association : IAsyncDisposable
{
    private readonly Socket? _socket;
    private readonly Stream _stream;
    private readonly PduReader _reader;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly AssociationStateMachine _fsm;
    private readonly ArtimTimer _artim;
    private readonly PresentationContext?[] _acceptedById = new PresentationContext?[256];
    private int _readerActive;
    private int _transportClosed;
    private PDataTf? _pending;
    private int _pendingIndex;
    private AssociationAccept? _accept;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // A small PDU its sender knows is followed at once (a command before its data set) waits here
    // so that both leave in one write: one segment and one system call instead of two.
    private byte[]? _held; // made on first use: most associations that only receive never hold anything
    private int _heldLength;
    private const int HeldCapacity = 16 * 1024;

    private Association(Socket? socket, Stream stream, AssociationStateMachine fsm, AssociationOptions options, EndPoint? remote)
    {
        _socket = socket;
        _stream = stream;
        _fsm = fsm;
        Options = options;
        RemoteEndPoint = remote;
        // Kept from the handshake so they stay readable after the stream is closed.
        IsSecure = stream is SslStream;
        RemoteCertificate = (stream as SslStream)?.RemoteCertificate;
        _reader = new PduReader(stream, options.MaxPduLength) { MaxAssociatePduLength = options.MaxAssociatePduLength };
        _artim = new ArtimTimer(options.ArtimTimeout);
        if (options.Trace is { } trace)
        {
            _fsm.Transitioned = (from, evt, action, to) => trace($"{from} + {evt} -> {action} -> {to}");
        }
    }

    /// <summary>
    /// Completes when the transport connection is closed: the association is over, however it
    /// ended (release, abort, lost connection, disposal).
    /// </summary>
    public Task Closed => _closed.Task;

    /// <summary>Options in force (a private copy).</summary>
    public AssociationOptions Options { get; }

    /// <summary>True when we requested the association, false when we accepted it.</summary>
    public bool IsRequestor => _fsm.IsRequestor;

    /// <summary>The current PS3.8 state.</summary>
    public AssociationState State => _fsm.State;

    /// <summary>The peer's address.</summary>
    public EndPoint? RemoteEndPoint { get; }

    /// <summary>True when the association runs over TLS.</summary>
    public bool IsSecure { get; }

    /// <summary>The certificate the peer presented over TLS, or null.</summary>
    public X509Certificate? RemoteCertificate { get; }

    /// <summary>The request as sent (requestor) or received (acceptor).</summary>
    public AssociationRequest Request => Accept.Request;

    /// <summary>The negotiated outcome: results per presentation context and the acceptor's user information.</summary>
    public AssociationAccept Accept => _accept ?? throw new InvalidOperationException("the association has not been negotiated");

    /// <summary>All presentation contexts with their results.</summary>
    public IReadOnlyList<PresentationContext> PresentationContexts => Accept.PresentationContexts;

    /// <summary>Calling (requestor's) AE title.</summary>
    public string CallingAETitle => Request.CallingAETitle;

    /// <summary>Called (acceptor's) AE title.</summary>
    public string CalledAETitle => Request.CalledAETitle;

    /// <summary>The largest P-DATA-TF the peer accepts (its Maximum Length Received); 0 = no maximum.</summary>
    public uint PeerMaxPduLength { get; private set; }

    /// <summary>The peer's user information (requestor's for an acceptor, acceptor's for a requestor).</summary>
    public UserInformation PeerUserInformation { get; private set; } = new();

    /// <summary>
    /// The largest PDV data we put in one P-DATA-TF: the peer's maximum (capped by
    /// <see cref="AssociationOptions.MaxSendPduLength"/>) minus the 6-byte PDV header.
    /// </summary>
    public int MaxPdvDataLength
    {
        get
        {
            var pdu = PeerMaxPduLength == 0 ? Options.MaxSendPduLength : (int)Math.Min(PeerMaxPduLength, (uint)Options.MaxSendPduLength);
            return Math.Max(1, pdu - PresentationDataValue.HeaderLength);
        }
    }

    /// <summary>The accepted context with this ID, or null.</summary>
    public PresentationContext? GetAcceptedPresentationContext(byte id) => _acceptedById[id];

    /// <summary>
    /// The first accepted context for <paramref name="abstractSyntax"/>, preferring one whose transfer
    /// syntax is <paramref name="transferSyntaxUid"/> when given; null when none was accepted.
    /// </summary>
    public PresentationContext? FindPresentationContext(string abstractSyntax, string? transferSyntaxUid = null)
    {
        PresentationContext? first = null;
        foreach (var pc in PresentationContexts)
        {
            if (!pc.IsAccepted || pc.AbstractSyntax != abstractSyntax) continue;
            if (transferSyntaxUid is null || pc.AcceptedTransferSyntaxUid == transferSyntaxUid) return pc;
            first ??= pc;
        }
        return first;
    }

    private void SetNegotiated(AssociationAccept accept, UserInformation peer)
    {
        _accept = accept;
        PeerUserInformation = peer;
        PeerMaxPduLength = peer.HasMaximumLength ? peer.MaximumLength : 0;
        foreach (var pc in accept.PresentationContexts)
        {
            if (pc.IsAccepted) _acceptedById[pc.Id] = pc;
        }
    }

    private void Trace(string message) => Options.Trace?.Invoke(message);

    // ---- transport primitives -------------------------------------------------------------

    /// <summary>Encodes and sends a control PDU (not P-DATA), serialized with other sends.</summary>
    private async ValueTask SendPduAsync(Pdu pdu, CancellationToken cancellationToken)
    {
        Trace($"send {pdu.Type.ToStandardName()}");
        var length = PduWriter.GetEncodedLength(pdu);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            PduWriter.Write(pdu, buffer);
            await SendRawAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Writes encoded PDU bytes; a transport failure becomes <see cref="TransportClosedException"/>.
    /// With <paramref name="holdBack"/> small bytes wait for the next write, which the caller must make.
    /// </summary>
    private async ValueTask SendRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken, bool holdBack = false)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (holdBack || _heldLength > 0)
            {
                if (_heldLength + bytes.Length <= HeldCapacity)
                {
                    _held ??= new byte[HeldCapacity];
                    bytes.Span.CopyTo(_held.AsSpan(_heldLength));
                    _heldLength += bytes.Length;
                    if (holdBack) return;
                    bytes = _held.AsMemory(0, _heldLength);
                }
                else if (_heldLength > 0)
                {
                    await _stream.WriteAsync(_held!.AsMemory(0, _heldLength), cancellationToken).ConfigureAwait(false);
                }
                _heldLength = 0;
            }
            await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            throw new TransportClosedException($"sending to {RemoteEndPoint} failed: {e.Message}", e);
        }
        catch (OperationCanceledException)
        {
            // Part of a PDU may be on the wire: nothing sent after it could be parsed, so the
            // connection is closed (an A-P-ABORT for the peer) before the cancellation surfaces.
            _fsm.ForceState(AssociationState.Sta1Idle);
            await CloseTransportAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Reads one PDU and classifies it as an event. Timeouts other than ARTIM surface as
    /// <see cref="OperationCanceledException"/> for the caller to handle.
    /// </summary>
    private async ValueTask<ReceivedEvent> ReadEventAsync(CancellationToken cancellationToken)
    {
        try
        {
            var pdu = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (pdu is null) return new(AssociationEvent.TransportClosed, null, new TransportClosedException("the peer closed the connection"));
            Trace($"recv {pdu.Type.ToStandardName()}");
            return new(ReceivedEvent.EventFor(pdu), pdu, null);
        }
        catch (PduFormatException e)
        {
            Trace($"recv malformed PDU: {e.Message}");
            return new(AssociationEvent.InvalidPduReceived, null, e);
        }
        catch (TransportClosedException e)
        {
            return new(AssociationEvent.TransportClosed, null, e);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            return new(AssociationEvent.TransportClosed, null, new TransportClosedException($"transport error: {e.Message}", e));
        }
        catch (OperationCanceledException) when (_artim.HasExpired(cancellationToken))
        {
            return new(AssociationEvent.ArtimExpired, null, new TimeoutException($"ARTIM timer expired after {_artim.Timeout.TotalSeconds:0.###} s"));
        }
    }

    private void EnterReader()
    {
        if (Interlocked.Exchange(ref _readerActive, 1) != 0)
        {
            throw new InvalidOperationException("another receive, release or accept is already reading this association");
        }
    }

    private void ExitReader() => Volatile.Write(ref _readerActive, 0);

    /// <summary>Closes the transport connection (the "close transport connection" of AE-4, AR-3, AA-2, AA-3).</summary>
    private async ValueTask CloseTransportAsync()
    {
        _artim.Stop();
        if (Interlocked.Exchange(ref _transportClosed, 1) != 0) return;
        try
        {
            await CloseStreamAndSocketAsync().ConfigureAwait(false);
        }
        finally
        {
            _closed.TrySetResult();
        }
    }

    private async ValueTask CloseStreamAndSocketAsync()
    {
        Trace("close transport");
        if (_stream is SslStream ssl)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await ssl.ShutdownAsync().WaitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                // The peer may already be gone; closing goes on regardless.
            }
        }
        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            // Already broken.
        }
        _socket?.Dispose();
    }

    /// <summary>
    /// Sta13: waits for the peer to close the transport (Evt17, AR-5) or for ARTIM to expire (Evt18,
    /// AA-2), ignoring PDUs (AA-6) and answering an A-ASSOCIATE-RQ or garbage with A-ABORT (AA-7).
    /// When another task is reading, that reader will see the close instead, so we only close.
    /// </summary>
    private async ValueTask WaitForTransportCloseAsync(bool readerHeldByCaller)
    {
        if (!_artim.IsRunning) _artim.Start();
        if (!readerHeldByCaller && Interlocked.CompareExchange(ref _readerActive, 1, 0) != 0)
        {
            try
            {
                _socket?.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
            return;
        }
        try
        {
            while (Volatile.Read(ref _transportClosed) == 0)
            {
                var e = await ReadEventAsync(_artim.Token).ConfigureAwait(false);
                var action = _fsm.Fire(e.Event);
                switch (action)
                {
                    case UpperLayerAction.AR5:
                    case UpperLayerAction.AA2:
                        await CloseTransportAsync().ConfigureAwait(false);
                        return;
                    case UpperLayerAction.AA7:
                        await TrySendAbortAsync(AbortSource.ServiceProvider, AbortReason.UnexpectedPdu).ConfigureAwait(false);
                        break;
                    case UpperLayerAction.AA6:
                        break;
                    default:
                        // Any other cell here would be a transcription error; end the connection anyway.
                        await CloseTransportAsync().ConfigureAwait(false);
                        return;
                }
            }
        }
        finally
        {
            if (!readerHeldByCaller) ExitReader();
        }
    }

    /// <summary>Sends an A-ABORT without letting a broken transport hide the original problem.</summary>
    private async ValueTask TrySendAbortAsync(AbortSource source, AbortReason reason)
    {
        try
        {
            using var cts = new CancellationTokenSource(Options.AcseTimeout);
            await SendPduAsync(new AAbort(source, reason), cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DicomNetworkException or OperationCanceledException or ObjectDisposedException)
        {
            Trace($"could not send A-ABORT: {e.Message}");
        }
    }

    /// <summary>
    /// Performs an abort-family action chosen by the table for <paramref name="e"/> and returns the
    /// exception that tells the local user what happened (A-ABORT or A-P-ABORT indication).
    /// </summary>
    private async ValueTask<Exception> HandleAbnormalAsync(UpperLayerAction action, ReceivedEvent e, string stage, bool readerHeld)
    {
        switch (action)
        {
            case UpperLayerAction.AA1:
                // Service-user source, reason 0 (PS3.8 AA-1), then wait in Sta13 for the close.
                await TrySendAbortAsync(AbortSource.ServiceUser, AbortReason.NotSpecified).ConfigureAwait(false);
                _artim.Start();
                await WaitForTransportCloseAsync(readerHeld).ConfigureAwait(false);
                return new AssociationAbortedException(
                    $"{stage}: {e.Describe()} in the wrong state; sent A-ABORT", AbortSource.ServiceUser, AbortReason.NotSpecified, false, e.Error);
            case UpperLayerAction.AA8:
            {
                var reason = e.Error is PduFormatException f ? f.Reason : AbortReason.UnexpectedPdu;
                await TrySendAbortAsync(AbortSource.ServiceProvider, reason).ConfigureAwait(false);
                _artim.Start();
                await WaitForTransportCloseAsync(readerHeld).ConfigureAwait(false);
                var what = e.Event == AssociationEvent.InvalidPduReceived ? e.Describe() : $"unexpected {e.Describe()}";
                return new AssociationAbortedException(
                    $"{stage}: {what}; sent A-P-ABORT ({reason})", AbortSource.ServiceProvider, reason, false, e.Error);
            }
            case UpperLayerAction.AA3:
            {
                await CloseTransportAsync().ConfigureAwait(false);
                var abort = (AAbort)e.Pdu!;
                return new AssociationAbortedException($"{stage}: the peer aborted the association ({abort.Description})", abort.Source, abort.Reason, true);
            }
            case UpperLayerAction.AA2:
            case UpperLayerAction.AA5:
            case UpperLayerAction.AA4:
            {
                await CloseTransportAsync().ConfigureAwait(false);
                if (e.Pdu is AAbort abort)
                {
                    return new AssociationAbortedException($"{stage}: the peer aborted ({abort.Description})", abort.Source, abort.Reason, true);
                }
                return new AssociationAbortedException(
                    $"{stage}: {e.Describe()} (A-P-ABORT)", AbortSource.ServiceProvider, AbortReason.NotSpecified, false, e.Error);
            }
            default:
                await CloseTransportAsync().ConfigureAwait(false);
                return new AssociationAbortedException(
                    $"{stage}: {e.Describe()} is not allowed in state {State} (action {action})",
                    AbortSource.ServiceProvider, AbortReason.UnexpectedPdu, false, e.Error);
        }
    }

    /// <summary>
    /// Aborts the association (A-ABORT request, Evt15): sends an A-ABORT with service-user source
    /// and closes the connection once the peer has closed or ARTIM expires. Does nothing when the
    /// association is already over.
    /// </summary>
    public async Task AbortAsync()
    {
        var action = _fsm.Fire(AssociationEvent.AAbortRequest);
        switch (action)
        {
            case UpperLayerAction.AA1:
                await TrySendAbortAsync(AbortSource.ServiceUser, AbortReason.NotSpecified).ConfigureAwait(false);
                _artim.Start();
                await WaitForTransportCloseAsync(readerHeldByCaller: false).ConfigureAwait(false);
                break;
            case UpperLayerAction.AA2:
                await CloseTransportAsync().ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// Closes the connection at once, without an A-ABORT (an A-P-ABORT, as on a transport error):
    /// for a peer that has stopped reading, to which not even an A-ABORT could be sent.
    /// </summary>
    internal async Task DropAsync()
    {
        _fsm.Fire(AssociationEvent.TransportClosed); // AA-4
        await CloseTransportAsync().ConfigureAwait(false);
    }

    /// <summary>Aborts if the association is still open, then releases the connection and buffers.</summary>
    public async ValueTask DisposeAsync()
    {
        if (State is not (AssociationState.Sta1Idle or AssociationState.Sta13AwaitingTransportClose))
        {
            await AbortAsync().ConfigureAwait(false);
        }
        await CloseTransportAsync().ConfigureAwait(false);
        _fsm.ForceState(AssociationState.Sta1Idle);
        _artim.Dispose();
        if (Volatile.Read(ref _readerActive) == 0) _reader.Dispose();
    }
}
