using Hounsfield.Archive.Index;
using Hounsfield.Archive.Mpps;
using Hounsfield.Archive.Notifications;
using Hounsfield.Archive.Routing;
using Hounsfield.Archive.Services;
using Hounsfield.Archive.Storage;
using Hounsfield.Archive.StorageCommitment;
using Hounsfield.Archive.Workflow;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive;

/// <summary>
/// The archive of <c>hounsfield serve</c>: a <see cref="DicomHost"/> with Verification, the
/// Storage SCP, the Query/Retrieve FIND, MOVE and GET SCP over a storage area and the embedded index,
/// the Modality Worklist SCP fed by HL7 v2 orders over MLLP, the MPPS, Storage Commitment and
/// Instance Availability Notification SCPs over the workflow database; and, in the background from
/// creation on, the outbound queue worker (auto-routing, notifications, MPPS forwarding) and the
/// study-completion scan.
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

    /// <summary>The persistent outbound queue (routing, notifications, MPPS forwarding).</summary>
    public OutboundQueue Queue { get; private set; } = null!;

    /// <summary>Queues MPPS forwards to <see cref="RoutingOptions.MppsDestinations"/>.</summary>
    public MppsRelay MppsRelay { get; private set; } = null!;

    private OutboundWorker? Worker { get; set; }

    private StudyCompletion? StudyCompletion { get; set; }

    /// <summary>Auto delete of least recently used studies, when enabled.</summary>
    public AutoDelete? AutoDelete { get; private set; }

    /// <summary>The studies this server's open associations have stored into (auto delete keeps them).</summary>
    public StudiesBeingStored StudiesBeingStored { get; private set; } = null!;

    // The check of orphan files started with the server (see AddStorageHousekeeping).
    internal Task OrphanCheck { get; private set; } = Task.CompletedTask;

    /// <summary>Opens the data folder (creating it) and registers the services; call <see cref="DicomHost.StartAsync"/> or RunAsync on <see cref="Host"/>.</summary>
    public static ArchiveServer Create(ArchiveOptions options, DicomHostOptions hostOptions)
    {
        var data = Path.GetFullPath(options.DataDirectory);
        var storage = new StorageArea(Path.Combine(data, "files"));
        var index = SqlArchiveIndex.Open(options.Database, data);
        hostOptions.ReceiveDirectory = storage.Incoming;
        hostOptions.Transcoder ??= Dicom.Codecs.Transcoding.DicomTranscoder.Default;
        var access = new Access.ServiceAccess(options);
        hostOptions.AssociationFilter ??= access.Screen;
        hostOptions.PresentationContextFilter ??= access.Allows;
        Configuration.RemoteAETable.Publish(options);
        options.Routing.Validate(options.Peers.Keys);
        var storageScp = new StorageScp(storage, index, options, hostOptions.Log);
        var queryScp = new QueryScp(index, options.Query with { RetrieveAETitle = hostOptions.AETitle });
        var retrieveScp = new RetrieveScp(storage, index, options, hostOptions.AETitle, hostOptions.Log);
        var host = new DicomHost(hostOptions)
            .AddVerification()
            .Handle<CStoreRequest>(storageScp.StoreAsync, storageScp.SopClasses, StorageScp.TransferSyntaxes)
            .Handle<CFindRequest>(queryScp.FindAsync, Query.DicomQuery.FindSopClasses.Keys)
            .RespondToExtendedNegotiation(Query.QueryNegotiation.Respond)
            .Handle<CMoveRequest>(retrieveScp.MoveAsync, Query.DicomQuery.MoveSopClasses.Keys)
            .Handle<CGetRequest>(retrieveScp.GetAsync, Query.DicomQuery.GetSopClasses.Keys)
            .AcceptStorageForGet(storageScp.SopClasses, StorageScp.TransferSyntaxes);
        var server = new ArchiveServer(host, storage, index)
        {
            Workflow = new WorkflowDatabase(Path.Combine(data, "workflow.sqlite")), StudiesBeingStored = storageScp.StudiesBeingStored,
        };
        try
        {
            server.AddWorklist(options.Worklist, hostOptions.Log);
            server.AddMpps(hostOptions.Log);
            server.AddStorageCommitment(options, hostOptions);
            server.AddRouting(options, hostOptions, storageScp);
            server.AddStorageHousekeeping(options, hostOptions.Log);
        }
        catch
        {
            // E.g. the MLLP port is taken: close the index before reporting it.
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        return server;
    }

    /// <summary>The workflow database (worklist items, performed procedure steps, commitment requests) at <c>&lt;data&gt;/workflow.sqlite</c>.</summary>
    public WorkflowDatabase Workflow { get; private init; } = null!;

    /// <summary>The Modality Worklist items.</summary>
    public Worklist.WorklistStore Worklist { get; private set; } = null!;

    /// <summary>The HL7 v2 MLLP listener feeding the worklist, when <see cref="Worklist.WorklistOptions.MllpPort"/> is set.</summary>
    public Hl7.MllpListener? Hl7Listener { get; private set; }

    /// <summary>The Modality Performed Procedure Step SCP: its stored steps and the observers of their changes.</summary>
    public ModalityPerformedProcedureStepScp Mpps { get; private set; } = null!;

    /// <summary>The Storage Commitment Push Model SCP: its requests and report delivery.</summary>
    public StorageCommitmentScp StorageCommitment { get; private set; } = null!;

    // The worklist SCP on the host and, with a port, the HL7 order listener (which listens from here on).
    private void AddWorklist(Worklist.WorklistOptions options, Action<string>? log)
    {
        Worklist = new Worklist.WorklistStore(Workflow, options);
        if (options.Enabled) Host.Handle<CFindRequest>(new WorklistScp(Worklist, log).FindAsync, [WorklistScp.SopClass]);
        if (options.MllpPort <= 0) return;
        var receiver = new Hl7.OrderMessageReceiver(Worklist, options, log);
        Hl7Listener = new Hl7.MllpListener(new System.Net.IPEndPoint(System.Net.IPAddress.Parse(options.MllpBindAddress), options.MllpPort),
            receiver.Handle, options.MaxHl7MessageBytes, options.MllpIdleTimeout, log);
        Hl7Listener.Start();
    }

    // MPPS N-CREATE/N-SET; a step that ends COMPLETED or DISCONTINUED takes its scheduled steps off the worklist.
    private void AddMpps(Action<string>? log)
    {
        Mpps = new ModalityPerformedProcedureStepScp(new PerformedProcedureStepStore(Workflow), log);
        Mpps.Observers.Add(new WorklistCompletionObserver(Mpps.Store, CompleteScheduledStepsAsync));
        Host.Handle<NCreateRequest>(Mpps.CreateAsync, ModalityPerformedProcedureStepScp.SopClasses)
            .Handle<NSetRequest>(Mpps.SetAsync, ModalityPerformedProcedureStepScp.SopClasses);
    }

    private async Task CompleteScheduledStepsAsync(PerformedProcedureStep step, CancellationToken cancellationToken)
    {
        foreach (var scheduled in step.Attributes.GetSequence(Dicom.DicomTag.ScheduledStepAttributesSequence) ?? [])
        {
            if (scheduled.GetString(Dicom.DicomTag.AccessionNumber) is not { Length: > 0 } accession) continue;
            await Worklist.CompleteAsync(accession, scheduled.GetString(Dicom.DicomTag.ScheduledProcedureStepID), cancellationToken).ConfigureAwait(false);
        }
    }

    // Auto-routing, study-completion notifications, MPPS forwarding through the outbound queue; the IAN SCP.
    private void AddRouting(ArchiveOptions options, DicomHostOptions hostOptions, StorageScp storageScp)
    {
        var routing = options.Routing;
        Queue = new OutboundQueue(Workflow);
        var activity = new StudyActivity(Workflow);
        storageScp.Observers.Add(new AutoRouter(Queue, routing, hostOptions.Log));
        if (routing.InstanceAvailabilitySubscribers.Count + routing.StudyContentSubscribers.Count > 0) storageScp.Observers.Add(activity);
        var ianScp = new InstanceAvailabilityScp(new ReceivedNotifications(Workflow), log: hostOptions.Log);
        Host.Handle<NCreateRequest>(ianScp.CreateAsync, DicomUid.InstanceAvailabilityNotification);
        MppsRelay = new MppsRelay(Queue, routing, hostOptions.Log);
        Mpps.Observers.Add(new MppsForwarding(MppsRelay));
        Worker = new OutboundWorker(Queue, new OutboundSender(Queue, Storage, Index, options, hostOptions.AETitle, hostOptions.Log), routing, hostOptions.Log);
        StudyCompletion = new StudyCompletion(activity, Queue, Index, routing, hostOptions.AETitle, hostOptions.Log);
        Worker.Start();
        StudyCompletion.Start();
    }

    // Auto delete (when enabled) and, once at start, files no index row refers to indexed again or moved aside.
    private void AddStorageHousekeeping(ArchiveOptions options, Action<string>? log)
    {
        AutoDelete = options.AutoDelete.Enabled ? new AutoDelete(Storage, Index, options.AutoDelete, log: log, beingStored: StudiesBeingStored) : null;
        AutoDelete?.Start();
        var writtenBefore = OrphanCutOff(options);
        // Before anything can be received: files this process commits meanwhile are not orphans.
        var ownCommits = Storage.TrackCommits();
        OrphanCheck = Task.Run(async () =>
        {
            try
            {
                await OrphanFiles.ReconcileAsync(Storage, Index, writtenBefore, log).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
            {
                log?.Invoke($"orphan file check failed: {e.Message}");
            }
            finally
            {
                ownCommits.Dispose();
            }
        });
    }

    // With the embedded index and no other process using the storage folder, every file already
    // there is settled: its store either finished or died with the process (or the machine).
    // Otherwise another server may still be indexing a recent file, so only files older than ten
    // minutes are.
    private DateTime OrphanCutOff(ArchiveOptions options) =>
        string.IsNullOrWhiteSpace(options.Database) && !Storage.SharedWithRunningProcesses
            ? DateTime.UtcNow
            : DateTime.UtcNow - TimeSpan.FromMinutes(10);

    private void AddStorageCommitment(ArchiveOptions options, DicomHostOptions hostOptions)
    {
        StorageCommitment = new StorageCommitmentScp(new StorageCommitmentRequestStore(Workflow), Index, Storage, options, hostOptions.AETitle, hostOptions.Log)
        {
            ReportAssociationOptions = hostOptions.Listener.Association,
        };
        Host.Handle<NActionRequest>(StorageCommitment.ActionAsync, StorageCommitmentScp.SopClasses);
        StorageCommitment.Start();
    }

    /// <summary>Stops the host, then closes the index once its queued writes are committed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Hl7Listener is not null) await Hl7Listener.DisposeAsync().ConfigureAwait(false);
        await Host.DisposeAsync().ConfigureAwait(false);
        if (StorageCommitment is not null) await StorageCommitment.DisposeAsync().ConfigureAwait(false);
        if (StudyCompletion is not null) await StudyCompletion.DisposeAsync().ConfigureAwait(false);
        if (Worker is not null) await Worker.DisposeAsync().ConfigureAwait(false);
        if (AutoDelete is not null) await AutoDelete.DisposeAsync().ConfigureAwait(false);
        await OrphanCheck.ConfigureAwait(false);
        await Index.DisposeAsync().ConfigureAwait(false);
    }
}
