using Hounsfield.Archive.Routing;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Notifications;

/// <summary>
/// The Instance Availability Notification SCP (PS3.4 R.3): checks the N-CREATE attributes of
/// Table R.3.2-1 that are Type 1, keeps the notification in the workflow database, logs it.
/// Missing attributes: 0120H; empty ones: 0121H; a SOP Instance UID already received: 0111H.
/// </summary>
public sealed class InstanceAvailabilityScp(ReceivedNotifications store, TimeProvider? time = null, Action<string>? log = null)
{
    /// <summary>Handles one N-CREATE.</summary>
    public Task<DimseResponse> CreateAsync(NCreateRequest request, DimseContext context, CancellationToken cancellationToken)
    {
        if (request.Dataset is not { } attributes) return Task.FromResult(request.CreateResponse(DimseStatus.MissingAttribute, "the N-CREATE has no attribute list"));
        if (Check(request, attributes) is { } refusal) return Task.FromResult(refusal);
        // PS3.4 R.3.2.1.2: the SCU names the instance; one that does not still gets a UID of ours.
        var uid = request.AffectedSopInstanceUid is { Length: > 0 } given ? given : DicomUid.Generate().Value;
        var instances = attributes.GetSequence(DicomTag.ReferencedSeriesSequence)!
            .SelectMany(s => s.GetSequence(DicomTag.ReferencedSOPSequence)!).ToList();
        var availability = string.Join('\\', instances.Select(i => i.GetString(DicomTag.InstanceAvailability) ?? "").Distinct());
        var notification = new ReceivedNotification(0, (time ?? TimeProvider.System).GetUtcNow(), context.CallingAETitle, uid,
            attributes.GetString(DicomTag.StudyInstanceUID)!, instances.Count, availability, OutboundMessage.Encode(attributes));
        if (!store.Add(notification))
            return Task.FromResult(request.CreateResponse(DimseStatus.DuplicateSopInstance, "this notification SOP Instance UID was already received"));
        log?.Invoke($"IAN {uid} from {context.CallingAETitle}: study {notification.StudyInstanceUid}, {instances.Count} instance(s) {availability}");
        var response = (NCreateResponse)request.CreateResponse(DimseStatus.Success);
        response.AffectedSopInstanceUid = uid;
        return Task.FromResult<DimseResponse>(response);
    }

    private static DimseResponse? Check(NCreateRequest request, DicomDataset attributes)
    {
        if (Missing(request, attributes, DicomTag.StudyInstanceUID) is { } study) return study;
        if (Missing(request, attributes, DicomTag.ReferencedSeriesSequence) is { } series) return series;
        foreach (var item in attributes.GetSequence(DicomTag.ReferencedSeriesSequence)!)
        {
            if ((Missing(request, item, DicomTag.SeriesInstanceUID) ?? Missing(request, item, DicomTag.ReferencedSOPSequence)) is { } bad) return bad;
            foreach (var instance in item.GetSequence(DicomTag.ReferencedSOPSequence)!)
            {
                foreach (var tag in new[] { DicomTag.ReferencedSOPClassUID, DicomTag.ReferencedSOPInstanceUID, DicomTag.InstanceAvailability, DicomTag.RetrieveAETitle })
                {
                    if (Missing(request, instance, tag) is { } refusal) return refusal;
                }
            }
        }
        return null;
    }

    private static DimseResponse? Missing(NCreateRequest request, DicomDataset dataset, DicomTag tag)
    {
        if (!dataset.Contains(tag)) return request.CreateResponse(DimseStatus.MissingAttribute, $"{tag.Keyword} {tag} is missing", tag);
        var empty = dataset.GetSequence(tag) is { } sequence ? sequence.Count == 0 : string.IsNullOrEmpty(dataset.GetString(tag));
        return empty ? request.CreateResponse(DimseStatus.MissingAttributeValue, $"{tag.Keyword} {tag} is empty", tag) : null;
    }
}
