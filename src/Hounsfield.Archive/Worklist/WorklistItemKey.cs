using Hounsfield.Dicom;

namespace Hounsfield.Archive.Worklist;

/// <summary>
/// The key a worklist item is added, replaced and removed by: Accession Number / Requested Procedure ID /
/// Scheduled Procedure Step ID when the item has an Accession Number, else its Study Instance UID.
/// </summary>
public static class WorklistItemKey
{
    /// <summary>The key of <paramref name="item"/> (which must already have a Study Instance UID when it has no Accession Number).</summary>
    public static string Of(DicomDataset item)
    {
        var accession = item.GetString(DicomTag.AccessionNumber)?.Trim();
        if (string.IsNullOrEmpty(accession)) return item.GetString(DicomTag.StudyInstanceUID)?.Trim() ?? throw new ArgumentException("the item has neither Accession Number nor Study Instance UID");
        return Compose(accession, item.GetString(DicomTag.RequestedProcedureID)?.Trim(), FirstStep(item)?.GetString(DicomTag.ScheduledProcedureStepID)?.Trim());
    }

    /// <summary>The key of an order: <c>accession/requested procedure/step</c>.</summary>
    public static string Compose(string accessionNumber, string? requestedProcedureId, string? scheduledProcedureStepId) =>
        $"{accessionNumber}/{requestedProcedureId}/{scheduledProcedureStepId}";

    /// <summary>The first item of the Scheduled Procedure Step Sequence, if any.</summary>
    public static DicomDataset? FirstStep(DicomDataset item) =>
        item.GetSequence(DicomTag.ScheduledProcedureStepSequence) is { Count: > 0 } steps ? steps[0] : null;
}
