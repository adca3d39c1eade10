using Hounsfield.Dicom;

namespace Hounsfield.Archive.Notifications;

/// <summary>
/// The N-CREATE attributes of an Instance Availability Notification (PS3.4 R.3.2, Table R.3.2-1;
/// the module is PS3.3 C.4.23): the study, every series with every instance ONLINE at our AE.
/// No other attributes: the standard forbids optional ones from the SCU.
/// </summary>
public static class InstanceAvailabilityNotification
{
    /// <summary>Builds the attribute list for <paramref name="content"/>, retrievable from <paramref name="retrieveAETitle"/>.</summary>
    public static DicomDataset Create(StudyContent content, string retrieveAETitle)
    {
        var dataset = new DicomDataset();
        // Type 2: no Performed Procedure Step is known for a study found complete by quiet time.
        dataset.SetSequence(DicomTag.ReferencedPerformedProcedureStepSequence);
        dataset.Set(DicomTag.StudyInstanceUID, content.StudyInstanceUid);
        dataset.SetSequence(DicomTag.ReferencedSeriesSequence, [.. content.Series.Select(s => new DicomDataset()
            .Set(DicomTag.SeriesInstanceUID, s.SeriesInstanceUid)
            .Set(DicomTag.ReferencedSOPSequence, new DicomSequence([.. s.Instances.Select(i => new DicomDataset()
                .Set(DicomTag.ReferencedSOPClassUID, i.SopClassUid)
                .Set(DicomTag.ReferencedSOPInstanceUID, i.SopInstanceUid)
                .Set(DicomTag.InstanceAvailability, "ONLINE")
                .Set(DicomTag.RetrieveAETitle, retrieveAETitle))])))]);
        return dataset;
    }
}
