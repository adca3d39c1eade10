using Hounsfield.Dicom;

namespace Hounsfield.Archive.Tests.Worklist;

/// <summary>Worklist items for the tests: one scheduled procedure step each unless given more.</summary>
internal static class WorklistItems
{
    public static DicomDataset Item(string accession, string patientId, string patientName, string modality, string station, string date, string time,
        string? charset = null, string performing = "Tech^Tom", string? stepId = null)
    {
        var item = new DicomDataset();
        if (charset is not null) item.Set(DicomTag.SpecificCharacterSet, charset);
        item.Set(DicomTag.AccessionNumber, accession).Set(DicomTag.PatientID, patientId).Set(DicomTag.PatientName, patientName)
            .Set(DicomTag.PatientBirthDate, "19700101").Set(DicomTag.PatientSex, "F").Set(DicomTag.RequestedProcedureID, "RP" + accession)
            .Set(DicomTag.RequestedProcedureDescription, "Chest " + modality).Set(DicomTag.StudyInstanceUID, "1.2.9.77." + accession.Length + "." + (uint)accession.GetHashCode());
        var step = new DicomDataset();
        item.SetSequence(DicomTag.ScheduledProcedureStepSequence, step);
        step.Set(DicomTag.Modality, modality).Set(DicomTag.ScheduledStationAETitle, station).Set(DicomTag.ScheduledProcedureStepStartDate, date)
            .Set(DicomTag.ScheduledProcedureStepStartTime, time).Set(DicomTag.ScheduledPerformingPhysicianName, performing)
            .Set(DicomTag.ScheduledProcedureStepID, stepId ?? "SPS" + accession).Set(DicomTag.ScheduledProcedureStepDescription, "Step of " + accession);
        var code = new DicomDataset();
        step.SetSequence(DicomTag.ScheduledProtocolCodeSequence, code);
        code.Set(DicomTag.CodeValue, "P-" + modality).Set(DicomTag.CodingSchemeDesignator, "L").Set(DicomTag.CodeMeaning, "Protocol " + modality);
        return item;
    }

    /// <summary>A query with the SPS keys given (empty ones ask for return).</summary>
    public static DicomDataset Query(Action<DicomDataset>? top = null, Action<DicomDataset>? step = null)
    {
        var keys = new DicomDataset();
        keys.SetEmpty(DicomTag.PatientName).SetEmpty(DicomTag.PatientID).SetEmpty(DicomTag.AccessionNumber);
        top?.Invoke(keys);
        var item = new DicomDataset();
        keys.SetSequence(DicomTag.ScheduledProcedureStepSequence, item);
        item.SetEmpty(DicomTag.Modality).SetEmpty(DicomTag.ScheduledStationAETitle).SetEmpty(DicomTag.ScheduledProcedureStepStartDate)
            .SetEmpty(DicomTag.ScheduledProcedureStepStartTime).SetEmpty(DicomTag.ScheduledProcedureStepID);
        step?.Invoke(item);
        return keys;
    }
}
