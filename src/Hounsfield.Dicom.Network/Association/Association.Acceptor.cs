using System.Net;
using System.Net.Sockets;
using Hounsfield.Dicom.Network.UpperLayer;

namespace Hounsfield.Dicom.Network;

/// <summary>How an incoming connection ended its establishment phase.</summary>
internal sealed record AcceptOutcome(Association? Association, AssociationRequest? Request, AssociationRejection? Rejection, Exception? Error);

public sealed partial class Association
{
    /// <summary>
    /// Acceptor side of establishment on a freshly accepted connection: Evt5/AE-5 (start ARTIM,
    /// Sta2), wait for A-ASSOCIATE-RQ, AE-6 (protocol version check), then the local response:
    /// AE-7 (A-ASSOCIATE-AC) or AE-8 (A-ASSOCIATE-RJ). <paramref name="admit"/> may refuse an
    /// otherwise acceptable association (association limits) and is called at most once.
    /// </summary>
    internal static async Task<AcceptOutcome> AcceptAsync(
        Socket? socket, Stream stream, EndPoint? remote, AcceptorPolicy policy, AssociationOptions options,
        Func<AssociationRequest, AssociationRejection?>? admit, CancellationToken cancellationToken)
    {
        var fsm = new AssociationStateMachine(isRequestor: false);
        var association = new Association(socket, stream, fsm, options, remote);
        try
        {
            var outcome = await association.NegotiateAsAcceptorAsync(policy, admit, cancellationToken).ConfigureAwait(false);
            if (outcome.Association is null) await association.DisposeAsync().ConfigureAwait(false);
            return outcome;
        }
        catch (Exception e)
        {
            await association.DisposeAsync().ConfigureAwait(false);
            return new AcceptOutcome(null, null, null, e);
        }
    }

    private async Task<AcceptOutcome> NegotiateAsAcceptorAsync(
        AcceptorPolicy policy, Func<AssociationRequest, AssociationRejection?>? admit, CancellationToken cancellationToken)
    {
        var stage = $"association from {RemoteEndPoint}";
        _fsm.Fire(AssociationEvent.TransportConnectIndication); // AE-5
        _artim.Start();

        EnterReader();
        try
        {
            ReceivedEvent e;
            using (var link = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _artim.Token))
            {
                try
                {
                    e = await ReadEventAsync(link.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_artim.Token.IsCancellationRequested)
                {
                    e = new(AssociationEvent.ArtimExpired, null, new TimeoutException(
                        $"no A-ASSOCIATE-RQ within the ARTIM timeout of {_artim.Timeout.TotalSeconds:0.###} s"));
                }
            }

            var rq = e.Pdu as AAssociateRq;
            // AE-6's "acceptable by service-provider": PS3.8 §9.3.2 says to test only bit 0 of the version.
            var providerAcceptable = rq is null || (rq.ProtocolVersion & 1) != 0;
            var action = _fsm.Fire(e.Event, providerAcceptable);
            if (action != UpperLayerAction.AE6)
            {
                var error = await HandleAbnormalAsync(action, e, stage, readerHeld: true).ConfigureAwait(false);
                return new AcceptOutcome(null, null, null, error);
            }

            _artim.Stop();
            var request = AssociationRequest.FromPdu(rq!);
            request.RemoteEndPoint = RemoteEndPoint;
            if (!providerAcceptable)
            {
                // AE-6 "otherwise": A-ASSOCIATE-RJ from the ACSE service-provider, ARTIM, Sta13.
                var rejection = AssociationRejection.ProtocolVersionNotSupported;
                await SendRejectAndWaitAsync(rejection).ConfigureAwait(false);
                return new AcceptOutcome(null, request, rejection, null);
            }

            // Sta3: the local user (policy, then limits) answers.
            var result = policy.Negotiate(request, Options);
            var refused = result.Rejection ?? admit?.Invoke(request);
            if (refused is not null)
            {
                _fsm.Fire(AssociationEvent.AAssociateResponseReject); // AE-8
                await SendRejectAndWaitAsync(refused).ConfigureAwait(false);
                return new AcceptOutcome(null, request, refused, null);
            }

            var accept = result.Accept!;
            _fsm.Fire(AssociationEvent.AAssociateResponseAccept); // AE-7
            SetNegotiated(accept, rq!.UserInformation);
            try
            {
                await SendPduAsync(accept.ToPdu(), cancellationToken).ConfigureAwait(false);
            }
            catch (TransportClosedException ex)
            {
                _fsm.Fire(AssociationEvent.TransportClosed);
                await CloseTransportAsync().ConfigureAwait(false);
                return new AcceptOutcome(null, request, null, ex);
            }
            Trace($"accepted {request.CallingAETitle} -> {request.CalledAETitle}: {string.Join(", ", accept.PresentationContexts)}");
            return new AcceptOutcome(this, request, null, null);
        }
        finally
        {
            ExitReader();
        }
    }

    /// <summary>Sends A-ASSOCIATE-RJ, starts ARTIM and waits in Sta13 for the requestor to close.</summary>
    private async Task SendRejectAndWaitAsync(AssociationRejection rejection)
    {
        Trace($"reject: {rejection.Description}");
        try
        {
            using var cts = new CancellationTokenSource(Options.AcseTimeout);
            await SendPduAsync(rejection.ToPdu(), cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TransportClosedException or OperationCanceledException)
        {
            await CloseTransportAsync().ConfigureAwait(false);
            return;
        }
        _artim.Start();
        await WaitForTransportCloseAsync(readerHeldByCaller: true).ConfigureAwait(false);
    }
}
