using Hounsfield.Archive.Index;
using Hounsfield.Dicom;

namespace Hounsfield.Archive.Storage;

/// <summary>
/// Files in the storage area that no index row refers to. A file is only ever renamed into the store
/// complete and flushed (<see cref="StorageArea.Commit"/>), so such a file is an instance whose index
/// row was never committed or was lost (an operating-system crash after an unflushed SQLite commit,
/// see <see cref="SqlArchiveIndex"/>): it is indexed again. Files that do not parse as DICOM, and
/// copies of an instance the index already has in another file that exists (left by a failed delete
/// or a replaced duplicate), are moved to <c>lost+found</c> beside the storage folder, keeping their
/// relative path. Only files written before a cut-off are considered, and none this process committed
/// while commits are tracked (<see cref="StorageArea.TrackCommits"/>): such a file may be waiting for
/// its index row, in this process or another sharing the folder (the indexed paths are read before
/// the folder is scanned). Everything done is logged.
/// </summary>
public static partial class OrphanFiles
{
    /// <summary>The folder orphans are moved to, beside the storage folder <paramref name="storage"/>.</summary>
    public static string LostAndFound(StorageArea storage) => Path.Combine(Path.GetDirectoryName(storage.Root)!, "lost+found");

    /// <summary>
    /// Indexes again, or moves to <see cref="LostAndFound"/>, every orphan last written before
    /// <paramref name="writtenBefore"/> (UTC); returns how many were indexed and how many moved.
    /// </summary>
    public static async Task<(int Indexed, int Moved)> ReconcileAsync(StorageArea storage, IArchiveIndex index, DateTime writtenBefore,
        Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var incoming = Path.GetDirectoryName(storage.Incoming)! + Path.DirectorySeparatorChar;
        var indexed = new IndexedPaths();
        await foreach (var path in index.PathsAsync(cancellationToken).ConfigureAwait(false)) indexed.Add(path);
        var (recovered, moved) = (0, 0);
        foreach (var file in Directory.EnumerateFiles(storage.Root, "*", SearchOption.AllDirectories))
        {
            if (file.StartsWith(incoming, StringComparison.Ordinal) || File.GetLastWriteTimeUtc(file) >= writtenBefore) continue;
            var relative = Path.GetRelativePath(storage.Root, file);
            if (indexed.Contains(relative) || storage.CommittedWhileTracking(relative)) continue;
            if (await TryIndexAsync(storage, index, file, relative, cancellationToken).ConfigureAwait(false) is not { } why)
            {
                log?.Invoke($"orphan file {relative} (no index entry) indexed again");
                recovered++;
            }
            else if (MoveToLostAndFound(storage, file, relative) is { } target)
            {
                log?.Invoke($"orphan file {relative} (no index entry, {why}) moved to {target}");
                moved++;
            }
        }
        return (recovered, moved);
    }

    // Null when indexed; otherwise why not.
    private static async Task<string?> TryIndexAsync(StorageArea storage, IArchiveIndex index, string file, string relative, CancellationToken cancellationToken)
    {
        InstanceRecord record;
        try
        {
            var dicom = DicomFile.Open(file);
            foreach (var tag in InstanceRecord.RequiredAttributes)
            {
                if (string.IsNullOrEmpty(dicom.Dataset.GetString(tag))) return $"{tag.Keyword} missing";
            }
            var source = dicom.FileMetaInformation.GetString(DicomTag.SourceApplicationEntityTitle) ?? "";
            record = InstanceRecord.From(dicom, relative, new FileInfo(file).Length, source);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            // Whatever a damaged file makes the reader throw, it is not an instance to index.
            return $"not a readable DICOM file: {e.Message}";
        }
        if ((await index.StoreAsync(record, DuplicatePolicy.KeepFirst, cancellationToken).ConfigureAwait(false)).Kind == IndexOutcomeKind.Stored) return null;
        // Indexed with another file: that copy stays, unless its file is gone (a replacement whose index commit was lost).
        if (await index.FindInstanceAsync(record.SopInstanceUid, cancellationToken).ConfigureAwait(false) is { } other && File.Exists(storage.PathOf(other.Path)))
            return $"instance indexed with {other.Path}";
        var outcome = await index.StoreAsync(record, DuplicatePolicy.Replace, cancellationToken).ConfigureAwait(false);
        return outcome.Kind is IndexOutcomeKind.Stored or IndexOutcomeKind.Replaced ? null : "not indexed";
    }

    private static string? MoveToLostAndFound(StorageArea storage, string file, string relative)
    {
        var target = Path.Combine(LostAndFound(storage), relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            File.Move(file, target, overwrite: true);
            return target;
        }
        catch (IOException)
        {
            return null; // gone meanwhile (deleted by another process)
        }
    }

    // The indexed paths, compactly: generated file names are GUIDs (see StorageArea.Commit), kept as
    // 16 bytes each; any other path as text.
    private sealed partial class IndexedPaths
    {
        private readonly HashSet<Guid> _generated = [];
        private readonly HashSet<string> _other = new(StringComparer.Ordinal);

        public void Add(string path)
        {
            if (Generated(path) is { } id) _generated.Add(id);
            else _other.Add(Normalize(path));
        }

        public bool Contains(string path) => Generated(path) is { } id ? _generated.Contains(id) : _other.Contains(Normalize(path));

        private static string Normalize(string path) => path.Replace('\\', '/');

        // The name's GUID for a path StorageArea.Commit made: "yyyy/MM/dd/HH/<guid>.dcm", or
        // "ab/cd/abcd….dcm" (folders from the name's first hex digits) in archives written before.
        private static Guid? Generated(string path)
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (!Guid.TryParseExact(name, "N", out var id)) return null;
            var normalized = Normalize(path);
            return normalized == $"{name[..2]}/{name[2..4]}/{name}.dcm" || HourFolder().IsMatch(normalized) ? id : null;
        }

        [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}/\d{2}/\d{2}/\d{2}/[0-9a-f]{32}\.dcm$")]
        private static partial System.Text.RegularExpressions.Regex HourFolder();
    }
}
