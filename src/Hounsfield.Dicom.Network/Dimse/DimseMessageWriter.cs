namespace Hounsfield.Dicom.Network.Dimse;

/// <summary>
/// Sends DIMSE messages on an association one whole message at a time: the command set in its own
/// PDVs, then the data set — copied unchanged from its Part 10 file when the negotiated transfer
/// syntax is the file's own, else encoded in the negotiated syntax.
/// </summary>
internal sealed class DimseMessageWriter(Association association)
{
    private readonly SemaphoreSlim _sending = new(1, 1);

    /// <exception cref="InvalidOperationException">The data set cannot be sent in the context's syntax (nothing was sent).</exception>
    /// <exception cref="DicomNetworkException">Sending failed; when it failed in the middle of the data set the association was aborted.</exception>
    // moreFollows: another message is sent at once after this one, so its last small PDU may wait to leave with it.
    public async ValueTask SendAsync(DimseMessage message, PresentationContext context, CancellationToken cancellationToken, bool moreFollows = false)
    {
        var syntax = context.AcceptedTransferSyntax
            ?? throw new InvalidOperationException($"presentation context {context.Id} was not accepted");
        var file = (message as CStoreRequest)?.File;
        var dataset = message.Dataset ?? file?.Dataset;
        if (dataset is not null) message.SetHasDataset(true);
        else if (message.HasDataset) throw new InvalidOperationException($"{message.CommandField} announces a data set but carries none");
        var copy = file is { SourcePath: not null, DatasetOffset: >= 0 } && file.TransferSyntax.Equals(syntax);
        // Checked before anything is sent: a data set found unencodable halfway could not be withdrawn.
        if (dataset is not null && !copy && CannotEncode(dataset, file?.TransferSyntax, syntax) is { } reason)
            throw new InvalidOperationException(reason);
        var command = new MemoryStream(256);
        message.WriteCommand(command);
        // Cancellation counts only until the message starts. A message cut short cannot be withdrawn:
        // the transport would have to close, so e.g. a C-CANCEL arriving while a C-FIND handler is
        // sending a match would end the association instead of the find.
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        // A peer that stops reading would block a send forever: when nothing has gone out for the
        // DIMSE timeout the connection is dropped, which fails the blocked write.
        using var stall = new SilenceWatch(association.Options.DimseTimeout, busy: null, CancellationToken.None);
        using var onStall = stall.Token.Register(() => _ = association.DropAsync());
        stall.Restart(midMessage: true);
        try
        {
            var commandBytes = command.GetBuffer().AsMemory(0, (int)command.Length);
            if (dataset is null) await association.SendPDataAsync(context.Id, isCommand: true, commandBytes, CancellationToken.None).ConfigureAwait(false);
            else await association.SendCommandBeforeDatasetAsync(context.Id, commandBytes, CancellationToken.None).ConfigureAwait(false);
            stall.Restart(midMessage: true);
            if (dataset is null) return;
            await SendDatasetAsync(message, dataset, copy ? file : null, syntax, context.Id, () => stall.Restart(midMessage: true), moreFollows).ConfigureAwait(false);
        }
        catch (Exception e) when (stall.Expired && e is not InvalidOperationException)
        {
            throw new DicomNetworkException($"{PeerAETitle} stopped reading: nothing could be sent for {association.Options.DimseTimeout.TotalSeconds:0.###} s; connection dropped", e);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async ValueTask SendDatasetAsync(DimseMessage message, DicomDataset dataset, DicomFile? copyFrom, DicomTransferSyntax syntax, byte contextId, Action progress,
        bool moreFollows)
    {
        var writer = association.CreatePDataWriter(contextId, isCommand: false);
        var watched = new ProgressStream(writer, progress);
        try
        {
            if (copyFrom is not null) await CopyFileAsync(copyFrom.SourcePath!, copyFrom.DatasetOffset, watched).ConfigureAwait(false);
            else dataset.WriteTo(watched, syntax);
            if (moreFollows) await writer.CompleteBeforeMoreAsync(CancellationToken.None).ConfigureAwait(false);
            else await writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not DicomNetworkException)
        {
            // Part of the data set may be on the wire, and completing the message would hand the peer
            // a truncated instance as if whole. PS3.8 offers no way to withdraw a message: abort.
            await association.AbortAsync().ConfigureAwait(false);
            throw new DicomNetworkException(
                $"sending the data set of {message.CommandField} failed ({e.Message}); association aborted so that {PeerAETitle} does not take it for whole", e);
        }
        finally
        {
            // After an abort this only returns the buffer: the last fragment cannot be sent any more.
            await writer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private string PeerAETitle => association.IsRequestor ? association.CalledAETitle : association.CallingAETitle;

    // Reads are synchronous: a stored file is mostly in the page cache, and on Unix an asynchronous
    // file read is the same blocking read made on another thread, plus a thread-pool hop per chunk.
    private static async ValueTask CopyFileAsync(string path, long offset, Stream destination)
    {
        using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        source.Position = offset;
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(256 * 1024);
        try
        {
            int n;
            while ((n = source.Read(buffer)) > 0) await destination.WriteAsync(buffer.AsMemory(0, n)).ConfigureAwait(false);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Why <paramref name="dataset"/>, encoded in <paramref name="own"/> (null when unknown), cannot be
    /// written in <paramref name="target"/> without a pixel codec; null when it can.
    /// </summary>
    public static string? CannotEncode(DicomDataset dataset, DicomTransferSyntax? own, DicomTransferSyntax target)
    {
        if (!dataset.TryGetElement(DicomTag.PixelData, out var pixels)) return null;
        var encapsulated = pixels.Kind == DicomValueKind.Fragments;
        if (encapsulated && own is null)
            return $"the pixel data is encapsulated but its transfer syntax is unknown; send it as a DicomFile in its syntax";
        if (encapsulated && !own!.Equals(target))
            return $"the instance is in {own.Name} and the peer accepted {target.Name}; converting needs a pixel codec";
        if (!encapsulated && target.IsEncapsulated)
            return $"the pixel data is native and the peer accepted only {target.Name}; compressing needs a pixel codec";
        return null;
    }
}
