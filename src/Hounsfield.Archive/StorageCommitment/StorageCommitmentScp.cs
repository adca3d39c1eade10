using System.Collections.Concurrent;
using Hounsfield.Archive.Index;
using Hounsfield.Archive.Storage;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.StorageCommitment;

/// <summary>
/// The Storage Commitment Push Model SCP (PS3.4 J.3): an N-ACTION (Action Type 1) is recorded and
/// answered, then every referenced instance is checked in the index (present, same SOP class; with
/// <see cref="StorageCommitmentOptions.VerifyFiles"/> its file re-read) and the N-EVENT-REPORT sent
/// on the same association while it is open, or on a new association to the requestor (a known
/// peer) in which we take the SCP role — per requestor as configured. Reports that cannot be
/// delivered stay in the workflow database and are tried again, also after a restart.
/// </summary>
public sealed class StorageCommitmentScp : IAsyncDisposable
{
    private readonly IArchiveIndex _index;
    private readonly StorageArea _storage;
    private readonly ArchiveOptions _archive;
    private readonly string _aeTitle;
    private readonly Action<string>? _log;
    private readonly ConcurrentDictionary<string, byte> _delivering = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private Task? _retries;

    /// <summary>Serves commitment for the archive <paramref name="aeTitle"/> over its index and storage.</summary>
    public StorageCommitmentScp(StorageCommitmentRequestStore requests, IArchiveIndex index, StorageArea storage, ArchiveOptions archive,
        string aeTitle, Action<string>? log = null)
    {
        Requests = requests;
        _index = index;
        _storage = storage;
        _archive = archive;
        _aeTitle = aeTitle;
        _log = log;
    }

    /// <summary>The SOP class served: Storage Commitment Push Model.</summary>
    public static IReadOnlyList<string> SopClasses { get; } = [DicomUid.StorageCommitmentPushModel.Value];

    /// <summary>The recorded requests and the state of their reports.</summary>
    public StorageCommitmentRequestStore Requests { get; }

    /// <summary>Timeouts, TLS and PDU size of the associations opened to deliver reports.</summary>
    public AssociationOptions ReportAssociationOptions { get; set; } = new();

    private StorageCommitmentOptions Options => _archive.StorageCommitment;

    /// <summary>Starts delivering pending reports (those left by an earlier run first), then retrying failed deliveries.</summary>
    public void Start() => _retries ??= Task.Run(() => RetryLoopAsync(_stop.Token));

    /// <summary>N-ACTION "Request Storage Commitment" (PS3.4 J.3.2).</summary>
    public Task<DimseResponse> ActionAsync(NActionRequest request, DimseContext context, CancellationToken cancellationToken)
    {
        if (request.ActionTypeId != 1)
            return Task.FromResult(request.CreateResponse(DimseStatus.NoSuchActionType, $"Action Type ID {request.ActionTypeId} is not 1 (Request Storage Commitment)"));
        if (request.RequestedSopInstanceUid != DicomUid.StorageCommitmentPushModelInstance.Value)
            return Task.FromResult(request.CreateResponse(DimseStatus.NoSuchObjectInstance, $"the SOP instance must be the well-known {DicomUid.StorageCommitmentPushModelInstance.Value}"));
        var info = request.Dataset ?? new DicomDataset();
        if (Parse(info, out var transactionUid, out var references) is { } missing)
            return Task.FromResult(request.CreateResponse(DimseStatus.MissingAttribute, $"missing {missing.Keyword}", missing));

        // Not due before the retry interval: the report goes out from here first, where the same association is known.
        Requests.Save(transactionUid, context.CallingAETitle, references, DateTimeOffset.UtcNow + Options.RetryInterval);
        _log?.Invoke($"storage commitment {transactionUid} from {context.CallingAETitle}: {references.Count} instance(s)");
        _ = ReportAfterResponseAsync(transactionUid, context);
        return Task.FromResult(request.CreateResponse(DimseStatus.Success));
    }

