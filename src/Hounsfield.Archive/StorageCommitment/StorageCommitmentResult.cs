using Hounsfield.Dicom;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.StorageCommitment;

/// <summary>
/// The outcome of a commitment request as an N-EVENT-REPORT carries it (PS3.4 J.3.3): Event Type 1
/// when every instance is committed, 2 when some failed, with the Transaction UID of the request.
/// </summary>
public sealed record StorageCommitmentResult(string TransactionUid, IReadOnlyList<ReferencedSop> Committed, IReadOnlyList<FailedSop> Failed)
{
    /// <summary>Event Type ID: 1 "Storage Commitment Request Successful", 2 "… Complete – Failures Exist".</summary>
    public ushort EventTypeId => Failed.Count == 0 ? (ushort)1 : (ushort)2;

    /// <summary>The N-EVENT-REPORT request carrying this result.</summary>
    public NEventReportRequest ToEventReport(string? retrieveAETitle)
    {
        var info = new DicomDataset().Set(DicomTag.TransactionUID, TransactionUid);
        if (retrieveAETitle is not null && Committed.Count > 0) info.Set(DicomTag.RetrieveAETitle, retrieveAETitle);
        // Referenced SOP Sequence is required in event 1, and in event 2 when anything was committed.
        if (Committed.Count > 0 || Failed.Count == 0)
            info.SetSequence(DicomTag.ReferencedSOPSequence, [.. Committed.Select(c => Item(c.SopClassUid, c.SopInstanceUid))]);
        if (Failed.Count > 0)
            info.SetSequence(DicomTag.FailedSOPSequence, [.. Failed.Select(f => Item(f.SopClassUid, f.SopInstanceUid).Set(DicomTag.FailureReason, f.FailureReason))]);
        return new NEventReportRequest(DicomUid.StorageCommitmentPushModel.Value, DicomUid.StorageCommitmentPushModelInstance.Value, EventTypeId, info);
    }

    /// <summary>Reads the result from a received N-EVENT-REPORT.</summary>
    /// <exception cref="FormatException">The event information has no Transaction UID.</exception>
    public static StorageCommitmentResult FromEventReport(NEventReportRequest report)
    {
        var info = report.Dataset ?? new DicomDataset();
        var transaction = info.GetString(DicomTag.TransactionUID) ?? throw new FormatException("the N-EVENT-REPORT has no Transaction UID");
        var committed = (info.GetSequence(DicomTag.ReferencedSOPSequence) ?? Enumerable.Empty<DicomDataset>())
            .Select(i => new ReferencedSop(i.GetString(DicomTag.ReferencedSOPClassUID) ?? "", i.GetString(DicomTag.ReferencedSOPInstanceUID) ?? "")).ToList();
        var failed = (info.GetSequence(DicomTag.FailedSOPSequence) ?? Enumerable.Empty<DicomDataset>())
            .Select(i => new FailedSop(i.GetString(DicomTag.ReferencedSOPClassUID) ?? "", i.GetString(DicomTag.ReferencedSOPInstanceUID) ?? "",
                i.GetValueOrDefault<ushort>(DicomTag.FailureReason, 0, FailedSop.ProcessingFailure))).ToList();
        return new StorageCommitmentResult(transaction, committed, failed);
    }

    /// <summary>The N-ACTION action information asking to commit <paramref name="instances"/> (Action Type 1).</summary>
    public static DicomDataset ActionInformation(string transactionUid, IEnumerable<ReferencedSop> instances)
    {
        var info = new DicomDataset().Set(DicomTag.TransactionUID, transactionUid);
        info.SetSequence(DicomTag.ReferencedSOPSequence, [.. instances.Select(i => Item(i.SopClassUid, i.SopInstanceUid))]);
        return info;
    }

    private static DicomDataset Item(string sopClass, string sopInstance) =>
        new DicomDataset().Set(DicomTag.ReferencedSOPClassUID, sopClass).Set(DicomTag.ReferencedSOPInstanceUID, sopInstance);
}
