using Hounsfield.Archive.Index;
using Hounsfield.Archive.Mpps;
using Hounsfield.Archive.Services;
using Hounsfield.Archive.Storage;
using Hounsfield.Archive.StorageCommitment;
using Hounsfield.Archive.Workflow;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive;

/// <summary>
/// The archive of <c>hounsfield serve</c>: a <see cref="DicomHost"/> with Verification, the
/// Storage SCP and the Query/Retrieve FIND, MOVE and GET SCP over a storage area and the embedded index,
/// and the MPPS and Storage Commitment SCPs over the workflow database.
/// </summary>
public sealed class ArchiveServer : IAsyncDisposable
{
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

    /// <summary>Workflow state beside the index (<c>workflow.sqlite</c>): performed procedure steps, commitment requests.</summary>
    public WorkflowDatabase Workflow { get; private init; } = null!;

    /// <summary>The Modality Performed Procedure Step SCP: its stored steps and the observers of their changes.</summary>
    public ModalityPerformedProcedureStepScp Mpps { get; private init; } = null!;

    /// <summary>The Storage Commitment Push Model SCP: its requests and report delivery.</summary>
    public StorageCommitmentScp StorageCommitment { get; private init; } = null!;

    /// <summary>Opens the data folder (creating it) and registers the services; call <see cref="DicomHost.StartAsync"/> or RunAsync on <see cref="Host"/>.</summary>
    public static ArchiveServer Create(ArchiveOptions options, DicomHostOptions hostOptions)
    {
        var data = Path.GetFullPath(options.DataDirectory);
        var storage = new StorageArea(Path.Combine(data, "files"));
        var index = new SqliteArchiveIndex(Path.Combine(data, "index.sqlite"));
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
        var workflow = new WorkflowDatabase(Path.Combine(data, "workflow.sqlite"));
        var mpps = new ModalityPerformedProcedureStepScp(new PerformedProcedureStepStore(workflow), hostOptions.Log);
        host.Handle<NCreateRequest>(mpps.CreateAsync, ModalityPerformedProcedureStepScp.SopClasses)
            .Handle<NSetRequest>(mpps.SetAsync, ModalityPerformedProcedureStepScp.SopClasses);
        var commitment = new StorageCommitmentScp(new StorageCommitmentRequestStore(workflow), index, storage, options, hostOptions.AETitle, hostOptions.Log)
        {
            ReportAssociationOptions = hostOptions.Listener.Association,
        };
        host.Handle<NActionRequest>(commitment.ActionAsync, StorageCommitmentScp.SopClasses);
        commitment.Start();
        return new ArchiveServer(host, storage, index) { Workflow = workflow, Mpps = mpps, StorageCommitment = commitment };
    }

    /// <summary>Stops the host, then closes the index once its queued writes are committed.</summary>
    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync().ConfigureAwait(false);
        await StorageCommitment.DisposeAsync().ConfigureAwait(false);
        await Index.DisposeAsync().ConfigureAwait(false);
    }
}
