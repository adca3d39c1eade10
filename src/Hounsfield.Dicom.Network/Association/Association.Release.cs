using Hounsfield.Dicom.Network.UpperLayer;

namespace Hounsfield.Dicom.Network;

public sealed partial class Association
{
    /// <summary>
    /// Releases the association (A-RELEASE request, Evt11 → AR-1) and waits, within
    /// <see cref="AssociationOptions.ReleaseTimeout"/>, for the A-RELEASE-RP (AR-3). Handles a release collision (both sides sent
    /// A-RELEASE-RQ, AR-8 → Sta9/Sta10 → Sta11/Sta12) as PS3.8 §9.2 prescribes. P-DATA that
    /// arrives meanwhile (AR-6) is discarded: finish DIMSE exchanges before releasing.
    /// </summary>
    /// <exception cref="DicomNetworkException">No reply within the release timeout (the association is then aborted), or the peer aborted.</exception>
    public async Task ReleaseAsync(CancellationToken cancellationToken = default)
    {
        var action = _fsm.Fire(AssociationEvent.AReleaseRequest);
        if (action != UpperLayerAction.AR1)
        {
            throw new InvalidOperationException($"cannot release in state {State}");
        }
        var stage = $"release of {CallingAETitle}/{CalledAETitle}";
        await SendControlOrAbortAsync(AReleaseRq.Instance, stage, cancellationToken).ConfigureAwait(false);

        EnterReader();
        try
        {
            using var acse = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            acse.CancelAfter(Options.ReleaseTimeout);
            while (true)
            {
                ReceivedEvent e;
                try
                {
                    e = await ReadEventAsync(acse.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    ExitReader();
                    await AbortAsync().ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    throw new DicomNetworkException(
                        $"{stage}: no A-RELEASE-RP within the release timeout of {Options.ReleaseTimeout.TotalSeconds:0.###} s; aborted");
                }
                action = _fsm.Fire(e.Event);
                switch (action)
                {
                    case UpperLayerAction.AR3:
                        // Sta7 or Sta11: release confirmed; the requestor side closes the transport.
                        await CloseTransportAsync().ConfigureAwait(false);
                        return;
                    case UpperLayerAction.AR6:
                        Trace("P-DATA received while awaiting A-RELEASE-RP; discarded");
                        continue;
                    case UpperLayerAction.AR8 when IsRequestor:
                        // Collision, Sta9: our A-RELEASE response goes out at once (Evt14 → AR-9, Sta11).
                        _fsm.Fire(AssociationEvent.AReleaseResponse);
                        await SendControlOrAbortAsync(AReleaseRp.Instance, stage, cancellationToken).ConfigureAwait(false);
                        continue;
                    case UpperLayerAction.AR8:
                        // Collision, Sta10: the acceptor waits for the requestor's A-RELEASE-RP first.
                        continue;
                    case UpperLayerAction.AR10:
                        // Sta12: now answer the requestor's release (Evt14 → AR-4, Sta13) and wait for its close.
                        _fsm.Fire(AssociationEvent.AReleaseResponse);
                        await SendControlOrAbortAsync(AReleaseRp.Instance, stage, cancellationToken).ConfigureAwait(false);
                        _artim.Start();
                        await WaitForTransportCloseAsync(readerHeldByCaller: true).ConfigureAwait(false);
                        return;
                    default:
                        throw await HandleAbnormalAsync(action, e, stage, readerHeld: true).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            ExitReader();
        }
    }

    /// <summary>
    /// Answers the peer's release request (A-RELEASE response, Evt14 → AR-4): sends A-RELEASE-RP,
    /// starts ARTIM and waits for the requestor to close the connection. Call after
    /// <see cref="ReceiveAsync"/> returned null.
    /// </summary>
    public async Task SendReleaseResponseAsync(CancellationToken cancellationToken = default)
    {
        var action = _fsm.Fire(AssociationEvent.AReleaseResponse);
        if (action != UpperLayerAction.AR4)
        {
            throw new InvalidOperationException($"no release to answer in state {State}");
        }
        await SendControlOrAbortAsync(AReleaseRp.Instance, "release response", cancellationToken).ConfigureAwait(false);
        _artim.Start();
        await WaitForTransportCloseAsync(readerHeldByCaller: false).ConfigureAwait(false);
    }

    /// <summary>Sends a control PDU; if the transport fails, the association is over (AA-4).</summary>
    private async ValueTask SendControlOrAbortAsync(Pdu pdu, string stage, CancellationToken cancellationToken)
    {
        try
        {
            await SendPduAsync(pdu, cancellationToken).ConfigureAwait(false);
        }
        catch (TransportClosedException e)
        {
            _fsm.Fire(AssociationEvent.TransportClosed);
            await CloseTransportAsync().ConfigureAwait(false);
            throw new AssociationAbortedException($"{stage}: {e.Message} (A-P-ABORT)", AbortSource.ServiceProvider, AbortReason.NotSpecified, false, e);
        }
    }
}
