using Hounsfield.Archive.Index;
using Hounsfield.Archive.Notifications;
using Hounsfield.Archive.Routing;
using Hounsfield.Archive.Services;
using Hounsfield.Archive.Storage;
using Hounsfield.Archive.Workflow;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive;

/// <summary>
/// The archive of <c>hounsfield serve</c>: a <see cref="DicomHost"/> with Verification, the
/// Storage SCP and the Query/Retrieve FIND, MOVE and GET SCP over a storage area and the embedded index;
/// the Instance Availability Notification SCP; and, in the background from creation on, the outbound
/// queue worker (auto-routing, notifications, MPPS forwarding) and the study-completion scan.
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

    /// <summary>Workflow state beside the index (<c>workflow.sqlite</c>): the outbound queue, study activity, received notifications.</summary>
    public WorkflowDatabase Workflow { get; private init; } = null!;

    /// <summary>The persistent outbound queue (routing, notifications, MPPS forwarding).</summary>
    public OutboundQueue Queue { get; private init; } = null!;

    /// <summary>Queues MPPS forwards to <see cref="RoutingOptions.MppsDestinations"/>.</summary>
    public MppsRelay MppsRelay { get; private init; } = null!;

    private OutboundWorker Worker { get; init; } = null!;

    private StudyCompletion StudyCompletion { get; init; } = null!;

    /// <summary>Opens the data folder (creating it) and registers the services; call <see cref="DicomHost.StartAsync"/> or RunAsync on <see cref="Host"/>.</summary>
    public static ArchiveServer Create(ArchiveOptions options, DicomHostOptions hostOptions)
    {
        options.Routing.Validate(options.Peers.Keys);
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
        var queue = new OutboundQueue(workflow);
        var activity = new StudyActivity(workflow);
        var routing = options.Routing;
        storageScp.Observers.Add(new AutoRouter(queue, routing, hostOptions.Log));
        if (routing.InstanceAvailabilitySubscribers.Count + routing.StudyContentSubscribers.Count > 0) storageScp.Observers.Add(activity);
        var ianScp = new InstanceAvailabilityScp(new ReceivedNotifications(workflow), log: hostOptions.Log);
        host.Handle<NCreateRequest>(ianScp.CreateAsync, DicomUid.InstanceAvailabilityNotification);
        var worker = new OutboundWorker(queue, new OutboundSender(queue, storage, index, options, hostOptions.AETitle, hostOptions.Log), routing, hostOptions.Log);
        var completion = new StudyCompletion(activity, queue, index, routing, hostOptions.AETitle, hostOptions.Log);
        worker.Start();
        completion.Start();
        return new ArchiveServer(host, storage, index)
        {
            Workflow = workflow,
            Queue = queue,
            MppsRelay = new MppsRelay(queue, routing, hostOptions.Log),
            Worker = worker,
            StudyCompletion = completion,
        };
    }

    /// <summary>Stops the host, then closes the index once its queued writes are committed.</summary>
    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync().ConfigureAwait(false);
        await StudyCompletion.DisposeAsync().ConfigureAwait(false);
        await Worker.DisposeAsync().ConfigureAwait(false);
        await Index.DisposeAsync().ConfigureAwait(false);
    }
}
