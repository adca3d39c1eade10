namespace Hounsfield.Dicom.Media;

/// <summary>
/// A DICOMDIR: the Basic Directory IOD of a File-set (PS3.3 F, PS3.10 §8). Its directory records
/// form a tree linked by byte offsets from the first byte of the file; reading follows those
/// offsets, and records no offset reaches are still listed (with a warning), so no referenced file
/// is missed on damaged media.
/// </summary>
public sealed class DicomDirectory
{
    /// <summary>The Media Storage Directory Storage SOP Class UID.</summary>
    public const string SopClassUid = "1.2.840.10008.1.3.10";

    private readonly List<string> _warnings = [];

    private DicomDirectory(string path, DicomDataset dataset, List<DicomDirectoryRecord> roots, List<DicomDirectoryRecord> all)
    {
        Path = path;
        Dataset = dataset;
        RootRecords = roots;
        Records = all;
    }

    /// <summary>The DICOMDIR file.</summary>
    public string Path { get; }

    /// <summary>The folder the Referenced File IDs are relative to (the DICOMDIR's own).</summary>
    public string Folder => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;

    /// <summary>The directory's data set (File-set Identification and Directory Information modules).</summary>
    public DicomDataset Dataset { get; }

    /// <summary>File-set ID (0004,1130).</summary>
    public string FileSetId => Dataset.GetString(DicomTag.FileSetID)?.Trim() ?? "";

    /// <summary>The records of the root directory entity (usually PATIENT records), in offset order.</summary>
    public IReadOnlyList<DicomDirectoryRecord> RootRecords { get; }

    /// <summary>Every record, in the order of the Directory Record Sequence.</summary>
    public IReadOnlyList<DicomDirectoryRecord> Records { get; }

    /// <summary>What was wrong in the directory's structure (dangling or looping offsets, unreached records).</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Reads the DICOMDIR at <paramref name="path"/>.</summary>
    /// <exception cref="DicomFormatException">The file is not a DICOM file or has no Directory Record Sequence.</exception>
    public static DicomDirectory Open(string path)
    {
        var file = DicomFile.Open(path);
        var sequence = file.Dataset.GetSequence(DicomTag.DirectoryRecordSequence)
            ?? throw new DicomFormatException($"{path} has no Directory Record Sequence (0004,1220): not a DICOMDIR");
        var records = sequence.Select(item => new DicomDirectoryRecord(item)).ToList();
        var roots = new List<DicomDirectoryRecord>();
        var directory = new DicomDirectory(path, file.Dataset, roots, records);
        new RecordLinker(directory._warnings, records).Link(file.Dataset, roots);
        return directory;
    }

    /// <summary>The path of the file named DICOMDIR (in any letter case) directly in <paramref name="folder"/>, or null.</summary>
    public static string? Find(string folder) =>
        Directory.EnumerateFiles(folder).FirstOrDefault(f => string.Equals(System.IO.Path.GetFileName(f), "DICOMDIR", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The files the in-use records reference, as paths, in tree order. A File ID is resolved
    /// component by component, ignoring letter case when the exact name is absent (media written on
    /// case-insensitive systems); files that cannot be found are reported in <paramref name="missing"/>.
    /// </summary>
    public IReadOnlyList<string> ReferencedFiles(List<string>? missing = null)
    {
        var paths = new List<string>();
        foreach (var record in Walk(RootRecords).Concat(Records).Distinct())
        {
            if (!record.InUse || record.ReferencedFileId is not { } id) continue;
            if (Resolve(id) is { } path) paths.Add(path);
            else missing?.Add(string.Join('\\', id));
        }
        return paths.Distinct(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<DicomDirectoryRecord> Walk(IEnumerable<DicomDirectoryRecord> records)
    {
        foreach (var record in records)
        {
            yield return record;
            foreach (var below in Walk(record.Children)) yield return below;
        }
    }

    private string? Resolve(IReadOnlyList<string> fileId)
    {
        var current = Folder;
        for (var i = 0; i < fileId.Count; i++)
        {
            var exact = System.IO.Path.Combine(current, fileId[i]);
            var last = i == fileId.Count - 1;
            if (last ? File.Exists(exact) : Directory.Exists(exact))
            {
                current = exact;
                continue;
            }
            if (!Directory.Exists(current)) return null;
            var entries = last ? Directory.EnumerateFiles(current) : Directory.EnumerateDirectories(current);
            var match = entries.FirstOrDefault(e => string.Equals(System.IO.Path.GetFileName(e), fileId[i], StringComparison.OrdinalIgnoreCase));
            if (match is null) return null;
            current = match;
        }
        return current;
    }
}
