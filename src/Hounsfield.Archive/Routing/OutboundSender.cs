using Hounsfield.Archive.Index;
using Hounsfield.Archive.Storage;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Codecs;
using Hounsfield.Dicom.Codecs.Transcoding;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Routing;

/// <summary>
/// Sends one destination's claimed jobs on one association and records each outcome in the queue:
/// done on the peer's success or warning, otherwise a failed attempt (retried with backoff).
/// A stored instance goes in the job's transfer syntax when the peer accepts it (transcoded when
/// the stored syntax differs), else in its own, else uncompressed.
/// </summary>
public sealed class OutboundSender(OutboundQueue queue, StorageArea storage, IArchiveIndex index, ArchiveOptions options, string aeTitle, Action<string>? log = null)
{
    // PS3.8 §9.3.2.2: presentation context IDs are odd numbers 1-255.
    private const int MaxPresentationContexts = 128;

    private RoutingOptions Routing => options.Routing;

    /// <summary>Sends <paramref name="jobs"/> (claimed, in flight) to <paramref name="destination"/>.</summary>
    public async Task SendAsync(string destination, IReadOnlyList<OutboundJob> jobs, CancellationToken cancellationToken)
    {
        try
        {
            await SendBatchAsync(destination, jobs, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever went unexpectedly wrong, no job of the batch stays in flight until the next start.
            foreach (var job in jobs) Fail(job, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private async Task SendBatchAsync(string destination, IReadOnlyList<OutboundJob> jobs, CancellationToken cancellationToken)
    {
        if (!options.Peers.TryGetValue(destination, out var peer))
        {
            foreach (var job in jobs) Fail(job, $"'{destination}' is not a known peer");
            return;
        }
        var messages = new List<PreparedMessage>();
        var proposals = new HashSet<(string SopClass, string TransferSyntax)>();
        foreach (var job in jobs)
        {
            if (await PrepareAsync(job, cancellationToken).ConfigureAwait(false) is not { } message) continue;
            var needed = message.Preferences.Select(ts => (message.SopClass, ts)).Where(p => !proposals.Contains(p)).ToList();
            if (proposals.Count + needed.Count > MaxPresentationContexts)
            {
                queue.Release(job.Id);
                continue;
            }
            proposals.UnionWith(needed);
            messages.Add(message);
        }
        if (messages.Count == 0) return;
        await SendPreparedAsync(peer, messages, proposals, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendPreparedAsync(DicomPeer peer, List<PreparedMessage> messages, HashSet<(string SopClass, string TransferSyntax)> proposals, CancellationToken cancellationToken)
    {
        var clientOptions = new DicomClientOptions { CallingAETitle = aeTitle };
        options.Network.ApplyTo(clientOptions.Association);
        // One syntax per context, so the acceptor's choice tells exactly which syntaxes it takes.
        foreach (var (sopClass, ts) in proposals) clientOptions.PresentationContexts.Add(new PresentationContextProposal(sopClass, [ts]));
        DicomClient client;
        try
        {
            client = await DicomClient.ConnectAsync(peer, clientOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (DicomNetworkException e)
        {
            foreach (var m in messages) Fail(m.Job, $"association with {peer} failed: {e.Message}");
            return;
        }
        var done = 0;
        await using (client.ConfigureAwait(false))
        {
            for (var i = 0; i < messages.Count; i++)
            {
                try
                {
                    if (await SendOneAsync(client, messages[i], cancellationToken).ConfigureAwait(false)) done++;
                }
                catch (DicomNetworkException e)
                {
                    // The association is gone: this and every later job of the batch get an attempt counted.
                    foreach (var m in messages.Skip(i)) Fail(m.Job, $"association with {peer} broke: {e.Message}");
                    return;
                }
            }
        }
        log?.Invoke($"queue: {done} of {messages.Count} job(s) done at {peer}");
    }

    // True when the destination accepted the message.
    private async Task<bool> SendOneAsync(DicomClient client, PreparedMessage message, CancellationToken cancellationToken)
    {
        var accepted = message.Preferences.FirstOrDefault(ts => client.Association.PresentationContexts.Any(pc =>
            pc.IsAccepted && pc.AbstractSyntax == message.SopClass && pc.AcceptedTransferSyntaxUid == ts));
        if (accepted is null)
        {
            Fail(message.Job, $"{client.Association.CalledAETitle} accepted no presentation context for {DicomUid.Lookup(message.SopClass).Name}");
            return false;
        }
        DimseRequest request;
        try
        {
            request = message.CreateRequest(DicomTransferSyntax.Get(accepted));
        }
        catch (Exception e) when (e is DicomCodecException or DicomFormatException or IOException)
        {
            Fail(message.Job, $"cannot prepare {message.Job.SopInstanceUid} in {DicomTransferSyntax.Get(accepted).Name}: {e.Message}");
            return false;
        }
        DimseResponse response;
        try
        {
            response = await client.SendAndWaitAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            Fail(message.Job, e.Message);
            return false;
        }
        if (response.Status.State is DimseStatusState.Success or DimseStatusState.Warning)
        {
            queue.Complete(message.Job.Id);
            return true;
        }
        Fail(message.Job, $"{request.CommandField} answered {response.Status.Code:X4}H{(response.ErrorComment is { Length: > 0 } c ? ": " + c : "")}");
        return false;
    }

    // What a job sends: its SOP class, the syntaxes to propose in our order, and how to build the request in the accepted one.
    private async Task<PreparedMessage?> PrepareAsync(OutboundJob job, CancellationToken cancellationToken)
    {
        if (job.Kind != OutboundJobKind.Store)
        {
            if (job.Payload is null)
            {
                Fail(job, "the job has no data set", permanent: true);
                return null;
            }
            var dataset = DicomDataset.Read(new MemoryStream(job.Payload), DicomTransferSyntax.ExplicitVRLittleEndian);
            return new PreparedMessage(job, SopClassOf(job.Kind), DicomClientOptions.DefaultTransferSyntaxes, _ => CreateNormalizedRequest(job, dataset));
        }
        var record = await index.FindInstanceAsync(job.SopInstanceUid, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            Fail(job, "the instance is no longer stored", permanent: true);
            return null;
        }
        var path = storage.PathOf(record.Path);
        var target = job.TransferSyntax ?? Routing.TransferSyntaxes.GetValueOrDefault(job.Destination);
        string[] preferences = [.. new[] { target, record.TransferSyntaxUid }.OfType<string>(), .. DicomClientOptions.DefaultTransferSyntaxes];
        return new PreparedMessage(job, record.SopClassUid, preferences.Distinct().ToList(), ts => CreateStoreRequest(path, ts));
    }

    private static CStoreRequest CreateStoreRequest(string path, DicomTransferSyntax transferSyntax)
    {
        var file = DicomFile.Open(path);
        return new CStoreRequest(file.TransferSyntax.Equals(transferSyntax) ? file : DicomTranscoder.Transcode(file, transferSyntax));
    }

    private static DimseRequest CreateNormalizedRequest(OutboundJob job, DicomDataset dataset) => job.Kind switch
    {
        OutboundJobKind.InstanceAvailability => new NCreateRequest(DicomUid.InstanceAvailabilityNotification.Value, job.SopInstanceUid, dataset),
        OutboundJobKind.StudyContent => new CStoreRequest(DicomUid.BasicStudyContentNotification.Value, job.SopInstanceUid, dataset),
        OutboundJobKind.MppsCreate => new NCreateRequest(DicomUid.ModalityPerformedProcedureStep.Value, job.SopInstanceUid, dataset),
        OutboundJobKind.MppsSet => new NSetRequest(DicomUid.ModalityPerformedProcedureStep.Value, job.SopInstanceUid, dataset),
        _ => throw new InvalidOperationException($"{job.Kind} is not a normalized or notification job"),
    };

    private static string SopClassOf(OutboundJobKind kind) => kind switch
    {
        OutboundJobKind.InstanceAvailability => DicomUid.InstanceAvailabilityNotification.Value,
        OutboundJobKind.StudyContent => DicomUid.BasicStudyContentNotification.Value,
        _ => DicomUid.ModalityPerformedProcedureStep.Value,
    };

    private void Fail(OutboundJob job, string error, bool permanent = false)
    {
        var state = queue.Fail(job.Id, error, permanent ? 1 : Routing.MaxAttempts, Routing.RetryDelay, Routing.MaxRetryDelay);
        log?.Invoke($"queue: job {job.Id} ({job.Kind} {job.SopInstanceUid} to {job.Destination}) attempt {job.Attempts + 1} failed, {state}: {error}");
    }

    private sealed record PreparedMessage(OutboundJob Job, string SopClass, IReadOnlyList<string> Preferences, Func<DicomTransferSyntax, DimseRequest> CreateRequest);
}
