using Hounsfield.Dicom;

namespace Hounsfield.Archive.Mpps;

/// <summary>
/// Builds the attribute lists an MPPS SCU sends (PS3.4 Table F.7.2-1, covering the rows of the
/// Reviewer statement's N-CREATE and N-SET tables): from a Modality Worklist item when the step was
/// scheduled, and from the instances acquired for the Performed Series Sequence.
/// </summary>
public static class PerformedProcedureStepBuilder
{
    /// <summary>
    /// The N-CREATE attribute list of an IN PROGRESS step: patient and scheduling from
    /// <paramref name="worklistItem"/> (or, unscheduled, patient and study from <paramref name="instances"/>),
    /// started <paramref name="start"/> on <paramref name="stationAETitle"/>.
    /// </summary>
    public static DicomDataset Create(DicomDataset? worklistItem, IReadOnlyList<DicomDataset> instances, string stationAETitle, DateTime start,
        string? performedProcedureStepId = null)
    {
        var source = worklistItem ?? (instances.Count > 0 ? instances[0] : new DicomDataset());
        var steps = worklistItem?.GetSequence(DicomTag.ScheduledProcedureStepSequence) is { Count: > 0 } scheduled ? scheduled.ToList() : [new DicomDataset()];
        var ds = new DicomDataset();
        ds.CopyFrom(source, DicomTag.SpecificCharacterSet);
        var studyUid = source.GetString(DicomTag.StudyInstanceUID) ?? DicomUid.Generate().Value;
        ds.SetSequence(DicomTag.ScheduledStepAttributesSequence, [.. steps.Select(step => ScheduledStepAttributes(worklistItem, step, studyUid))]);
        foreach (var tag in new[] { DicomTag.PatientName, DicomTag.PatientID, DicomTag.PatientBirthDate, DicomTag.PatientSex })
            CopyOrEmpty(ds, source, tag);
        CopyOrEmptySequence(ds, worklistItem, DicomTag.ReferencedPatientSequence);
        ds.Set(DicomTag.PerformedProcedureStepID, performedProcedureStepId ?? start.ToString("yyMMddHHmmssff", System.Globalization.CultureInfo.InvariantCulture));
        ds.Set(DicomTag.PerformedStationAETitle, stationAETitle);
        ds.SetEmpty(DicomTag.PerformedStationName);
        ds.SetEmpty(DicomTag.PerformedLocation);
        ds.Set(DicomTag.PerformedProcedureStepStartDate, DicomDateTimeParser.FormatDate(DateOnly.FromDateTime(start)));
        ds.Set(DicomTag.PerformedProcedureStepStartTime, DicomDateTimeParser.FormatTime(TimeOnly.FromDateTime(start)));
        ds.Set(DicomTag.PerformedProcedureStepStatus, PerformedProcedureStepStatus.InProgress);
        var first = steps[0];
        SetOrEmpty(ds, DicomTag.PerformedProcedureStepDescription, first.GetString(DicomTag.ScheduledProcedureStepDescription) ?? worklistItem?.GetString(DicomTag.RequestedProcedureDescription));
        SetOrEmpty(ds, DicomTag.PerformedProcedureTypeDescription, worklistItem?.GetString(DicomTag.RequestedProcedureDescription));
        CopyOrEmptySequence(ds, worklistItem, DicomTag.RequestedProcedureCodeSequence, DicomTag.ProcedureCodeSequence);
        ds.SetEmpty(DicomTag.PerformedProcedureStepEndDate);
        ds.SetEmpty(DicomTag.PerformedProcedureStepEndTime);
        SetOrEmpty(ds, DicomTag.Modality, first.GetString(DicomTag.Modality) ?? (instances.Count > 0 ? instances[0].GetString(DicomTag.Modality) : null) ?? "OT");
        SetOrEmpty(ds, DicomTag.StudyID, worklistItem?.GetString(DicomTag.RequestedProcedureID) ?? (instances.Count > 0 ? instances[0].GetString(DicomTag.StudyID) : null));
        CopyOrEmptySequence(ds, first, DicomTag.ScheduledProtocolCodeSequence, DicomTag.PerformedProtocolCodeSequence);
        ds.SetSequence(DicomTag.PerformedSeriesSequence, [.. PerformedSeries(instances)]);
        return ds;
    }

