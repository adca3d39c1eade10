using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Hounsfield.Dicom.Network.Security;
using Hounsfield.Dicom.Network.UpperLayer;

namespace Hounsfield.Dicom.Network;

public sealed partial class Association
{
    /// <summary>
    /// Opens a connection to <paramref name="host"/>:<paramref name="port"/> (TLS when
    /// <see cref="AssociationOptions.Tls"/> is set) and negotiates <paramref name="request"/>.
    /// </summary>
    /// <exception cref="AssociationRejectedException">The peer sent A-ASSOCIATE-RJ.</exception>
    /// <exception cref="AssociationAbortedException">The peer aborted, sent something malformed or unexpected, or closed the connection.</exception>
    /// <exception cref="DicomNetworkException">Connect, TLS or ACSE timeout, or connection refused.</exception>
    public static async Task<Association> ConnectAsync(
        string host, int port, AssociationRequest request, AssociationOptions? options = null, CancellationToken cancellationToken = default)
    {
        options = (options ?? new AssociationOptions()).Clone();
        var fsm = new AssociationStateMachine(isRequestor: true);
        fsm.Fire(AssociationEvent.AAssociateRequest); // AE-1: issue TRANSPORT CONNECT, Sta4

        Socket? socket = null;
        Stream? stream = null;
        try
        {
            socket = await ConnectSocketAsync(host, port, options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (options.Tls is { } tls)
            {
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                cts.CancelAfter(options.AcseTimeout);
                try
                {
                    stream = await DicomTls.AuthenticateAsClientAsync(stream, host, tls, cts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new DicomNetworkException($"TLS handshake with {host}:{port} timed out after {options.AcseTimeout.TotalSeconds:0.###} s");
                }
                catch (Exception e) when (e is AuthenticationException or IOException)
                {
                    throw new DicomNetworkException($"TLS handshake with {host}:{port} failed: {e.Message}", e);
                }
            }
        }
        catch
        {
            fsm.Fire(AssociationEvent.TransportClosed); // AA-4 from Sta4: A-P-ABORT, Sta1
            if (stream is not null) await stream.DisposeAsync().ConfigureAwait(false);
            socket?.Dispose();
            throw;
        }

        var association = new Association(socket, stream, fsm, options, socket.RemoteEndPoint);
        try
        {
            await association.RequestAsync(request, host, port, cancellationToken).ConfigureAwait(false);
            return association;
        }
        catch
        {
            await association.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Resolves the host and connects to the first address that answers, with TCP_NODELAY.</summary>
    private static async Task<Socket> ConnectSocketAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        Exception? last = null;
        try
        {
            var addresses = IPAddress.TryParse(host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(host, cts.Token).ConfigureAwait(false);
            foreach (var address in addresses)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(address, port), cts.Token).ConfigureAwait(false);
                    return socket;
                }
                catch (SocketException e)
                {
                    socket.Dispose();
                    last = e;
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DicomNetworkException($"connecting to {host}:{port} timed out after {timeout.TotalSeconds:0.###} s");
        }
        catch (SocketException e)
        {
            last = e;
        }
        throw new DicomNetworkException($"cannot connect to {host}:{port}: {last?.Message ?? "no address"}", last);
    }

    /// <summary>Sta4 → AE-2 (send A-ASSOCIATE-RQ) → Sta5, then wait for AC (AE-3) or RJ (AE-4).</summary>
    private async Task RequestAsync(AssociationRequest request, string host, int port, CancellationToken cancellationToken)
    {
        var stage = $"association with {request.CalledAETitle} at {host}:{port}";
        _fsm.Fire(AssociationEvent.TransportConnectConfirm); // AE-2
        var rq = request.ToPdu(Options);
        try
        {
            await SendPduAsync(rq, cancellationToken).ConfigureAwait(false);
        }
        catch (TransportClosedException e)
        {
            _fsm.Fire(AssociationEvent.TransportClosed);
            await CloseTransportAsync().ConfigureAwait(false);
            throw new AssociationAbortedException($"{stage}: {e.Message} (A-P-ABORT)", AbortSource.ServiceProvider, AbortReason.NotSpecified, false, e);
        }

        EnterReader();
        try
        {
            using var acse = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            acse.CancelAfter(Options.AcseTimeout);
            ReceivedEvent e;
            try
            {
                e = await ReadEventAsync(acse.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                ExitReader();
                await AbortAsync().ConfigureAwait(false);
                throw new DicomNetworkException(
                    $"{stage}: no A-ASSOCIATE-AC or -RJ within the ACSE timeout of {Options.AcseTimeout.TotalSeconds:0.###} s; aborted");
            }

            var action = _fsm.Fire(e.Event);
            switch (action)
            {
                case UpperLayerAction.AE3:
                {
                    var ac = (AAssociateAc)e.Pdu!;
                    SetNegotiated(AssociationAccept.FromPdu(ac, request), ac.UserInformation);
                    Trace($"established: {string.Join(", ", PresentationContexts)}");
                    return;
                }
                case UpperLayerAction.AE4:
                {
                    var rj = (AAssociateRj)e.Pdu!;
                    await CloseTransportAsync().ConfigureAwait(false);
                    throw new AssociationRejectedException(new AssociationRejection(rj.Result, rj.Source, rj.Reason), request.CalledAETitle);
                }
                default:
                    throw await HandleAbnormalAsync(action, e, stage, readerHeld: true).ConfigureAwait(false);
            }
        }
        finally
        {
            ExitReader();
        }
    }
}
