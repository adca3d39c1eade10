using System.Runtime.InteropServices;

namespace Hounsfield.Archive.Storage;

/// <summary>
/// The folder the archive keeps instance files in. File names are generated (never derived from
/// received UIDs, so nothing a peer sends can escape the folder) and filed by the hour they arrived
/// (<c>yyyy/MM/dd/HH/&lt;guid&gt;.dcm</c>): a folder is made once an hour, not per instance, and
/// instances stored together share one. Files are made durable before the index refers to them:
/// file flushed to disk, renamed into place, folder entry flushed.
/// </summary>
public sealed class StorageArea
{
    // The folder files were last committed to, known to exist.
    private volatile string? _folder;
    // The files committed while the orphan check runs (see TrackCommits).
    private readonly object _trackingGate = new();
    private HashSet<string>? _tracked;

    /// <summary>Uses <paramref name="root"/> (created when missing).</summary>
    public StorageArea(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
        var incoming = Path.Combine(Root, "incoming");
        SharedWithRunningProcesses = RemoveAbandonedIncoming(incoming);
        Incoming = Path.Combine(incoming, IncomingName(Environment.MachineName, Environment.ProcessId));
        Directory.CreateDirectory(Incoming);
    }

    /// <summary>The storage folder.</summary>
    public string Root { get; }

    /// <summary>Whether another server sharing the folder (running on this host, or active in the last day on another) had its incoming folder here when this one opened it.</summary>
    public bool SharedWithRunningProcesses { get; }

    /// <summary>
    /// Where this process streams received data sets before they are committed: on the same file
    /// system as the store so that committing is a rename, and one folder per process
    /// (<c>incoming/&lt;host&gt;-&lt;pid&gt;</c>) so that several servers, on this machine or others,
    /// can share the volume.
    /// </summary>
    public string Incoming { get; }

    /// <summary>
    /// Moves <paramref name="temporaryPath"/> into the store durably and returns its path relative to
    /// <see cref="Root"/>. The file is flushed to disk before the rename and the folder after it.
    /// </summary>
    public string Commit(string temporaryPath)
    {
        FlushFile(temporaryPath);
        var hour = DateTime.UtcNow.ToString("yyyy/MM/dd/HH", System.Globalization.CultureInfo.InvariantCulture);
        var relative = Path.Combine(hour, Guid.NewGuid().ToString("N") + ".dcm");
        var folder = EnsureFolder(Path.Combine(Root, hour));
        lock (_trackingGate) _tracked?.Add(relative);
        try
        {
            File.Move(temporaryPath, Path.Combine(Root, relative));
        }
        catch (DirectoryNotFoundException)
        {
            // Removed since it was made (an emptied folder cleaned up): make it again.
            _folder = null;
            File.Move(temporaryPath, Path.Combine(EnsureFolder(folder), Path.GetFileName(relative)));
        }
        Fsync(folder, throwOnError: true);
        return relative;
    }

    /// <summary>
    /// Remembers the files <see cref="Commit"/> makes from now until the result is disposed, so that a
    /// check for unindexed files running meanwhile can tell this process's own (whose index rows may
    /// not be written yet) from those left by an earlier one (<see cref="CommittedWhileTracking"/>).
    /// </summary>
    public IDisposable TrackCommits()
    {
        lock (_trackingGate) _tracked = new HashSet<string>(StringComparer.Ordinal);
        return new StopTracking(this);
    }

    /// <summary>Whether <see cref="Commit"/> made <paramref name="relativePath"/> while commits are tracked.</summary>
    public bool CommittedWhileTracking(string relativePath)
    {
        lock (_trackingGate) return _tracked?.Contains(relativePath) == true;
    }

    private sealed class StopTracking(StorageArea storage) : IDisposable
    {
        public void Dispose()
        {
            lock (storage._trackingGate) storage._tracked = null;
        }
    }

    /// <summary>
    /// Makes <paramref name="folder"/> when it is not the one made last, flushing the entry of each
    /// new level in its parent: a file's entry is durable only when the folders above it are too.
    /// </summary>
    private string EnsureFolder(string folder)
    {
        if (_folder == folder) return folder;
        var created = new List<string>();
        for (var f = folder; f.Length > Root.Length && !Directory.Exists(f); f = Path.GetDirectoryName(f)!) created.Add(f);
        Directory.CreateDirectory(folder);
        foreach (var level in created) Fsync(Path.GetDirectoryName(level)!, throwOnError: false);
        _folder = folder;
        return folder;
    }

    /// <summary>The absolute path of a stored file.</summary>
    public string PathOf(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relativePath));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"'{relativePath}' is outside the storage area");
        return full;
    }

    /// <summary>Deletes a stored file (e.g. one replaced by a duplicate).</summary>
    public void Delete(string relativePath) => File.Delete(PathOf(relativePath));

    /// <summary>Free bytes on the storage volume.</summary>
    public long AvailableFreeSpace => new DriveInfo(Root).AvailableFreeSpace;

    /// <summary>Size in bytes of the storage volume.</summary>
    public long TotalSpace => new DriveInfo(Root).TotalSize;

    // The name of a process's incoming folder.
    internal static string IncomingName(string host, int pid) => $"{host}-{pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    // Files in the incoming folder of a process that no longer runs were never acknowledged. A
    // process on another host cannot be asked: its folder is removed only once nothing was written
    // to it for a day. Folders named by a bare process ID come from archives written before the host
    // was part of the name. True when a folder of a (possibly) running process remains.
    private static bool RemoveAbandonedIncoming(string incoming)
    {
        if (!Directory.Exists(incoming)) return false;
        var shared = false;
        foreach (var folder in Directory.EnumerateDirectories(incoming))
        {
            if (MayBeInUse(Path.GetFileName(folder), Directory.GetLastWriteTimeUtc(folder)))
            {
                shared = true;
                continue;
            }
            Directory.Delete(folder, recursive: true);
        }
        return shared;
    }

    private static bool MayBeInUse(string name, DateTime lastWrite)
    {
        var dash = name.LastIndexOf('-');
        var host = dash < 0 ? Environment.MachineName : name[..dash];
        if (!int.TryParse(dash < 0 ? name : name[(dash + 1)..], out var pid)) return false;
        if (host != Environment.MachineName) return lastWrite > DateTime.UtcNow.AddDays(-1);
        return pid != Environment.ProcessId && IsRunning(pid);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // The received data on disk before the file gets its name in the store. On Unix through a
    // read-only descriptor: no second FileStream (open, lock, stat) just to flush.
    private static void FlushFile(string path)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            Fsync(path, throwOnError: true);
            return;
        }
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        file.Flush(flushToDisk: true);
    }

    // fsync of a file or folder (a rename is durable only once its folder's entry is on disk too).
    // Folders cannot be opened for flushing on Windows, where the file system orders metadata itself.
    private static void Fsync(string path, bool throwOnError)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        var fd = Native.open(path, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            if (throwOnError) throw Failure($"cannot open {path} to flush it");
            return;
        }
        try
        {
            if (Native.fsync(fd) != 0 && throwOnError) throw Failure($"flushing {path} to disk failed");
        }
        finally
        {
            Native.close(fd);
        }
    }

    // The errno as the HResult too, so that ENOSPC reads as a full disk (StorageScp answers A700H).
    private static IOException Failure(string what)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{what} (errno {errno})", errno);
    }

    private static partial class Native
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int fsync(int fd);

        [DllImport("libc", SetLastError = true)]
        public static extern int close(int fd);
    }
}
