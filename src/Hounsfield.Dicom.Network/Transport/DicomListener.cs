using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Hounsfield.Dicom.Network.Security;

namespace Hounsfield.Dicom.Network;

/// <summary>
/// Accepts DICOM associations on one or more TCP ports (each optionally TLS), negotiates them with
/// an <see cref="AcceptorPolicy"/> and the association limits, and runs a handler per established
/// association (where the DIMSE layer plugs in).
/// </summary>
public sealed class DicomListener : IAsyncDisposable
{
    private readonly AcceptorPolicy _policy;
    private readonly AssociationHandler _handler;
    private readonly DicomListenerOptions _options;
    private readonly AssociationLimiter _limiter;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _listeners = [];
    private readonly List<Task> _acceptLoops = [];
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private readonly List<IPEndPoint> _endpoints = [];
    private volatile bool _closed;

    /// <summary>Handles one established association; return when it is over (or it is aborted).</summary>
    public delegate Task AssociationHandler(Association association, CancellationToken cancellationToken);

    /// <summary>Creates a listener; call <see cref="Listen(IPEndPoint, DicomTlsServerOptions?)"/> to open ports.</summary>
    public DicomListener(AcceptorPolicy policy, AssociationHandler handler, DicomListenerOptions? options = null)
    {
        _policy = policy;
        _handler = handler;
        _options = options ?? new DicomListenerOptions();
        _limiter = new AssociationLimiter(_options);
    }

    /// <summary>The bound endpoints (with the actual port when 0 was asked for).</summary>
    public IReadOnlyList<IPEndPoint> Endpoints
    {
        get
        {
            lock (_endpoints) return [.. _endpoints];
        }
    }

    /// <summary>Associations currently established.</summary>
    public int ActiveAssociations => _limiter.Total;

    /// <summary>Raised when an association was negotiated; for logs and tests.</summary>
    public event Action<Association>? Established;

    /// <summary>Raised when we rejected an association request.</summary>
    public event Action<AssociationRequest, AssociationRejection>? Rejected;

    /// <summary>Raised when a connection failed before or during its association (TLS, protocol errors, aborts, handler exceptions).</summary>
    public event Action<EndPoint?, Exception>? Failed;

    /// <summary>Binds <paramref name="endpoint"/>, starts accepting, and returns the bound endpoint.</summary>
    public IPEndPoint Listen(IPEndPoint endpoint, DicomTlsServerOptions? tls = null)
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endpoint);
            socket.Listen(_options.Backlog);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var bound = (IPEndPoint)socket.LocalEndPoint!;
        lock (_endpoints)
        {
            _listeners.Add(socket);
            _endpoints.Add(bound);
            _acceptLoops.Add(AcceptLoopAsync(socket, tls));
        }
        return bound;
    }

    /// <summary>Listens on <paramref name="port"/> of every IPv4 interface.</summary>
    public IPEndPoint Listen(int port, DicomTlsServerOptions? tls = null) => Listen(new IPEndPoint(IPAddress.Any, port), tls);

    private async Task AcceptLoopAsync(Socket listener, DicomTlsServerOptions? tls)
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException) when (_closed)
            {
                return;
            }
            catch (SocketException e)
            {
                Failed?.Invoke(listener.LocalEndPoint, e);
                continue;
            }
            client.NoDelay = true;
            var task = Task.Run(() => ServeAsync(client, tls, token), CancellationToken.None);
            _connections.TryAdd(task, 0);
            // Whatever escaped a connection is reported, never left unobserved; the listener goes on.
            _ = task.ContinueWith(t =>
            {
                if (t.Exception?.GetBaseException() is { } escaped) Failed?.Invoke(null, escaped);
                _connections.TryRemove(t, out _);
            }, TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket client, DicomTlsServerOptions? tls, CancellationToken token)
    {
        var remote = client.RemoteEndPoint;
        var host = (remote as IPEndPoint)?.Address;
        if (host is { IsIPv4MappedToIPv6: true }) host = host.MapToIPv4();
        var options = _options.Association.Clone();
        Stream stream = new NetworkStream(client, ownsSocket: true);
        if (tls is not null)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(token);
            cts.CancelAfter(options.AcseTimeout);
            try
            {
                stream = await DicomTls.AuthenticateAsServerAsync(stream, tls, cts.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException or SocketException)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                client.Dispose();
                Failed?.Invoke(remote, new DicomNetworkException($"TLS handshake with {remote} failed: {e.Message}", e));
                return;
            }
        }

        string? admittedAE = null;
        AssociationRejection? Admit(AssociationRequest request)
        {
            var refusal = _limiter.TryAdmit(request.CallingAETitle, host);
            if (refusal is null) admittedAE = request.CallingAETitle;
            return refusal;
        }

        var outcome = await Association.AcceptAsync(client, stream, remote, _policy, options, Admit, token).ConfigureAwait(false);
        try
        {
            if (outcome.Association is not { } association)
            {
                if (outcome.Rejection is not null) Rejected?.Invoke(outcome.Request!, outcome.Rejection);
                if (outcome.Error is not null) Failed?.Invoke(remote, outcome.Error);
                return;
            }
            await using (association.ConfigureAwait(false))
            {
                Established?.Invoke(association);
                try
                {
                    await _handler(association, token).ConfigureAwait(false);
                    await FinishAsync(association, token).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    Failed?.Invoke(remote, e);
                }
            }
        }
        finally
        {
            if (admittedAE is not null) _limiter.Release(admittedAE, host);
        }
    }

    /// <summary>
    /// After the handler: answer a pending release, and abort an association the handler left open
    /// (the requestor is the one that releases, so an acceptor does not release on its own).
    /// </summary>
    private static async Task FinishAsync(Association association, CancellationToken token)
    {
        switch (association.State)
        {
            case AssociationState.Sta8AwaitingLocalReleaseResponse:
                await association.SendReleaseResponseAsync(token).ConfigureAwait(false);
                break;
            case AssociationState.Sta6Established:
                await association.AbortAsync().ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// A handler that reads and discards P-DATA until the peer releases, then answers the release.
    /// Useful before a DIMSE layer exists and in tests.
    /// </summary>
    public static async Task DrainUntilReleaseAsync(Association association, CancellationToken cancellationToken)
    {
        while (await association.ReceiveAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
        }
        await association.SendReleaseResponseAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the listening sockets (new connections are refused); established associations go on.</summary>
    public async Task StopAcceptingAsync()
    {
        Task[] loops;
        lock (_endpoints)
        {
            _closed = true;
            foreach (var s in _listeners) s.Dispose();
            loops = [.. _acceptLoops];
        }
        await Task.WhenAll(loops).ConfigureAwait(false);
    }

    /// <summary>Waits until no association is open or <paramref name="timeout"/> passes; true when none is left.</summary>
    public async Task<bool> WaitForAssociationsAsync(TimeSpan timeout)
    {
        var all = Task.WhenAll(_connections.Keys);
        return await Task.WhenAny(all, Task.Delay(timeout)).ConfigureAwait(false) == all;
    }

    /// <summary>Stops accepting, cancels the handlers (their associations are aborted) and waits for them.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested) await _stop.CancelAsync().ConfigureAwait(false);
        await StopAcceptingAsync().ConfigureAwait(false);
        await Task.WhenAll(_connections.Keys).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