    /// <summary>The N-SET attribute list that ends a step with <paramref name="status"/> at <paramref name="end"/>, with the series acquired when any are given.</summary>
    /// <exception cref="ArgumentException"><paramref name="status"/> is not COMPLETED or DISCONTINUED.</exception>
    public static DicomDataset End(string status, DateTime end, IReadOnlyList<DicomDataset> instances)
    {
        if (!PerformedProcedureStepStatus.IsFinal(status)) throw new ArgumentException($"'{status}' is not COMPLETED or DISCONTINUED", nameof(status));
        var ds = new DicomDataset()
            .Set(DicomTag.PerformedProcedureStepStatus, status)
            .Set(DicomTag.PerformedProcedureStepEndDate, DicomDateTimeParser.FormatDate(DateOnly.FromDateTime(end)))
            .Set(DicomTag.PerformedProcedureStepEndTime, DicomDateTimeParser.FormatTime(TimeOnly.FromDateTime(end)));
        if (instances.Count > 0)
        {
            ds.CopyFrom(instances[0], DicomTag.SpecificCharacterSet);
            ds.SetSequence(DicomTag.PerformedSeriesSequence, [.. PerformedSeries(instances)]);
        }
        return ds;
    }

    /// <summary>One Performed Series item per series of <paramref name="instances"/>, referencing each instance (images by Pixel Data, the rest as non-image).</summary>
    public static IEnumerable<DicomDataset> PerformedSeries(IReadOnlyList<DicomDataset> instances)
    {
        foreach (var series in instances.GroupBy(i => i.GetString(DicomTag.SeriesInstanceUID) ?? ""))
        {
            if (series.Key.Length == 0) continue;
            var first = series.First();
            var item = new DicomDataset();
            CopyOrEmpty(item, first, DicomTag.PerformingPhysicianName);
            // Protocol Name is type 1 here; instances often lack it, so the series is named by what it has.
            item.Set(DicomTag.ProtocolName, first.GetString(DicomTag.ProtocolName) is { Length: > 0 } protocol ? protocol
                : first.GetString(DicomTag.SeriesDescription) is { Length: > 0 } description ? description
                : first.GetString(DicomTag.Modality) ?? "UNKNOWN");
            CopyOrEmpty(item, first, DicomTag.OperatorsName);
            item.Set(DicomTag.SeriesInstanceUID, series.Key);
            CopyOrEmpty(item, first, DicomTag.SeriesDescription);
            item.SetEmpty(DicomTag.RetrieveAETitle);
            item.SetSequence(DicomTag.ReferencedImageSequence, [.. series.Where(i => i.Contains(DicomTag.PixelData)).Select(Reference)]);
            item.SetSequence(DicomTag.ReferencedNonImageCompositeSOPInstanceSequence, [.. series.Where(i => !i.Contains(DicomTag.PixelData)).Select(Reference)]);
            yield return item;
        }
    }

    private static DicomDataset ScheduledStepAttributes(DicomDataset? worklistItem, DicomDataset step, string studyUid)
    {
        var item = new DicomDataset().Set(DicomTag.StudyInstanceUID, studyUid);
        CopyOrEmptySequence(item, worklistItem, DicomTag.ReferencedStudySequence);
        CopyOrEmpty(item, worklistItem, DicomTag.AccessionNumber);
        CopyOrEmpty(item, worklistItem, DicomTag.RequestedProcedureID);
        CopyOrEmpty(item, worklistItem, DicomTag.RequestedProcedureDescription);
        CopyOrEmpty(item, step, DicomTag.ScheduledProcedureStepID);
        CopyOrEmpty(item, step, DicomTag.ScheduledProcedureStepDescription);
        CopyOrEmptySequence(item, step, DicomTag.ScheduledProtocolCodeSequence);
        return item;
    }

    private static DicomDataset Reference(DicomDataset instance) => new DicomDataset()
        .Set(DicomTag.ReferencedSOPClassUID, instance.GetString(DicomTag.SOPClassUID) ?? "")
        .Set(DicomTag.ReferencedSOPInstanceUID, instance.GetString(DicomTag.SOPInstanceUID) ?? "");

    private static void CopyOrEmpty(DicomDataset target, DicomDataset? source, DicomTag tag)
    {
        if (source is not null && source.Contains(tag)) target.CopyFrom(source, tag);
        else target.SetEmpty(tag);
    }

    private static void SetOrEmpty(DicomDataset target, DicomTag tag, string? value)
    {
        if (string.IsNullOrEmpty(value)) target.SetEmpty(tag);
        else target.Set(tag, value);
    }

    private static void CopyOrEmptySequence(DicomDataset target, DicomDataset? source, DicomTag tag, DicomTag? targetTag = null)
    {
        var items = source?.GetSequence(tag);
        target.SetSequence(targetTag ?? tag, items is null ? [] : [.. items.Select(i => i.Clone())]);
    }
}
