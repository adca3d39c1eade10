using Hounsfield.Archive.Routing;
using Hounsfield.Archive.Tests.Support;
using Hounsfield.Archive.Workflow;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Tests.Routing;

public sealed class AutoRoutingTests : IAsyncLifetime
{
    private readonly ArchiveTestServer _archive = new();
    private readonly List<IAsyncDisposable> _peers = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var peer in _peers) await peer.DisposeAsync();
        if (_archive.Server is not null) await _archive.DisposeAsync();
    }

    private async Task<RecordingScp> PeerAsync(string aeTitle, IEnumerable<string>? classes = null, IReadOnlyList<DicomTransferSyntax>? syntaxes = null, int port = 0)
    {
        var scp = new RecordingScp(aeTitle, classes ?? [DicomUid.CTImageStorage.Value, DicomUid.MRImageStorage.Value], syntaxes, port: port);
        await scp.StartAsync();
        _peers.Add(scp);
        _archive.Options.Peers[aeTitle] = scp.Peer;
        return scp;
    }

    private void Route(string destination, string? modality = null, string? transferSyntax = null) =>
        _archive.Options.Routing.Rules.Add(new RoutingRule { Name = "to " + destination, Modality = modality, Destinations = [destination], TransferSyntax = transferSyntax });

    private IReadOnlyList<OutboundJob> Jobs => _archive.Server.Queue.List();

    private string Describe() => string.Join("; ", Jobs.Select(j => $"{j.Id} {j.State} {j.Attempts} {j.LastError}"));

    [Fact]
    public async Task Matching_instances_are_routed_and_marked_done_others_are_not()
    {
        var dest = await PeerAsync("DEST");
        Route("DEST", modality: "CT");
        await _archive.StartAsync();
        var ct = Enumerable.Range(0, 3).Select(_ => ArchiveTestServer.Instance()).ToList();
        foreach (var file in ct) Assert.Equal(DimseStatus.Success, (await _archive.StoreAsync(file)).Status);
        await _archive.StoreAsync(ArchiveTestServer.Instance(modality: "MR"));

        await RecordingScp.WaitUntilAsync(() => Jobs.Count == 3 && Jobs.All(j => j.State == OutboundJobState.Done), Describe);
        Assert.Equal(ct.Select(f => f.Dataset.GetString(DicomTag.SOPInstanceUID)).Order(), dest.Messages.Select(m => m.SopInstanceUid).Order());
    }

    [Fact]
    public async Task A_batch_travels_on_one_association_in_the_destination_syntax()
    {
        var dest = await PeerAsync("DEST", syntaxes: [Rle, DicomTransferSyntax.ExplicitVRLittleEndian]);
        await _archive.StartAsync();
        var uids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var file = PixelInstance();
            await _archive.StoreAsync(file);
            uids.Add(file.Dataset.GetString(DicomTag.SOPInstanceUID)!);
        }
        // A queue of our own, so the server's worker does not take these jobs.
        var folder = Directory.CreateTempSubdirectory("hf-batch-").FullName;
        try
        {
            var queue = new OutboundQueue(new WorkflowDatabase(Path.Combine(folder, "workflow.sqlite")));
            queue.Enqueue(uids.Select(u => new OutboundMessage("DEST", OutboundJobKind.Store, u, Rle.Uid.Value)));
            var sender = new OutboundSender(queue, _archive.Server.Storage, _archive.Server.Index, _archive.Options, "HOUNSFIELD");
            await sender.SendAsync("DEST", queue.Claim("DEST", 10), CancellationToken.None);

            Assert.All(queue.List(), j => Assert.Equal(OutboundJobState.Done, j.State));
            Assert.Equal(uids, dest.Messages.Select(m => m.SopInstanceUid));
            Assert.Single(dest.Messages.Select(m => m.Association).Distinct());
            Assert.All(dest.Messages, m => Assert.Equal(Rle.Uid.Value, m.TransferSyntax));
            Assert.NotNull(dest.Messages.First().Dataset!.GetFragments(DicomTag.PixelData));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_unreachable_destination_is_retried_and_after_a_restart_everything_arrives()
    {
        var port = RecordingScp.FreePort();
        _archive.Options.Peers["LATER"] = new Hounsfield.Dicom.Network.DicomPeer("LATER", "127.0.0.1", port);
        _archive.Options.Routing.RetryDelay = TimeSpan.FromMilliseconds(200);
        _archive.Options.Routing.MaxRetryDelay = TimeSpan.FromMilliseconds(500);
        _archive.Options.Routing.MaxAttempts = 1000;
        Route("LATER");
        await _archive.StartAsync();
        var files = Enumerable.Range(0, 3).Select(_ => ArchiveTestServer.Instance()).ToList();
        foreach (var file in files) await _archive.StoreAsync(file);
        await RecordingScp.WaitUntilAsync(() => Jobs.Count == 3 && Jobs.All(j => j.Attempts >= 2), Describe);
        Assert.All(Jobs, j => Assert.Equal(OutboundJobState.Pending, j.State));
        Assert.All(Jobs, j => Assert.Contains("association with LATER@127.0.0.1", j.LastError));

        await _archive.RestartAsync();
        var later = await PeerAsync("LATER", port: port);
        await RecordingScp.WaitUntilAsync(() => Jobs.All(j => j.State == OutboundJobState.Done), Describe);
        Assert.Equal(files.Select(f => f.Dataset.GetString(DicomTag.SOPInstanceUID)).Order(), later.Messages.Select(m => m.SopInstanceUid).Distinct().Order());
    }

    [Fact]
    public async Task A_destination_that_refuses_the_sop_class_fails_the_job_with_the_reason()
    {
        await PeerAsync("MRONLY", classes: [DicomUid.MRImageStorage.Value]);
        _archive.Options.Routing.RetryDelay = TimeSpan.FromMilliseconds(50);
        _archive.Options.Routing.MaxAttempts = 2;
        Route("MRONLY");
        await _archive.StartAsync();
        await _archive.StoreAsync(ArchiveTestServer.Instance());
        await RecordingScp.WaitUntilAsync(() => Jobs.SingleOrDefault()?.State == OutboundJobState.Failed, Describe);
        var job = Jobs.Single();
        Assert.Equal(2, job.Attempts);
        Assert.Contains("accepted no presentation context for CT Image Storage", job.LastError);
    }

    [Fact]
    public async Task A_failure_status_is_a_failed_attempt_and_a_warning_is_done()
    {
        var dest = await PeerAsync("DEST");
        dest.StoreStatus = DimseStatus.OutOfResources;
        _archive.Options.Routing.RetryDelay = TimeSpan.FromMilliseconds(100);
        _archive.Options.Routing.MaxRetryDelay = TimeSpan.FromMilliseconds(100);
        _archive.Options.Routing.MaxAttempts = 1000;
        Route("DEST");
        await _archive.StartAsync();
        await _archive.StoreAsync(ArchiveTestServer.Instance());
        await RecordingScp.WaitUntilAsync(() => Jobs.Single().Attempts >= 2, Describe);
        Assert.Equal(OutboundJobState.Pending, Jobs.Single().State);
        Assert.Equal("CStoreRequest answered A700H: refused by the test", Jobs.Single().LastError);
        dest.StoreStatus = DimseStatus.CoercionOfDataElements;
        await RecordingScp.WaitUntilAsync(() => Jobs.Single().State == OutboundJobState.Done, Describe);
    }

    [Fact]
    public async Task A_kept_duplicate_is_routed_only_when_no_job_exists_for_it()
    {
        await PeerAsync("DEST");
        Route("DEST");
        await _archive.StartAsync();
        var file = ArchiveTestServer.Instance();
        await _archive.StoreAsync(file);
        await _archive.StoreAsync(file);
        Assert.Single(Jobs);
        // As after a crash between the index commit and the queue commit: the resend queues the route.
        _archive.Server.Queue.Remove(Jobs.Single().Id);
        await _archive.StoreAsync(file);
        Assert.Single(Jobs);
    }

    private static readonly DicomTransferSyntax Rle = DicomTransferSyntax.Get(DicomUid.RLELossless.Value);

    internal static DicomFile PixelInstance()
    {
        var file = ArchiveTestServer.Instance();
        file.Dataset.Set(DicomTag.SamplesPerPixel, (ushort)1).Set(DicomTag.PhotometricInterpretation, "MONOCHROME2")
            .Set(DicomTag.BitsStored, (ushort)16).Set(DicomTag.HighBit, (ushort)15).Set(DicomTag.PixelRepresentation, (ushort)0);
        return file;
    }
}
