using Hounsfield.Archive.Index;

namespace Hounsfield.Archive;

/// <summary>How the archive stores what it receives.</summary>
public sealed class ArchiveOptions
{
    /// <summary>The data folder: instance files and the embedded index (default ./hounsfield-data).</summary>
    public string DataDirectory { get; set; } = "hounsfield-data";

    /// <summary>
    /// The index database: empty for SQLite in <see cref="DataDirectory"/>, or PostgreSQL as
    /// <c>postgres://user:pass@host:port/db</c> or an Npgsql connection string (several servers may share it).
    /// </summary>
    public string? Database { get; set; }

    /// <summary>Auto delete: least recently used studies removed when free space falls into the red zone (off by default).</summary>
    public Storage.AutoDeleteOptions AutoDelete { get; set; } = new();

    /// <summary>What a second copy of a stored SOP Instance UID does (default: keep the first, answer success).</summary>
    public DuplicatePolicy DuplicatePolicy { get; set; } = DuplicatePolicy.KeepFirst;

    /// <summary>Below this many free bytes on the storage volume, stores are refused with A700H (default 256 MiB).</summary>
    public long MinimumFreeSpace { get; set; } = 256L * 1024 * 1024;

    /// <summary>How C-FIND is answered (maximum matches, person-name case).</summary>
    public Query.QueryOptions Query { get; set; } = new();

    /// <summary>Known remote AEs by title: the C-MOVE destinations.</summary>
    public Dictionary<string, Hounsfield.Dicom.Network.DicomPeer> Peers { get; } = new(StringComparer.Ordinal);

    /// <summary>Associations a C-MOVE opens in parallel to its destination (the Carestream default is 5).</summary>
    public int MoveAssociations { get; set; } = 5;

    /// <summary>Private SOP classes to accept for storage besides every storage class of the registry.</summary>
    public List<string> AdditionalStorageSopClasses { get; } = [];
}
