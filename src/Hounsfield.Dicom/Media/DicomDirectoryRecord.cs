namespace Hounsfield.Dicom.Media;

/// <summary>
/// One directory record of a DICOMDIR (PS3.3 F.3.2.2): its type (PATIENT, STUDY, SERIES, IMAGE,
/// SR DOCUMENT, …), its keys, the file it references if any, and the records of the lower-level
/// directory entity it points at.
/// </summary>
public sealed class DicomDirectoryRecord
{
    private readonly List<DicomDirectoryRecord> _children = [];

    internal DicomDirectoryRecord(DicomDataset dataset) => Dataset = dataset;

    /// <summary>The record's item of the Directory Record Sequence.</summary>
    public DicomDataset Dataset { get; }

    /// <summary>Directory Record Type (0004,1430), e.g. "PATIENT" or "IMAGE".</summary>
    public string RecordType => Dataset.GetString(DicomTag.DirectoryRecordType)?.Trim() ?? "";

    /// <summary>Referenced File ID (0004,1500): the path components of the file below the DICOMDIR's folder; null for records that reference no file.</summary>
    public IReadOnlyList<string>? ReferencedFileId =>
        Dataset.GetStrings(DicomTag.ReferencedFileID) is { Length: > 0 } parts ? parts.Select(p => p.Trim()).ToArray() : null;

    /// <summary>Referenced SOP Instance UID in File (0004,1511).</summary>
    public string? ReferencedSopInstanceUid => Dataset.GetString(DicomTag.ReferencedSOPInstanceUIDInFile);

    /// <summary>False for a record marked inactive by the retired Record In-use Flag (0004,1410) = 0000H.</summary>
    public bool InUse => Dataset.GetValueOrDefault<ushort>(DicomTag.RecordInUseFlag, 0, 0xFFFF) != 0;

    /// <summary>The records of the lower-level directory entity (e.g. the studies of a patient).</summary>
    public IReadOnlyList<DicomDirectoryRecord> Children => _children;

    internal void Add(DicomDirectoryRecord child) => _children.Add(child);

    /// <inheritdoc/>
    public override string ToString() => ReferencedFileId is { } id ? $"{RecordType} {string.Join('/', id)}" : RecordType;
}
