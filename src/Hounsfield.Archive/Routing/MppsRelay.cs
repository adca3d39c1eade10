using Hounsfield.Dicom;

namespace Hounsfield.Archive.Routing;

/// <summary>
/// Queues MPPS N-CREATE and N-SET received from modalities for the configured destinations (the
/// Data-Router's order filler and report manager, at most two), in arrival order: the queue never
/// sends an N-SET of an MPPS before its N-CREATE is done at that destination.
/// </summary>
public sealed class MppsRelay(OutboundQueue queue, RoutingOptions options, Action<string>? log = null)
{
    /// <summary>The most destinations an MPPS is forwarded to.</summary>
    public const int MaxDestinations = 2;

    /// <summary>Queues the forward of an N-CREATE (<paramref name="isCreate"/>) or N-SET of MPPS <paramref name="sopInstanceUid"/> with its data set; returns the job ids.</summary>
    public IReadOnlyList<long> Enqueue(string sopInstanceUid, bool isCreate, DicomDataset attributes)
    {
        var destinations = options.MppsDestinations.Distinct(StringComparer.Ordinal).Take(MaxDestinations).ToList();
        if (destinations.Count == 0) return [];
        var payload = OutboundMessage.Encode(attributes);
        var kind = isCreate ? OutboundJobKind.MppsCreate : OutboundJobKind.MppsSet;
        var ids = queue.Enqueue(destinations.Select(d => new OutboundMessage(d, kind, sopInstanceUid, Payload: payload)));
        log?.Invoke($"mpps: {(isCreate ? "N-CREATE" : "N-SET")} {sopInstanceUid} queued for {string.Join(", ", destinations)}");
        return ids;
    }
}
