using Hounsfield.Dicom.Network.UpperLayer;

namespace Hounsfield.Dicom.Network.Dimse;

/// <summary>
/// Assembles DIMSE messages from the PDVs of an association (PS3.7 §6.3, PS3.8 Annex E): the command
/// fragments into a command set, then the data set fragments either into memory or, as they arrive,
/// into a stream the caller supplies (a C-STORE's file), so a large data set never sits in memory.
/// </summary>
internal sealed class DimseMessageReader(Association association)
{
    private readonly MemoryStream _command = new();

    /// <summary>
    /// Reads the next message; null when the peer asked to release. <paramref name="openSink"/> may
    /// return a local stream (written synchronously) to receive the message's data set; the caller owns and closes it.
    /// <paramref name="watch"/> is restarted for every fragment, so a long data set that keeps
    /// arriving never times out, and is cancelled (aborting the association) by silence.
    /// </summary>
    /// <exception cref="DicomNetworkException">The peer broke the DIMSE framing; the association has been aborted.</exception>
    public async ValueTask<DimseMessage?> ReadAsync(Func<DimseMessage, Stream?>? openSink, SilenceWatch watch)
    {
        _command.SetLength(0);
        byte contextId = 0;
        var cancellationToken = watch.Token;
        while (true)
        {
            watch.Restart(midMessage: _command.Length > 0);
            if (await association.ReceiveAsync(cancellationToken).ConfigureAwait(false) is not { } pdv) return null;
            if (!pdv.IsCommand) await FailAsync($"a data set fragment arrived on context {pdv.PresentationContextId} before any command").ConfigureAwait(false);
            if (_command.Length > 0 && pdv.PresentationContextId != contextId) await FailAsync("command fragments switched presentation context").ConfigureAwait(false);
            contextId = pdv.PresentationContextId;
            _command.Write(pdv.Data.Span);
            if (pdv.IsLastFragment) break;
        }
        _command.Position = 0;
        DimseMessage message;
        try
        {
            message = DimseMessage.ReadCommand(_command);
        }
        catch (DicomFormatException e)
        {
            await FailAsync($"malformed command set: {e.Message}").ConfigureAwait(false);
            throw;
        }
        message.PresentationContext = association.GetAcceptedPresentationContext(contextId);
        if (message.HasDataset) await ReadDatasetAsync(message, contextId, openSink, watch).ConfigureAwait(false);
        return message;
    }

    private async ValueTask ReadDatasetAsync(DimseMessage message, byte contextId, Func<DimseMessage, Stream?>? openSink, SilenceWatch watch)
    {
        var cancellationToken = watch.Token;
        var sink = openSink?.Invoke(message);
        var target = sink ?? new MemoryStream();
        while (true)
        {
            watch.Restart(midMessage: true);
            if (await association.ReceiveAsync(cancellationToken).ConfigureAwait(false) is not { } pdv)
            {
                await FailAsync("the peer asked to release in the middle of a data set").ConfigureAwait(false);
                return;
            }
            if (pdv.IsCommand || pdv.PresentationContextId != contextId)
                await FailAsync($"expected data set fragments on context {contextId}, got a {(pdv.IsCommand ? "command" : "data set")} fragment on context {pdv.PresentationContextId}").ConfigureAwait(false);
            // Sinks are local (a file, memory): a synchronous write lands in the page cache at once,
            // where an asynchronous file write would cost a thread-pool hop per buffer on Unix.
            target.Write(pdv.Data.Span);
            if (pdv.IsLastFragment) break;
        }
        if (sink is not null) return;
        target.Position = 0;
        var syntax = message.PresentationContext?.AcceptedTransferSyntax ?? DicomTransferSyntax.ImplicitVRLittleEndian;
        try
        {
            message.Dataset = DicomDataset.Read(target, syntax);
        }
        catch (DicomFormatException e) when (message is DimseRequest)
        {
            // The message arrived whole; only its content is bad. The request gets a failure response.
            message.DatasetError = e.Message;
        }
        catch (DicomFormatException e)
        {
            await FailAsync($"malformed data set in {message.CommandField}: {e.Message}").ConfigureAwait(false);
        }
    }

    private async ValueTask FailAsync(string reason)
    {
        await association.AbortAsync().ConfigureAwait(false);
        var peer = association.IsRequestor ? association.CalledAETitle : association.CallingAETitle;
        throw new DicomNetworkException($"DIMSE protocol error from {peer}: {reason}; association aborted");
    }
}
