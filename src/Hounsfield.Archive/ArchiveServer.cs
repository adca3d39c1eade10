using Hounsfield.Archive.Index;
using Hounsfield.Archive.Services;
using Hounsfield.Archive.Storage;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive;

/// <summary>
/// The archive of <c>hounsfield serve</c>: a <see cref="DicomHost"/> with Verification, the
/// Storage SCP and the Query/Retrieve FIND, MOVE and GET SCP over a storage area and the embedded index.
/// </summary>
public sealed class ArchiveServer : IAsyncDisposable
{
    // Files no index row refers to, moved to lost+found at start.
    private Task _orphans = Task.CompletedTask;

    private ArchiveServer(DicomHost host, StorageArea storage, IArchiveIndex index)
    {
        Host = host;
        Storage = storage;
        Index = index;
    }

    /// <summary>The DICOM host (endpoints, associations).</summary>
    public DicomHost Host { get; }

    /// <summary>Where instance files are kept.</summary>
    public StorageArea Storage { get; }

    /// <summary>The index.</summary>
    public IArchiveIndex Index { get; }

    /// <summary>Auto delete of least recently used studies, when enabled.</summary>
    public AutoDelete? AutoDelete { get; private init; }

    /// <summary>Opens the data folder (creating it) and registers the services; call <see cref="DicomHost.StartAsync"/> or RunAsync on <see cref="Host"/>.</summary>
    public static ArchiveServer Create(ArchiveOptions options, DicomHostOptions hostOptions)
    {
        var data = Path.GetFullPath(options.DataDirectory);
        var storage = new StorageArea(Path.Combine(data, "files"));
        var index = SqlArchiveIndex.Open(options.Database, data);
        hostOptions.ReceiveDirectory = storage.Incoming;
        var storageScp = new StorageScp(storage, index, options, hostOptions.Log);
        var queryScp = new QueryScp(index, options.Query with { RetrieveAETitle = hostOptions.AETitle });
        var retrieveScp = new RetrieveScp(storage, index, options, hostOptions.AETitle, hostOptions.Log);
        var host = new DicomHost(hostOptions)
            .AddVerification()
            .Handle<CStoreRequest>(storageScp.StoreAsync, storageScp.SopClasses, StorageScp.TransferSyntaxes)
            .Handle<CFindRequest>(queryScp.FindAsync, Query.DicomQuery.FindSopClasses.Keys)
            .Handle<CMoveRequest>(retrieveScp.MoveAsync, Query.DicomQuery.MoveSopClasses.Keys)
            .Handle<CGetRequest>(retrieveScp.GetAsync, Query.DicomQuery.GetSopClasses.Keys)
            .AcceptStorageForGet(storageScp.SopClasses, StorageScp.TransferSyntaxes);
        var autoDelete = options.AutoDelete.Enabled ? new AutoDelete(storage, index, options.AutoDelete, log: hostOptions.Log) : null;
        autoDelete?.Start();
        var orphans = Task.Run(async () =>
        {
            try
            {
                await OrphanFiles.ReconcileAsync(storage, index, TimeSpan.FromMinutes(10), hostOptions.Log).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
            {
                hostOptions.Log?.Invoke($"orphan file check failed: {e.Message}");
            }
        });
        return new ArchiveServer(host, storage, index) { AutoDelete = autoDelete, _orphans = orphans };
    }

    /// <summary>Stops the host, then closes the index once its queued writes are committed.</summary>
    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync().ConfigureAwait(false);
        if (AutoDelete is not null) await AutoDelete.DisposeAsync().ConfigureAwait(false);
        await _orphans.ConfigureAwait(false);
        await Index.DisposeAsync().ConfigureAwait(false);
    }
}
