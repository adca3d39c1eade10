using Hounsfield.Archive.Index;

namespace Hounsfield.Archive.Storage;

/// <summary>
/// Files in the storage area that no index row refers to (left by a crash between file commit and
/// index commit, or by a failed delete) are moved to <c>lost+found</c> beside the storage folder,
/// keeping their relative path, and logged. Only files older than a minimum age are considered:
/// a younger one may be waiting for its index row, in this process or another sharing the folder
/// (the indexed paths are read before the folder is scanned).
/// </summary>
public static partial class OrphanFiles
{
    /// <summary>The folder orphans are moved to, beside the storage folder <paramref name="storage"/>.</summary>
    public static string LostAndFound(StorageArea storage) => Path.Combine(Path.GetDirectoryName(storage.Root)!, "lost+found");

    /// <summary>Moves every orphan older than <paramref name="minimumAge"/> to <see cref="LostAndFound"/>; returns how many.</summary>
    public static async Task<int> ReconcileAsync(StorageArea storage, IArchiveIndex index, TimeSpan minimumAge, Action<string>? log = null,
        CancellationToken cancellationToken = default)
    {
        var incoming = Path.GetDirectoryName(storage.Incoming)! + Path.DirectorySeparatorChar;
        var before = DateTime.UtcNow - minimumAge;
        var indexed = new IndexedPaths();
        await foreach (var path in index.PathsAsync(cancellationToken).ConfigureAwait(false)) indexed.Add(path);
        var moved = 0;
        foreach (var file in Directory.EnumerateFiles(storage.Root, "*", SearchOption.AllDirectories))
        {
            if (file.StartsWith(incoming, StringComparison.Ordinal) || File.GetLastWriteTimeUtc(file) > before) continue;
            var relative = Path.GetRelativePath(storage.Root, file);
            if (indexed.Contains(relative)) continue;
            var target = Path.Combine(LostAndFound(storage), relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            try
            {
                File.Move(file, target, overwrite: true);
            }
            catch (IOException)
            {
                continue; // gone meanwhile (deleted by another process)
            }
            log?.Invoke($"orphan file {relative} (no index entry) moved to {target}");
            moved++;
        }
        return moved;
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
