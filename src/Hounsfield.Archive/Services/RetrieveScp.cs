using Hounsfield.Archive.Index;
using Hounsfield.Archive.Query;
using Hounsfield.Archive.Storage;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Codecs.Transcoding;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Services;

/// <summary>
/// The Query/Retrieve MOVE and GET SCP (PS3.4 C.4.2, C.4.3): C-MOVE sends the selected instances
/// to a known destination over new associations, several in parallel; C-GET sends them back over
/// the requestor's own association. Both report progress in pending responses. An instance whose
/// stored syntax the receiver refused is converted to one it accepted (decompressed, or compressed
/// losslessly) by <see cref="DicomTranscoder.Default"/>.
/// </summary>
public sealed class RetrieveScp(StorageArea storage, IArchiveIndex index, ArchiveOptions options, string aeTitle, Action<string>? log = null)
{
    /// <summary>Handles one C-MOVE.</summary>
    public async Task<DimseResponse> MoveAsync(CMoveRequest request, DimseContext context, CancellationToken cancellationToken)
    {
        if (!options.Peers.TryGetValue(request.MoveDestination.Trim(), out var destination))
            return request.CreateResponse(DimseStatus.MoveDestinationUnknown, $"move destination '{request.MoveDestination.Trim()}' is not a known AE");
        var (instances, refusal) = await SelectAsync(request, DicomQuery.MoveSopClasses, cancellationToken).ConfigureAwait(false);
        if (refusal is not null) return refusal;
        var progress = new RetrieveProgress(instances.Count);
        log?.Invoke($"C-MOVE of {instances.Count} instance(s) to {destination} for {context.CallingAETitle}");
        var associations = Math.Clamp(options.MoveAssociations, 1, Math.Max(1, instances.Count));
        var tls = options.RemoteAEs.GetValueOrDefault(request.MoveDestination.Trim()) is { Tls: true } ? options.Network.CreateTlsClientOptions() : null;
        try
        {
            await Task.WhenAll(Enumerable.Range(0, associations).Select(n =>
                MoveShareAsync(instances.Where((_, i) => i % associations == n).ToList(), destination, tls, request, context, progress, cancellationToken))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return progress.Fill(new CMoveResponse(request, DimseStatus.Cancel));
        }
        return progress.Fill(new CMoveResponse(request, progress.FinalStatus));
    }

    /// <summary>Handles one C-GET: sub-operations on the same association, on the storage contexts the requestor accepted as SCP.</summary>
    public async Task<DimseResponse> GetAsync(CGetRequest request, DimseContext context, CancellationToken cancellationToken)
    {
        var (instances, refusal) = await SelectAsync(request, DicomQuery.GetSopClasses, cancellationToken).ConfigureAwait(false);
        if (refusal is not null) return refusal;
        var progress = new RetrieveProgress(instances.Count);
        log?.Invoke($"C-GET of {instances.Count} instance(s) for {context.CallingAETitle}");
        try
        {
            foreach (var instance in instances)
            {
                cancellationToken.ThrowIfCancellationRequested();
                DimseStatus status;
                try
                {
                    status = (await context.StoreAsync(DicomFile.Open(storage.PathOf(instance.Path)), cancellationToken).ConfigureAwait(false)).Status;
                }
                catch (InvalidOperationException e)
                {
                    log?.Invoke($"C-GET sub-operation for {instance.SopInstanceUid} not possible: {e.Message}");
                    status = DimseStatus.ProcessingFailure;
                }
                progress.Record(instance.SopInstanceUid, status);
                await context.SendPendingAsync(progress.Fill(new CGetResponse(request, DimseStatus.Pending)), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return progress.Fill(new CGetResponse(request, DimseStatus.Cancel));
        }
        return progress.Fill(new CGetResponse(request, progress.FinalStatus));
    }

    // The identifier checked against the model of the request's SOP class, and the instances it selects.
    private async Task<(List<StoredInstance> Instances, DimseResponse? Refusal)> SelectAsync(DimseRequest request,
        IReadOnlyDictionary<string, QueryModel> models, CancellationToken cancellationToken)
    {
        if (request.Dataset is not { } identifier) return ([], request.CreateResponse(DimseStatus.CannotUnderstand, $"the {request.CommandField} has no identifier"));
        if (!models.TryGetValue(request.AffectedSopClassUid ?? "", out var model))
            return ([], request.CreateResponse(DimseStatus.SopClassNotSupported, "not a Query/Retrieve retrieve SOP class"));
        DicomQuery query;
        try
        {
            query = DicomQuery.Parse(model, identifier);
        }
        catch (DicomQueryException e)
        {
            return ([], e.Offending is { } at ? request.CreateResponse(e.Status, e.Message, at) : request.CreateResponse(e.Status, e.Message));
        }
        var instances = new List<StoredInstance>();
        await foreach (var instance in index.FindInstancesAsync(query, cancellationToken).ConfigureAwait(false)) instances.Add(instance);
        return (instances, null);
    }

    private async Task MoveShareAsync(List<StoredInstance> share, DicomPeer destination, Dicom.Network.Security.DicomTlsClientOptions? tls, CMoveRequest request, DimseContext context,
        RetrieveProgress progress, CancellationToken cancellationToken)
    {
        if (share.Count == 0) return;
        var files = share.Select(s => DicomFile.Open(storage.PathOf(s.Path))).ToList();
        DicomClient client;
        try
        {
            var clientOptions = new DicomClientOptions { CallingAETitle = aeTitle, Association = { Tls = tls }, Transcoder = DicomTranscoder.Default };
            options.Network.ApplyTo(clientOptions.Association);
            client = await DicomClient.ConnectAsync(destination, clientOptions.ProposeFor(files), cancellationToken).ConfigureAwait(false);
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
