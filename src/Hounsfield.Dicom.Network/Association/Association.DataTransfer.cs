using Hounsfield.Dicom.Network.UpperLayer;

namespace Hounsfield.Dicom.Network;

public sealed partial class Association
{
    /// <summary>
    /// Receives the next presentation data value (a fragment of a DIMSE command or data set) from
    /// an established association (P-DATA indication, DT-2). Returns null when the peer has asked to
    /// release (A-RELEASE indication, AR-2): send any last responses, then call
    /// <see cref="SendReleaseResponseAsync"/>.
    /// </summary>
    /// <remarks>
    /// The fragment's data points into a receive buffer and is valid only until the next call.
    /// Cancelling a pending receive leaves the stream mid-PDU, so the association is aborted.
    /// </remarks>
    /// <exception cref="AssociationAbortedException">The peer aborted, sent a malformed or unexpected PDU, or the connection failed.</exception>
    public async ValueTask<PresentationDataValue?> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        if (_pending is not null && _pendingIndex < _pending.Values.Count)
        {
            return _pending.Values[_pendingIndex++];
        }
        _pending = null;

        EnterReader();
        try
        {
            var state = State;
            if (state is AssociationState.Sta8AwaitingLocalReleaseResponse or AssociationState.Sta12CollisionAcceptorAwaitingLocalResponse)
            {
                return null;
            }
            if (state != AssociationState.Sta6Established)
            {
                throw new InvalidOperationException($"cannot receive P-DATA in state {state}");
            }

            ReceivedEvent e;
            try
            {
                e = await ReadEventAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Part of a PDU may have been consumed: the stream can no longer be trusted.
                ExitReader();
                await AbortAsync().ConfigureAwait(false);
                throw;
            }

            if (e.Pdu is PDataTf data && CheckContexts(data) is { } bad)
            {
                e = new(AssociationEvent.InvalidPduReceived, null, bad);
            }
            var action = _fsm.Fire(e.Event);
            switch (action)
            {
                case UpperLayerAction.DT2:
                    _pending = (PDataTf)e.Pdu!;
                    _pendingIndex = 1;
                    return _pending.Values[0];
                case UpperLayerAction.AR2:
                    Trace("peer requested release");
                    return null;
                default:
                    throw await HandleAbnormalAsync(action, e, $"association with {CallingAETitle}/{CalledAETitle}", readerHeld: true).ConfigureAwait(false);
            }
        }
        finally
        {
            ExitReader();
        }
    }

    /// <summary>A PDV naming a context that was not accepted is a protocol error (PS3.8 §9.3.5.1).</summary>
    private PduFormatException? CheckContexts(PDataTf data)
    {
        foreach (var v in data.Values)
        {
            if (_acceptedById[v.PresentationContextId] is null)
            {
                return new PduFormatException(
                    $"P-DATA-TF uses presentation context {v.PresentationContextId}, which was not accepted",
                    AbortReason.InvalidPduParameterValue);
            }
        }
        return null;
    }

    /// <summary>
    /// Sends a whole command or data set on presentation context <paramref name="presentationContextId"/>,
    /// fragmented into P-DATA-TF PDUs of at most the peer's maximum length, the last fragment flagged.
    /// </summary>
    public async ValueTask SendPDataAsync(byte presentationContextId, bool isCommand, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        await using var writer = CreatePDataWriter(presentationContextId, isCommand);
        await writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a command whose data set the caller sends next: a small last PDU is held back and
    /// leaves in the same write as the data set's first.
    /// </summary>
    internal async ValueTask SendCommandBeforeDatasetAsync(byte presentationContextId, ReadOnlyMemory<byte> command, CancellationToken cancellationToken)
    {
        await using var writer = CreatePDataWriter(presentationContextId, isCommand: true);
        await writer.WriteAsync(command, cancellationToken).ConfigureAwait(false);
        await writer.CompleteBeforeMoreAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A stream that sends what is written to it as fragments of one command or data set; a
    /// fragment goes out each time a PDU fills, and <see cref="PDataWriter.CompleteAsync"/> sends the
    /// last one. A command and its data set are separate messages, so they never share a PDV (PS3.8 Annex E.2).
    /// </summary>
    public PDataWriter CreatePDataWriter(byte presentationContextId, bool isCommand)
    {
        if (_acceptedById[presentationContextId] is null)
        {
            throw new ArgumentException($"presentation context {presentationContextId} was not accepted", nameof(presentationContextId));
        }
        return new PDataWriter(this, presentationContextId, isCommand, MaxPdvDataLength);
    }

    /// <summary>Sends one encoded P-DATA-TF (P-DATA request, Evt9: DT-1 in Sta6, AR-7 in Sta8).</summary>
    internal async ValueTask SendPDataPduAsync(ReadOnlyMemory<byte> pdu, CancellationToken cancellationToken, bool holdBack = false)
    {
        var action = _fsm.Fire(AssociationEvent.PDataRequest);
        if (action == UpperLayerAction.None)
        {
            throw new InvalidOperationException($"P-DATA cannot be sent in state {State}");
        }
        try
        {
            await SendRawAsync(pdu, cancellationToken, holdBack).ConfigureAwait(false);
        }
        catch (TransportClosedException e)
        {
            _fsm.Fire(AssociationEvent.TransportClosed); // AA-4
            await CloseTransportAsync().ConfigureAwait(false);
            throw new AssociationAbortedException($"sending P-DATA failed: {e.Message} (A-P-ABORT)", AbortSource.ServiceProvider, AbortReason.NotSpecified, false, e);
        }
    }
}
