using Hounsfield.Archive.Index;
using Hounsfield.Archive.Query;
using Hounsfield.Dicom;

namespace Hounsfield.Archive.Notifications;

/// <summary>What the index holds of one study: its study-level attributes and its instances by series.</summary>
/// <param name="Study">Study-level attributes (Patient's Name and ID, Study ID, Accession Number, Study Instance UID).</param>
/// <param name="Series">Each series UID with its instances (SOP Class UID, SOP Instance UID).</param>
public sealed record StudyContent(DicomDataset Study, IReadOnlyList<(string SeriesInstanceUid, IReadOnlyList<(string SopClassUid, string SopInstanceUid)> Instances)> Series)
{
    /// <summary>Reads the study from the index with two Study Root queries; null when it holds no instance.</summary>
    public static async Task<StudyContent?> LoadAsync(IArchiveIndex index, string studyInstanceUid, CancellationToken cancellationToken)
    {
        var studyKeys = new DicomDataset()
            .Set(DicomTag.QueryRetrieveLevel, "STUDY").Set(DicomTag.StudyInstanceUID, studyInstanceUid)
            .SetEmpty(DicomTag.PatientName).SetEmpty(DicomTag.PatientID).SetEmpty(DicomTag.StudyID).SetEmpty(DicomTag.AccessionNumber);
        DicomDataset? study = null;
        await foreach (var match in index.FindAsync(DicomQuery.Parse(QueryModel.StudyRoot, studyKeys), new QueryOptions(), cancellationToken).ConfigureAwait(false))
            study ??= match;
        if (study is null) return null;
        var imageKeys = new DicomDataset()
            .Set(DicomTag.QueryRetrieveLevel, "IMAGE").Set(DicomTag.StudyInstanceUID, studyInstanceUid)
            .SetEmpty(DicomTag.SeriesInstanceUID).SetEmpty(DicomTag.SOPClassUID).SetEmpty(DicomTag.SOPInstanceUID);
        var series = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        await foreach (var match in index.FindAsync(DicomQuery.Parse(QueryModel.StudyRoot, imageKeys), new QueryOptions(), cancellationToken).ConfigureAwait(false))
        {
            var seriesUid = match.GetString(DicomTag.SeriesInstanceUID) ?? "";
            if (!series.TryGetValue(seriesUid, out var list)) series[seriesUid] = list = [];
            list.Add((match.GetString(DicomTag.SOPClassUID) ?? "", match.GetString(DicomTag.SOPInstanceUID) ?? ""));
        }
        if (series.Count == 0) return null;
        return new StudyContent(study, series.Select(s => (s.Key, (IReadOnlyList<(string, string)>)s.Value)).ToList());
    }

    /// <summary>The Study Instance UID.</summary>
    public string StudyInstanceUid => Study.GetString(DicomTag.StudyInstanceUID) ?? "";

    /// <summary>Instances in the study.</summary>
    public int InstanceCount => Series.Sum(s => s.Instances.Count);
}
