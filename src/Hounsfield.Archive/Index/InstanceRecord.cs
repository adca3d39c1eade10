using Hounsfield.Dicom;

namespace Hounsfield.Archive.Index;

/// <summary>The attributes the index keeps for one stored instance, at each level of the patient/study/series/instance hierarchy.</summary>
public sealed record InstanceRecord
{
    /// <summary>Patient ID (0010,0020).</summary>
    public string PatientId { get; init; } = "";
    /// <summary>Issuer of Patient ID (0010,0021).</summary>
    public string IssuerOfPatientId { get; init; } = "";
    /// <summary>Patient's Name (0010,0010), as text.</summary>
    public string PatientName { get; init; } = "";
    /// <summary>Patient's Birth Date (0010,0030).</summary>
    public string PatientBirthDate { get; init; } = "";
    /// <summary>Patient's Sex (0010,0040).</summary>
    public string PatientSex { get; init; } = "";
    /// <summary>Study Instance UID (0020,000D).</summary>
    public required string StudyInstanceUid { get; init; }
    /// <summary>Study Date (0008,0020).</summary>
    public string StudyDate { get; init; } = "";
    /// <summary>Study Time (0008,0030).</summary>
    public string StudyTime { get; init; } = "";
    /// <summary>Accession Number (0008,0050).</summary>
    public string AccessionNumber { get; init; } = "";
    /// <summary>Study ID (0020,0010).</summary>
    public string StudyId { get; init; } = "";
    /// <summary>Study Description (0008,1030).</summary>
    public string StudyDescription { get; init; } = "";
    /// <summary>Referring Physician's Name (0008,0090).</summary>
    public string ReferringPhysicianName { get; init; } = "";
    /// <summary>Series Instance UID (0020,000E).</summary>
    public required string SeriesInstanceUid { get; init; }
    /// <summary>Modality (0008,0060).</summary>
    public string Modality { get; init; } = "";
    /// <summary>Series Number (0020,0011).</summary>
    public string SeriesNumber { get; init; } = "";
    /// <summary>Series Description (0008,103E).</summary>
    public string SeriesDescription { get; init; } = "";
    /// <summary>SOP Instance UID (0008,0018).</summary>
    public required string SopInstanceUid { get; init; }
    /// <summary>SOP Class UID (0008,0016).</summary>
    public required string SopClassUid { get; init; }
    /// <summary>Instance Number (0020,0013).</summary>
    public string InstanceNumber { get; init; } = "";
    /// <summary>Transfer syntax the file is stored in.</summary>
    public required string TransferSyntaxUid { get; init; }
    /// <summary>File path relative to the storage area.</summary>
    public required string Path { get; init; }
    /// <summary>File size in bytes.</summary>
    public long Size { get; init; }
    /// <summary>The AE title that sent the instance.</summary>
    public string SourceAETitle { get; init; } = "";

    /// <summary>Patient-level attributes as Explicit VR Little Endian (see <see cref="Query.LevelAttributes"/>).</summary>
    public byte[] PatientAttributes { get; init; } = [];
    /// <summary>Study-level attributes.</summary>
    public byte[] StudyAttributes { get; init; } = [];
    /// <summary>Series-level attributes.</summary>
    public byte[] SeriesAttributes { get; init; } = [];
    /// <summary>Instance-level attributes (every non-bulk attribute).</summary>
    public byte[] InstanceAttributes { get; init; } = [];

    /// <summary>The attributes an instance cannot be stored or indexed without (C000H when a received one lacks one).</summary>
    public static IReadOnlyList<DicomTag> RequiredAttributes { get; } =
        [DicomTag.SOPClassUID, DicomTag.SOPInstanceUID, DicomTag.StudyInstanceUID, DicomTag.SeriesInstanceUID];

    /// <summary>Extracts the record of <paramref name="file"/> stored at <paramref name="path"/>.</summary>
    public static InstanceRecord From(DicomFile file, string path, long size, string sourceAETitle)
    {
        var ds = file.Dataset;
        string S(DicomTag tag) => ds.GetString(tag) ?? "";
        return new InstanceRecord
        {
            PatientId = S(DicomTag.PatientID),
            IssuerOfPatientId = S(DicomTag.IssuerOfPatientID),
            PatientName = S(DicomTag.PatientName),
            PatientBirthDate = S(DicomTag.PatientBirthDate),
            PatientSex = S(DicomTag.PatientSex),
            StudyInstanceUid = S(DicomTag.StudyInstanceUID),
            StudyDate = S(DicomTag.StudyDate),
            StudyTime = S(DicomTag.StudyTime),
            AccessionNumber = S(DicomTag.AccessionNumber),
            StudyId = S(DicomTag.StudyID),
            StudyDescription = S(DicomTag.StudyDescription),
            ReferringPhysicianName = S(DicomTag.ReferringPhysicianName),
            SeriesInstanceUid = S(DicomTag.SeriesInstanceUID),
            Modality = S(DicomTag.Modality),
            SeriesNumber = S(DicomTag.SeriesNumber),
            SeriesDescription = S(DicomTag.SeriesDescription),
            SopInstanceUid = S(DicomTag.SOPInstanceUID),
            SopClassUid = S(DicomTag.SOPClassUID),
            InstanceNumber = S(DicomTag.InstanceNumber),
            TransferSyntaxUid = file.TransferSyntax.Uid.Value,
            Path = path,
            Size = size,
            SourceAETitle = sourceAETitle,
            PatientAttributes = Query.LevelAttributes.Extract(ds, Query.QueryLevel.Patient),
            StudyAttributes = Query.LevelAttributes.Extract(ds, Query.QueryLevel.Study),
            SeriesAttributes = Query.LevelAttributes.Extract(ds, Query.QueryLevel.Series),
            InstanceAttributes = Query.LevelAttributes.Extract(ds, Query.QueryLevel.Image),
        };
    }
}
