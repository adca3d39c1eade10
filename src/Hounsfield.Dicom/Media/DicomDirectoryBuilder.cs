using System.Text.RegularExpressions;

namespace Hounsfield.Dicom.Media;

/// <summary>
/// Makes the DICOMDIR of a File-set (PS3.10 §8, PS3.3 F): one PATIENT / STUDY / SERIES record per
/// patient, study and series found, and one record per file of the type its SOP class calls for,
/// with the keys of the General Purpose profiles (PS3.11 STD-GEN-*). Files whose path is not a valid
/// File ID (at most 8 components of 1–8 characters A–Z, 0–9 and _) cannot be referenced and are
/// reported in <see cref="Skipped"/>, as are files that are not DICOM.
/// </summary>
public sealed partial class DicomDirectoryBuilder(string folder, string fileSetId = "")
{
    private readonly string _root = Path.GetFullPath(folder);
    private readonly DirectoryNode _root0 = new(new DicomDataset());
    private readonly List<string> _skipped = [];
    private readonly HashSet<string> _instances = new(StringComparer.Ordinal);
    private readonly List<string> _invented = [];

    /// <summary>Files left out, each as "path: reason".</summary>
    public IReadOnlyList<string> Skipped => _skipped;

    /// <summary>Type 1 record keys the instances lacked and the values put in their place, one line each.</summary>
    public IReadOnlyList<string> Invented => _invented;

    /// <summary>Number of files referenced so far.</summary>
    public int FileCount => _instances.Count;

    /// <summary>Adds every file below the folder except DICOMDIR itself, in name order.</summary>
    public DicomDirectoryBuilder AddFolder()
    {
        foreach (var path in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            if (!string.Equals(Path.GetFileName(path), "DICOMDIR", StringComparison.OrdinalIgnoreCase)) Add(path);
        return this;
    }

    /// <summary>Adds one file of the File-set; false (and a line in <see cref="Skipped"/>) when it cannot be referenced.</summary>
    public bool Add(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(_root, full);
        var fileId = relative.Split(Path.DirectorySeparatorChar);
        if (relative.StartsWith("..", StringComparison.Ordinal) || fileId.Length > 8 || !fileId.All(c => FileIdComponent().IsMatch(c)))
            return Skip(full, "not a valid File ID (at most 8 folder levels of 1-8 characters A-Z, 0-9, _)");
        DicomFile file;
        try
        {
            file = DicomFile.Open(full, new DicomReadOptions { StopAtTag = DicomTag.PixelData });
        }
        catch (Exception e) when (e is DicomFormatException or IOException)
        {
            return Skip(full, $"not a DICOM file ({e.Message})");
        }
        var ds = file.Dataset;
        var sopInstance = ds.GetString(DicomTag.SOPInstanceUID) ?? file.FileMetaInformation.GetString(DicomTag.MediaStorageSOPInstanceUID);
        var sopClass = ds.GetString(DicomTag.SOPClassUID) ?? file.FileMetaInformation.GetString(DicomTag.MediaStorageSOPClassUID);
        if (sopInstance is null || sopClass is null || ds.GetString(DicomTag.StudyInstanceUID) is null || ds.GetString(DicomTag.SeriesInstanceUID) is null)
            return Skip(full, "SOP Class, SOP Instance, Study or Series Instance UID missing");
        if (!_instances.Add(sopInstance)) return Skip(full, $"SOP Instance UID {sopInstance} is already in the File-set");
        Place(ds, DirectoryRecords.ForInstance(ds, sopClass, sopInstance, file.TransferSyntax.Uid.Value, fileId));
        return true;
    }

    /// <summary>Writes the DICOMDIR into the folder (or to <paramref name="path"/>) and returns where.</summary>
    public string Save(string? path = null)
    {
        path ??= Path.Combine(_root, "DICOMDIR");
        var file = DicomDirectoryFile.Create(fileSetId, _root0.Children);
        file.Save(path, DicomTransferSyntax.ExplicitVRLittleEndian);
        return path;
    }

    private bool Skip(string path, string reason)
    {
        _skipped.Add($"{path}: {reason}");
        return false;
    }

    private void Place(DicomDataset ds, DicomDataset instanceRecord)
    {
        var patientKey = (ds.GetString(DicomTag.PatientID) ?? "") + "\0" + (ds.GetString(DicomTag.PatientName) ?? "");
        var patient = _root0.Child(patientKey, () => DirectoryRecords.Patient(ds, _invented));
        var study = patient.Child(ds.GetString(DicomTag.StudyInstanceUID)!, () => DirectoryRecords.Study(ds, _invented));
        var series = study.Child(ds.GetString(DicomTag.SeriesInstanceUID)!, () => DirectoryRecords.Series(ds, _invented));
        series.Children.Add(new DirectoryNode(instanceRecord));
    }

    [GeneratedRegex("^[A-Z0-9_]{1,8}$")]
    private static partial Regex FileIdComponent();
}
