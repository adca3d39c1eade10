using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.StorageCommitment;

/// <summary>
/// The Storage Commitment Push Model SCU (PS3.4 J.3): sends the N-ACTION for a list of instances
/// and waits for the N-EVENT-REPORT with the same Transaction UID — on the same association, or on
/// an association the SCP opens to our listening port taking the SCP role.
/// </summary>
public static class StorageCommitmentScu
{
    /// <summary>Asks <paramref name="peer"/> to commit <paramref name="instances"/> and returns its report.</summary>
    /// <exception cref="TimeoutException">No report came within <see cref="StorageCommitmentScuOptions.Timeout"/>.</exception>
    /// <exception cref="InvalidOperationException">The N-ACTION was refused (its status is in the message).</exception>
    /// <exception cref="DicomNetworkException">The peer is unreachable or the association failed.</exception>
    public static async Task<StorageCommitmentResult> RequestAsync(DicomPeer peer, IReadOnlyList<ReferencedSop> instances, StorageCommitmentScuOptions options,
        CancellationToken cancellationToken = default)
    {
        var transactionUid = DicomUid.Generate().Value;
        var report = new TaskCompletionSource<StorageCommitmentResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<DimseResponse> Answer(NEventReportRequest request, string where) => Task.FromResult(Accept(request, transactionUid, report, where, options.Log));

        await using var listener = options.ListenPort is { } port ? await ListenAsync(port, options, (r, _, _) => Answer(r, "a new association")).ConfigureAwait(false) : null;
        var clientOptions = options.Client;
        if (!clientOptions.PresentationContexts.Any(p => p.AbstractSyntax == DicomUid.StorageCommitmentPushModel.Value))
            clientOptions.Propose(DicomUid.StorageCommitmentPushModel.Value);
        clientOptions.IncomingRequestHandler = (request, _, _) => request is NEventReportRequest r ? Answer(r, "the same association")
            : Task.FromResult(request.CreateResponse(DimseStatus.UnrecognizedOperation, "only N-EVENT-REPORT is expected here"));

        await using (var client = await DicomClient.ConnectAsync(peer, clientOptions, cancellationToken).ConfigureAwait(false))
        {
            var action = new NActionRequest(DicomUid.StorageCommitmentPushModel.Value, DicomUid.StorageCommitmentPushModelInstance.Value, 1,
                StorageCommitmentResult.ActionInformation(transactionUid, instances));
            var response = await client.SendAndWaitAsync(action, cancellationToken).ConfigureAwait(false);
            if (!response.Status.IsSuccess) throw new InvalidOperationException($"{peer.AETitle} refused the commitment request: {response}");
            options.Log?.Invoke($"{peer.AETitle} accepted commitment request {transactionUid} for {instances.Count} instance(s)");
            if (listener is null)
            {
                if (!await client.WaitForRequestsAsync(() => report.Task.IsCompleted, options.Timeout, cancellationToken).ConfigureAwait(false))
                    throw new TimeoutException($"no storage commitment report from {peer.AETitle} within {options.Timeout.TotalSeconds:0.###} s");
            }
            else await client.ReleaseAsync(cancellationToken).ConfigureAwait(false);
        }
        StorageCommitmentResult result;
        try
        {
            result = await report.Task.WaitAsync(options.Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no storage commitment report from {peer.AETitle} within {options.Timeout.TotalSeconds:0.###} s");
        }
        if (listener is not null) await LetReportersReleaseAsync(listener, options.Client.Association.AcseTimeout, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Stopping the listener aborts open associations: the SCP that just reported gets the time to release first.</summary>
    private static async Task LetReportersReleaseAsync(DicomHost listener, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + limit;
        while (listener.ActiveAssociations > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<DicomHost> ListenAsync(int port, StorageCommitmentScuOptions options, DimseRequestHandler<NEventReportRequest> handler)
    {
        var host = new DicomHost(new DicomHostOptions
        {
            AETitle = options.Client.CallingAETitle,
            Port = port,
            BindAddress = options.ListenAddress,
            Listener = new DicomListenerOptions { Association = options.Client.Association },
            Log = options.Log,
        }).AddVerification().HandleEventReports(handler, [DicomUid.StorageCommitmentPushModel.Value]);
        await host.StartAsync().ConfigureAwait(false);
        options.Listening?.Invoke(host.Endpoints[0].Port);
        return host;
    }

    private static DimseResponse Accept(NEventReportRequest request, string transactionUid, TaskCompletionSource<StorageCommitmentResult> report, string where, Action<string>? log)
    {
        if (request.EventTypeId is not (1 or 2))
            return request.CreateResponse(DimseStatus.NoSuchEventType, $"Event Type ID {request.EventTypeId} is not 1 or 2");
        StorageCommitmentResult result;
        try
        {
            result = StorageCommitmentResult.FromEventReport(request);
        }
        catch (FormatException e)
        {
            return request.CreateResponse(DimseStatus.MissingAttribute, e.Message, DicomTag.TransactionUID);
        }
        // A report of another (earlier, abandoned) transaction is acknowledged so the SCP stops retrying it.
        if (result.TransactionUid != transactionUid) log?.Invoke($"ignored a report for transaction {result.TransactionUid}, not ours");
        else if (report.TrySetResult(result)) log?.Invoke($"report {result.TransactionUid} received on {where}: event {result.EventTypeId}");
        return request.CreateResponse(DimseStatus.Success);
    }
}
