using Hounsfield.Dicom;

namespace Hounsfield.Cli.Commands;

/// <summary>
/// The Modality Worklist C-FIND identifier MedDream SendToPACS sends (its Table 18, every attribute requested):
/// the default of <c>hounsfield worklist find</c>, to which the matching keys are added.
/// </summary>
internal static class WorklistIdentifier
{
    private static readonly DicomTag[] Code = [DicomTag.CodeValue, DicomTag.CodingSchemeDesignator, DicomTag.CodingSchemeVersion, DicomTag.CodeMeaning];
    private static readonly DicomTag[] Reference = [DicomTag.ReferencedSOPClassUID, DicomTag.ReferencedSOPInstanceUID];

    public static DicomDataset Create()
    {
        var keys = new DicomDataset();
        Empty(keys, DicomTag.AccessionNumber, DicomTag.ReferringPhysicianName, DicomTag.PatientName, DicomTag.PatientID, DicomTag.IssuerOfPatientID,
            DicomTag.PatientBirthDate, DicomTag.PatientSex, DicomTag.PatientWeight, DicomTag.MedicalAlerts, DicomTag.Allergies,
            DicomTag.AdditionalPatientHistory, DicomTag.PregnancyStatus, DicomTag.StudyInstanceUID, DicomTag.RequestingPhysician,
            DicomTag.RequestingService, DicomTag.RequestedProcedureDescription, DicomTag.AdmissionID, DicomTag.SpecialNeeds,
            DicomTag.CurrentPatientLocation, DicomTag.PatientState, DicomTag.RequestedProcedureID, DicomTag.RequestedProcedurePriority,
            DicomTag.PatientTransportArrangements, DicomTag.PlacerOrderNumberImagingServiceRequest, DicomTag.FillerOrderNumberImagingServiceRequest,
            DicomTag.ConfidentialityConstraintOnPatientDataDescription);
        Item(keys, DicomTag.ReferencedStudySequence, Reference);
        Item(keys, DicomTag.ReferencedPatientSequence, Reference);
        Item(keys, DicomTag.RequestedProcedureCodeSequence, Code);
        var step = Item(keys, DicomTag.ScheduledProcedureStepSequence, DicomTag.Modality, DicomTag.RequestedContrastAgent, DicomTag.ScheduledStationAETitle,
            DicomTag.ScheduledProcedureStepStartDate, DicomTag.ScheduledProcedureStepStartTime, DicomTag.ScheduledPerformingPhysicianName,
            DicomTag.ScheduledProcedureStepDescription, DicomTag.ScheduledProcedureStepID, DicomTag.ScheduledStationName,
            DicomTag.ScheduledProcedureStepLocation, DicomTag.PreMedication, DicomTag.ScheduledProcedureStepStatus);
        Item(step, DicomTag.ScheduledProtocolCodeSequence, Code);
        return keys;
    }

    /// <summary>The first Scheduled Procedure Step Sequence item of <paramref name="keys"/> (made when absent).</summary>
    public static DicomDataset Step(DicomDataset keys) =>
        keys.GetSequence(DicomTag.ScheduledProcedureStepSequence) is { Count: > 0 } steps ? steps[0] : Item(keys, DicomTag.ScheduledProcedureStepSequence);

    private static DicomDataset Item(DicomDataset parent, DicomTag sequence, params DicomTag[] tags)
    {
        var item = new DicomDataset();
        parent.SetSequence(sequence, item);
        Empty(item, tags);
        return item;
    }

    private static void Empty(DicomDataset dataset, params DicomTag[] tags)
    {
        foreach (var tag in tags) dataset.SetEmpty(tag);
    }
}
