using Hounsfield.Dicom;

namespace Hounsfield.Archive.Notifications;

/// <summary>
/// A Basic Study Content Notification (SOP class 1.2.840.10008.1.9, retired from PS3.4 Annex D
/// after 2004; the Basic Study Descriptor IOD), sent with C-STORE: the patient and study
/// identification and every series with its images, retrievable from our AE.
/// </summary>
public static class BasicStudyContentNotification
{
    /// <summary>Builds the notification for <paramref name="content"/> with a new SOP Instance UID <paramref name="sopInstanceUid"/>.</summary>
    public static DicomDataset Create(StudyContent content, string sopInstanceUid, string retrieveAETitle)
    {
        var dataset = new DicomDataset()
            .Set(DicomTag.SOPClassUID, DicomUid.BasicStudyContentNotification.Value)
            .Set(DicomTag.SOPInstanceUID, sopInstanceUid);
        foreach (var tag in new[] { DicomTag.SpecificCharacterSet, DicomTag.PatientName, DicomTag.PatientID, DicomTag.StudyID, DicomTag.AccessionNumber })
        {
            if (content.Study.Contains(tag)) dataset.CopyFrom(content.Study, tag);
            else if (tag != DicomTag.SpecificCharacterSet) dataset.SetEmpty(tag);
        }
        dataset.Set(DicomTag.StudyInstanceUID, content.StudyInstanceUid);
        dataset.SetSequence(DicomTag.ReferencedSeriesSequence, [.. content.Series.Select(s => new DicomDataset()
            .Set(DicomTag.SeriesInstanceUID, s.SeriesInstanceUid)
            .Set(DicomTag.RetrieveAETitle, retrieveAETitle)
            .Set(DicomTag.ReferencedImageSequence, new DicomSequence([.. s.Instances.Select(i => new DicomDataset()
                .Set(DicomTag.ReferencedSOPClassUID, i.SopClassUid)
                .Set(DicomTag.ReferencedSOPInstanceUID, i.SopInstanceUid))])))]);
        return dataset;
    }
}
