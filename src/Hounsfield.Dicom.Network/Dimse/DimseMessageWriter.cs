namespace Hounsfield.Dicom.Network.Dimse;

/// <summary>
/// Sends DIMSE messages on an association one whole message at a time: the command set in its own
/// PDVs, then the data set — copied unchanged from its Part 10 file when the negotiated transfer
/// syntax is the file's own, else encoded in the negotiated syntax.
/// </summary>
internal sealed class DimseMessageWriter(Association association)
{
    private readonly SemaphoreSlim _sending = new(1, 1);

    public async ValueTask SendAsync(DimseMessage message, PresentationContext context, CancellationToken cancellationToken)
    {
        var syntax = context.AcceptedTransferSyntax
            ?? throw new InvalidOperationException($"presentation context {context.Id} was not accepted");
        var file = (message as CStoreRequest)?.File;
        if (message.Dataset is not null || file is not null) message.SetHasDataset(true);
        var command = new MemoryStream(256);
        message.WriteCommand(command);
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        // Once a message has started it must be finished: a half-sent message corrupts the
        // association. Only the DIMSE timeout stops it, and then the association is aborted.
        using var timeout = new CancellationTokenSource(association.Options.DimseTimeout);
        try
        {
            await association.SendPDataAsync(context.Id, isCommand: true, command.GetBuffer().AsMemory(0, (int)command.Length), timeout.Token).ConfigureAwait(false);
            if (!message.HasDataset) return;
            await using var writer = association.CreatePDataWriter(context.Id, isCommand: false);
            if (file is { SourcePath: { } path, DatasetOffset: >= 0 } && file.TransferSyntax.Equals(syntax))
                await CopyFileAsync(path, file.DatasetOffset, writer, timeout.Token).ConfigureAwait(false);
            else
                Encode(message.Dataset ?? file!.Dataset, file, syntax, writer);
            await writer.CompleteAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            await association.AbortAsync().ConfigureAwait(false);
            throw new DicomNetworkException($"sending {message.CommandField} took longer than the DIMSE timeout of {association.Options.DimseTimeout.TotalSeconds:0.###} s; association aborted");
        }
        finally
        {
            _sending.Release();
        }
    }

    private static async ValueTask CopyFileAsync(string path, long offset, Stream destination, CancellationToken cancellationToken)
    {
        await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        source.Position = offset;
        await source.CopyToAsync(destination, 256 * 1024, cancellationToken).ConfigureAwait(false);
    }

    private static void Encode(DicomDataset dataset, DicomFile? file, DicomTransferSyntax syntax, Stream destination)
    {
        if (file is not null && !file.TransferSyntax.Equals(syntax) && (file.TransferSyntax.IsEncapsulated || syntax.IsEncapsulated) && dataset.Contains(DicomTag.PixelData))
            throw new InvalidOperationException($"the instance is in {file.TransferSyntax.Name} and the peer accepted only {syntax.Name}; converting needs a pixel codec");
        dataset.WriteTo(destination, syntax);
    }
}