    /// <summary>Checks <paramref name="references"/> against the index (and the files, when configured).</summary>
    public async Task<StorageCommitmentResult> CommitAsync(string transactionUid, IReadOnlyList<ReferencedSop> references, CancellationToken cancellationToken = default)
    {
        var committed = new List<ReferencedSop>();
        var failed = new List<FailedSop>();
        foreach (var reference in references)
        {
            var reason = await CheckAsync(reference, cancellationToken).ConfigureAwait(false);
            if (reason is null) committed.Add(reference);
            else failed.Add(new FailedSop(reference.SopClassUid, reference.SopInstanceUid, reason.Value));
        }
        return new StorageCommitmentResult(transactionUid, committed, failed);
    }

    /// <summary>Stops retrying; pending reports stay recorded for the next start.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_retries is not null) await _retries.ConfigureAwait(false);
    }

    private static DicomTag? Parse(DicomDataset info, out string transactionUid, out List<ReferencedSop> references)
    {
        transactionUid = info.GetString(DicomTag.TransactionUID) ?? "";
        references = [];
        if (transactionUid.Length == 0) return DicomTag.TransactionUID;
        if (info.GetSequence(DicomTag.ReferencedSOPSequence) is not { Count: > 0 } items) return DicomTag.ReferencedSOPSequence;
        foreach (var item in items)
        {
            var sopClass = item.GetString(DicomTag.ReferencedSOPClassUID);
            var sopInstance = item.GetString(DicomTag.ReferencedSOPInstanceUID);
            if (string.IsNullOrEmpty(sopClass)) return DicomTag.ReferencedSOPClassUID;
            if (string.IsNullOrEmpty(sopInstance)) return DicomTag.ReferencedSOPInstanceUID;
            references.Add(new ReferencedSop(sopClass, sopInstance));
        }
        return null;
    }

    private async Task<ushort?> CheckAsync(ReferencedSop reference, CancellationToken cancellationToken)
    {
        var record = await _index.FindInstanceAsync(reference.SopInstanceUid, cancellationToken).ConfigureAwait(false);
        if (record is null) return FailedSop.NoSuchObjectInstance;
        if (record.SopClassUid != reference.SopClassUid) return FailedSop.ClassInstanceConflict;
        if (!Options.VerifyFiles) return null;
        try
        {
            var file = DicomFile.Open(_storage.PathOf(record.Path));
            return file.Dataset.GetString(DicomTag.SOPInstanceUID) == reference.SopInstanceUid && file.Dataset.GetString(DicomTag.SOPClassUID) == reference.SopClassUid
                ? null : FailedSop.ProcessingFailure;
        }
        catch (Exception e) when (e is DicomFormatException or IOException or UnauthorizedAccessException)
        {
            _log?.Invoke($"storage commitment: {reference.SopInstanceUid} does not read back: {e.Message}");
            return FailedSop.ProcessingFailure;
        }
    }

    private async Task ReportAfterResponseAsync(string transactionUid, DimseContext context)
    {
        // The N-ACTION was recorded but its answer did not get out: the retry loop reports it.
        if (!await context.ResponseSent.ConfigureAwait(false)) return;
        try
        {
            if (Requests.Find(transactionUid) is { State: StorageCommitmentRequest.Pending } request)
                await DeliverAsync(request, context.PeerChannel, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Nobody awaits this task: the request stays pending for the retry loop, the cause goes to the log.
            _log?.Invoke($"storage commitment {transactionUid}: report not sent: {e.Message}");
        }
    }

    private async Task RetryLoopAsync(CancellationToken cancellationToken)
    {
        var poll = TimeSpan.FromTicks(Math.Clamp(Options.RetryInterval.Ticks, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(5).Ticks));
        // First pass: every report left pending by an earlier run, due or not.
        var until = DateTimeOffset.MaxValue;
        try
        {
            while (true)
            {
                try
                {
                    foreach (var request in Requests.Due(until))
                        await DeliverAsync(request, null, cancellationToken).ConfigureAwait(false);
                    until = DateTimeOffset.UtcNow + poll;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // The loop outlives any one failure (database busy, index closing): the next round tries again.
                    _log?.Invoke($"storage commitment retry: {e.Message}");
                }
                await Task.Delay(poll, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped; pending reports stay recorded.
        }
    }

    /// <summary>Builds the report now and delivers it once; a failed delivery is recorded for a later attempt.</summary>
    private async Task DeliverAsync(StorageCommitmentRequest request, IDimsePeerChannel? sameAssociation, CancellationToken cancellationToken)
    {
        if (!_delivering.TryAdd(request.TransactionUid, 0)) return;
        try
        {
            var result = await CommitAsync(request.TransactionUid, request.References, cancellationToken).ConfigureAwait(false);
            var report = result.ToEventReport(_aeTitle);
            const string Same = "the same association", New = "a new association";
            // A report the same association cannot carry goes on a new one at once; only that one counts as an attempt.
            if (Options.ReportAssociationFor(request.CallingAETitle) == StorageCommitmentReportAssociation.SameIfOpen && sameAssociation is { IsOpen: true } channel
                && await TrySendAsync(() => channel.SendAsync(report, cancellationToken), request, Same, isAttempt: false).ConfigureAwait(false))
                Delivered(request, result, Same);
            else if (await TrySendAsync(() => SendOnNewAssociationAsync(request.CallingAETitle, report, cancellationToken), request, New, isAttempt: true).ConfigureAwait(false))
                Delivered(request, result, New);
        }
        finally
        {
            _delivering.TryRemove(request.TransactionUid, out _);
        }
    }

    private void Delivered(StorageCommitmentRequest request, StorageCommitmentResult result, string where)
    {
        Requests.MarkSent(request.TransactionUid);
        _log?.Invoke($"storage commitment {request.TransactionUid} reported to {request.CallingAETitle} on {where}: "
            + $"event {result.EventTypeId}, {result.Committed.Count} committed, {result.Failed.Count} failed");
    }

    private async Task<bool> TrySendAsync(Func<Task<DimseResponse>> send, StorageCommitmentRequest request, string where, bool isAttempt)
    {
        string error;
        try
        {
            var response = await send().ConfigureAwait(false);
            if (response.Status.IsSuccess) return true;
            error = $"answered {response}";
        }
        catch (Exception e) when (e is DicomNetworkException or InvalidOperationException or IOException or OperationCanceledException
            or System.Net.Sockets.SocketException or TimeoutException)
        {
            error = e.Message;
        }
        var next = DateTimeOffset.UtcNow + Options.RetryInterval;
        if (isAttempt) Requests.MarkAttemptFailed(request.TransactionUid, error, next, Options.MaxAttempts);
        _log?.Invoke($"storage commitment {request.TransactionUid}: report to {request.CallingAETitle} on {where} failed: {error}"
            + (!isAttempt ? "" : request.Attempts + 1 >= Options.MaxAttempts ? $"; attempt {request.Attempts + 1} of {Options.MaxAttempts}, given up"
                : $"; attempt {request.Attempts + 1} of {Options.MaxAttempts}, next at {next:HH:mm:ss}"));
        return false;
    }

    private async Task<DimseResponse> SendOnNewAssociationAsync(string callingAETitle, NEventReportRequest report, CancellationToken cancellationToken)
    {
        var peer = _archive.Peers.GetValueOrDefault(callingAETitle)
            ?? throw new InvalidOperationException($"{callingAETitle} is not a known remote AE (Peers), so no association can be opened for its report");
        var options = new DicomClientOptions { CallingAETitle = _aeTitle, Association = ReportAssociationOptions };
        // PS3.4 J.3.3: the SCP requests the association and takes the SCP role by role selection.
        options.PresentationContexts.Add(new PresentationContextProposal(DicomUid.StorageCommitmentPushModel.Value,
            [.. DicomClientOptions.DefaultTransferSyntaxes, DicomTransferSyntax.ExplicitVRBigEndian.Uid.Value], ScuRole: false, ScpRole: true));
        await using var client = await DicomClient.ConnectAsync(peer, options, cancellationToken).ConfigureAwait(false);
        var response = await client.SendAndWaitAsync(report, cancellationToken).ConfigureAwait(false);
        try
        {
            await client.ReleaseAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DicomNetworkException or InvalidOperationException or IOException)
        {
            // The report was answered: a requestor that drops the connection instead of releasing has it all the same.
            _log?.Invoke($"storage commitment: release after the report to {callingAETitle} failed: {e.Message}");
        }
        return response;
    }
}
