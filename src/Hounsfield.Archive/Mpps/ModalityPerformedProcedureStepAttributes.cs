using Hounsfield.Dicom;

namespace Hounsfield.Archive.Mpps;

/// <summary>
/// The SCP requirements of PS3.4 Table F.7.2-1 that decide an N-CREATE or N-SET: the Type 1
/// attributes an N-CREATE must carry with a value (nested ones inside their sequences), and the
/// attributes an N-SET may carry (every other one is "Not allowed").
/// </summary>
public static class ModalityPerformedProcedureStepAttributes
{
    /// <summary>Top-level N-CREATE attributes of requirement type 1 for the SCP.</summary>
    public static IReadOnlyList<DicomTag> RequiredOnCreate { get; } =
    [
        DicomTag.Modality,
        DicomTag.PerformedStationAETitle,
        DicomTag.PerformedProcedureStepStartDate,
        DicomTag.PerformedProcedureStepStartTime,
        DicomTag.PerformedProcedureStepStatus,
        DicomTag.PerformedProcedureStepID,
        DicomTag.ScheduledStepAttributesSequence,
    ];

    /// <summary>Attributes an N-SET may modify (Table F.7.2-1, N-SET column not "Not allowed").</summary>
    public static IReadOnlySet<DicomTag> AllowedInSet { get; } = new HashSet<DicomTag>
    {
        DicomTag.SpecificCharacterSet,
        DicomTag.PerformedProcedureStepStatus,
        DicomTag.PerformedProcedureStepDescription,
        DicomTag.PerformedProcedureTypeDescription,
        DicomTag.ProcedureCodeSequence,
        DicomTag.PerformedProcedureStepEndDate,
        DicomTag.PerformedProcedureStepEndTime,
        DicomTag.CommentsOnThePerformedProcedureStep,
        DicomTag.PerformedProcedureStepDiscontinuationReasonCodeSequence,
        DicomTag.PerformedProtocolCodeSequence,
        DicomTag.PerformedSeriesSequence,
        // Radiation Dose
        DicomTag.AnatomicStructureSpaceOrRegionSequence,
        DicomTag.TotalTimeOfFluoroscopy,
        DicomTag.TotalNumberOfExposures,
        DicomTag.DistanceSourceToDetector,
        DicomTag.DistanceSourceToEntrance,
        DicomTag.EntranceDose,
        DicomTag.EntranceDoseInmGy,
        DicomTag.ExposedArea,
        DicomTag.ImageAndFluoroscopyAreaDoseProduct,
        DicomTag.CommentsOnRadiationDose,
        DicomTag.ExposureDoseSequence,
        // Billing and Material Management
        DicomTag.BillingProcedureStepSequence,
        DicomTag.FilmConsumptionSequence,
        DicomTag.BillingSuppliesAndDevicesSequence,
    };

    /// <summary>
    /// The Type 1 attributes of <paramref name="attributes"/> that are absent (<c>Missing</c>, 0120H)
    /// or present without a value (<c>Empty</c>, 0121H), nested ones included: Study Instance UID in
    /// each Scheduled Step Attributes item, Protocol Name and Series Instance UID in each Performed
    /// Series item, the referenced UIDs in their image and non-image items.
    /// </summary>
    public static (List<DicomTag> Missing, List<DicomTag> Empty) CheckType1(DicomDataset attributes, bool create)
    {
        var missing = new List<DicomTag>();
        var empty = new List<DicomTag>();
        if (create) Check(attributes, RequiredOnCreate, missing, empty);
        foreach (var item in Items(attributes, DicomTag.ScheduledStepAttributesSequence))
            Check(item, [DicomTag.StudyInstanceUID], missing, empty);
        foreach (var series in Items(attributes, DicomTag.PerformedSeriesSequence))
        {
            Check(series, [DicomTag.ProtocolName, DicomTag.SeriesInstanceUID], missing, empty);
            foreach (var reference in Items(series, DicomTag.ReferencedImageSequence).Concat(Items(series, DicomTag.ReferencedNonImageCompositeSOPInstanceSequence)))
                Check(reference, [DicomTag.ReferencedSOPClassUID, DicomTag.ReferencedSOPInstanceUID], missing, empty);
        }
        return (missing, empty);
    }

    private static IEnumerable<DicomDataset> Items(DicomDataset dataset, DicomTag sequence) =>
        dataset.GetSequence(sequence) ?? Enumerable.Empty<DicomDataset>();

    private static void Check(DicomDataset dataset, IEnumerable<DicomTag> tags, List<DicomTag> missing, List<DicomTag> empty)
    {
        foreach (var tag in tags)
        {
            if (!dataset.Contains(tag)) Add(missing, tag);
            else if (dataset.GetSequence(tag) is { } sequence ? sequence.Count == 0 : string.IsNullOrEmpty(dataset.GetString(tag))) Add(empty, tag);
        }
    }

    private static void Add(List<DicomTag> list, DicomTag tag)
    {
        if (!list.Contains(tag)) list.Add(tag);
    }
}
