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

    /// <summary>The Modality Worklist SCP and its HL7 v2 order feed.</summary>
    public Worklist.WorklistOptions Worklist { get; set; } = new();
    /// <summary>The network side: AE title, ports, TLS, association limits, timeouts, shutdown grace period.</summary>
    public Configuration.NetworkOptions Network { get; set; } = new();

    /// <summary>Known remote AEs by name (the name a C-MOVE gives as destination): address, TLS, what they may do.</summary>
    public Dictionary<string, Configuration.RemoteAEOptions> RemoteAEs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Which services each calling AE and network may use.</summary>
    public Access.AccessOptions Access { get; set; } = new();

    /// <summary>Changes made to received instances before they are stored (each off by default).</summary>
    public Coercion.CoercionOptions Coercion { get; set; } = new();
    /// <summary>Storage Commitment SCP: file verification, where reports go per requestor, retries.</summary>
    public StorageCommitment.StorageCommitmentOptions StorageCommitment { get; set; } = new();
    /// <summary>Auto-routing, study-completion notifications, MPPS forwarding and the outbound queue.</summary>
    public Routing.RoutingOptions Routing { get; set; } = new();

    /// <summary>The transfer syntax instances are stored in (default: as received).</summary>
    public Storage.IngestOptions Ingest { get; set; } = new();
}
