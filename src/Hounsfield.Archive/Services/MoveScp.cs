using Hounsfield.Archive.Index;
using Hounsfield.Archive.Query;
using Hounsfield.Archive.Storage;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Services;

/// <summary>
/// The Query/Retrieve MOVE SCP (PS3.4 C.4.2): sends the selected instances to a known destination
/// over new associations, several in parallel, reporting progress in pending responses.
/// </summary>
public sealed class MoveScp(StorageArea storage, IArchiveIndex index, ArchiveOptions options, string aeTitle, Action<string>? log = null)
{
    /// <summary>Handles one C-MOVE.</summary>
    public async Task<DimseResponse> MoveAsync(CMoveRequest request, DimseContext context, CancellationToken cancellationToken)
    {
        if (request.Dataset is not { } identifier) return request.CreateResponse(DimseStatus.CannotUnderstand, "the C-MOVE has no identifier");
        if (!DicomQuery.MoveSopClasses.TryGetValue(request.AffectedSopClassUid ?? "", out var model))
            return request.CreateResponse(DimseStatus.SopClassNotSupported, "not a Query/Retrieve MOVE SOP class");
        if (!options.Peers.TryGetValue(request.MoveDestination.Trim(), out var destination))
            return request.CreateResponse(DimseStatus.MoveDestinationUnknown, $"move destination '{request.MoveDestination.Trim()}' is not a known AE");
        DicomQuery query;
        try
        {
            query = DicomQuery.Parse(model, identifier);
        }
        catch (DicomQueryException e)
        {
            return (e.Offending is { } at ? request.CreateResponse(e.Status, e.Message, at) : request.CreateResponse(e.Status, e.Message));
        }
        var instances = new List<StoredInstance>();
        await foreach (var instance in index.FindInstancesAsync(query, cancellationToken).ConfigureAwait(false)) instances.Add(instance);
        var progress = new RetrieveProgress(instances.Count);
        log?.Invoke($"C-MOVE of {instances.Count} instance(s) to {destination} for {context.CallingAETitle}");
        var associations = Math.Clamp(options.MoveAssociations, 1, Math.Max(1, instances.Count));
        try
        {
            await Task.WhenAll(Enumerable.Range(0, associations).Select(n =>
                SendShareAsync(instances.Where((_, i) => i % associations == n).ToList(), destination, request, context, progress, cancellationToken))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return progress.Fill(new CMoveResponse(request, DimseStatus.Cancel));
        }
        return progress.Fill(new CMoveResponse(request, progress.FinalStatus));
    }

    private async Task SendShareAsync(List<StoredInstance> share, DicomPeer destination, CMoveRequest request, DimseContext context,
        RetrieveProgress progress, CancellationToken cancellationToken)
    {
        if (share.Count == 0) return;
        var files = share.Select(s => DicomFile.Open(storage.PathOf(s.Path))).ToList();
        DicomClient client;
        try
        {
            client = await DicomClient.ConnectAsync(destination, new DicomClientOptions { CallingAETitle = aeTitle }.ProposeFor(files), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DicomNetworkException or AssociationRejectedException)
        {
            log?.Invoke($"C-MOVE destination {destination} refused: {e.Message}");
            foreach (var s in share) progress.Record(s.SopInstanceUid, DimseStatus.ProcessingFailure);
            return;
        }
        await using (client.ConfigureAwait(false))
        {
            for (var i = 0; i < files.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                DimseStatus status;
                try
                {
                    var store = new CStoreRequest(files[i]) { MoveOriginatorAeTitle = context.CallingAETitle, MoveOriginatorMessageId = request.MessageId };
                    status = ((CStoreResponse)await client.SendAndWaitAsync(store, cancellationToken).ConfigureAwait(false)).Status;
                }
                catch (InvalidOperationException e)
                {
                    log?.Invoke($"C-MOVE sub-operation for {share[i].SopInstanceUid} not possible: {e.Message}");
                    status = DimseStatus.ProcessingFailure;
                }
                progress.Record(share[i].SopInstanceUid, status);
                await context.SendPendingAsync(progress.Fill(new CMoveResponse(request, DimseStatus.Pending)), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
