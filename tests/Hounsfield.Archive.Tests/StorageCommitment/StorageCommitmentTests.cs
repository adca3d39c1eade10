using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Hounsfield.Archive.StorageCommitment;
using Hounsfield.Archive.Tests.Support;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Tests.StorageCommitment;

/// <summary>Storage Commitment SCP and SCU end to end: checks, failure reasons, same and new association reports, retries across a restart.</summary>
public sealed class StorageCommitmentTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private const string Scu = "COMMITSCU";
    private readonly ArchiveTestServer _archive = new();
    private readonly List<IAsyncDisposable> _owned = [];

    public Task InitializeAsync()
    {
        _archive.Options.StorageCommitment.RetryInterval = TimeSpan.FromMilliseconds(200);
        return _archive.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in _owned) await owned.DisposeAsync();
        await _archive.DisposeAsync();
    }

    private DicomPeer Peer => DicomPeer.Parse(_archive.Peer);

    private static StorageCommitmentScuOptions ScuOptions(int? listenPort = null) => new()
    {
        Client = new DicomClientOptions { CallingAETitle = Scu },
        Timeout = Wait,
        ListenPort = listenPort,
        ListenAddress = IPAddress.Loopback,
    };

    private async Task<ReferencedSop> StoredAsync()
    {
        var file = ArchiveTestServer.Instance();
        Assert.Equal(DimseStatus.Success, (await _archive.StoreAsync(file)).Status);
        return new ReferencedSop(file.Dataset.GetString(DicomTag.SOPClassUID)!, file.Dataset.GetString(DicomTag.SOPInstanceUID)!);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Report_on_the_same_association_commits_every_stored_instance()
    {
        var stored = new[] { await StoredAsync(), await StoredAsync() };
        var result = await StorageCommitmentScu.RequestAsync(Peer, stored, ScuOptions());
        Assert.Equal(1, result.EventTypeId);
        Assert.Equal(stored, result.Committed);
        Assert.Empty(result.Failed);
        await WaitUntilAsync(() => _archive.Server.StorageCommitment.Requests.Find(result.TransactionUid)!.State == StorageCommitmentRequest.Sent, "the request to be marked sent");
    }

    [Fact]
    public async Task Failures_carry_their_reasons()
    {
        var stored = await StoredAsync();
        var unknown = new ReferencedSop(DicomUid.CTImageStorage.Value, "1.2.826.0.1.3680043.2.1125.999.1");
        var conflict = await StoredAsync() with { SopClassUid = DicomUid.MRImageStorage.Value };
        var result = await StorageCommitmentScu.RequestAsync(Peer, [stored, unknown, conflict], ScuOptions());
        Assert.Equal(2, result.EventTypeId);
        Assert.Equal([stored], result.Committed);
        Assert.Equal([new FailedSop(unknown.SopClassUid, unknown.SopInstanceUid, 0x0112), new FailedSop(conflict.SopClassUid, conflict.SopInstanceUid, 0x0119)], result.Failed);
    }

    [Fact]
    public async Task Verified_files_that_no_longer_read_fail_with_0110()
    {
        _archive.Options.StorageCommitment.VerifyFiles = true;
        var stored = await StoredAsync();
        var gone = await StoredAsync();
        var record = await _archive.Server.Index.FindInstanceAsync(gone.SopInstanceUid);
        await File.WriteAllBytesAsync(_archive.Server.Storage.PathOf(record!.Path), [1, 2, 3]);
        var result = await StorageCommitmentScu.RequestAsync(Peer, [stored, gone], ScuOptions());
        Assert.Equal([stored], result.Committed);
        Assert.Equal([new FailedSop(gone.SopClassUid, gone.SopInstanceUid, 0x0110)], result.Failed);
    }

    [Fact]
    public async Task Requestor_configured_for_new_associations_gets_its_report_on_its_listening_port()
    {
        _archive.Options.StorageCommitment.ReportAssociationByAETitle[Scu] = StorageCommitmentReportAssociation.New;
        var stored = await StoredAsync();
        var options = ScuOptions(listenPort: 0);
        options.Listening = port => _archive.Options.Peers[Scu] = new DicomPeer(Scu, "127.0.0.1", port);
        var result = await StorageCommitmentScu.RequestAsync(Peer, [stored], options);
        Assert.Equal([stored], result.Committed);
    }

    [Fact]
    public async Task Same_association_released_before_the_report_falls_back_to_a_new_one()
    {
        var stored = await StoredAsync();
        var options = ScuOptions(listenPort: 0);
        options.Listening = port => _archive.Options.Peers[Scu] = new DicomPeer(Scu, "127.0.0.1", port);
        var result = await StorageCommitmentScu.RequestAsync(Peer, [stored], options);
        Assert.Equal(1, result.EventTypeId);
        await WaitUntilAsync(() => _archive.Server.StorageCommitment.Requests.Find(result.TransactionUid)!.State == StorageCommitmentRequest.Sent, "the request to be marked sent");
    }

    [Fact]
    public async Task Report_to_an_unreachable_requestor_stays_pending_and_is_sent_after_a_restart()
    {
        var port = FreePort();
        _archive.Options.StorageCommitment.ReportAssociationByAETitle[Scu] = StorageCommitmentReportAssociation.New;
        _archive.Options.StorageCommitment.RetryInterval = TimeSpan.FromHours(1);
        _archive.Options.Peers[Scu] = new DicomPeer(Scu, "127.0.0.1", port);
        var stored = await StoredAsync();
        const string transaction = "1.2.826.0.1.3680043.2.1125.4242";
        await using (var client = await DicomClient.ConnectAsync(Peer, new DicomClientOptions { CallingAETitle = Scu }.Propose(DicomUid.StorageCommitmentPushModel.Value)))
        {
            var response = await client.SendAndWaitAsync(new NActionRequest(DicomUid.StorageCommitmentPushModel.Value, DicomUid.StorageCommitmentPushModelInstance.Value, 1,
                StorageCommitmentResult.ActionInformation(transaction, [stored])));
            Assert.Equal(DimseStatus.Success, response.Status);
        }
        var requests = _archive.Server.StorageCommitment.Requests;
        await WaitUntilAsync(() => requests.Find(transaction)!.Attempts == 1, "the first delivery attempt");
        var pending = requests.Find(transaction)!;
        Assert.Equal(StorageCommitmentRequest.Pending, pending.State);
        Assert.NotNull(pending.LastError);

        var received = new ConcurrentQueue<NEventReportRequest>();
        var receiver = new DicomHost(new DicomHostOptions { AETitle = Scu, Port = port, BindAddress = IPAddress.Loopback })
            .HandleEventReports((request, _, _) =>
            {
                received.Enqueue(request);
                return Task.FromResult(request.CreateResponse(DimseStatus.Success));
            }, [DicomUid.StorageCommitmentPushModel.Value]);
        _owned.Add(receiver);
        await receiver.StartAsync();
        await _archive.RestartAsync();

        await WaitUntilAsync(() => !received.IsEmpty, "the pending report after the restart");
        var report = StorageCommitmentResult.FromEventReport(Assert.Single(received));
        Assert.Equal(transaction, report.TransactionUid);
        Assert.Equal([stored], report.Committed);
        await WaitUntilAsync(() => _archive.Server.StorageCommitment.Requests.Find(transaction)!.State == StorageCommitmentRequest.Sent, "the request to be marked sent");
    }

    [Fact]
    public async Task Unknown_requestor_cannot_get_a_new_association_and_is_retried()
    {
        _archive.Options.StorageCommitment.ReportAssociation = StorageCommitmentReportAssociation.New;
        var stored = await StoredAsync();
        const string transaction = "1.2.826.0.1.3680043.2.1125.4343";
        await using (var client = await DicomClient.ConnectAsync(Peer, new DicomClientOptions { CallingAETitle = "STRANGER" }.Propose(DicomUid.StorageCommitmentPushModel.Value)))
            await client.SendAndWaitAsync(new NActionRequest(DicomUid.StorageCommitmentPushModel.Value, DicomUid.StorageCommitmentPushModelInstance.Value, 1,
                StorageCommitmentResult.ActionInformation(transaction, [stored])));
        await WaitUntilAsync(() => _archive.Server.StorageCommitment.Requests.Find(transaction)!.Attempts >= 2, "two delivery attempts");
        var request = _archive.Server.StorageCommitment.Requests.Find(transaction)!;
        Assert.Contains("not a known remote AE", request.LastError);
        Assert.Equal(StorageCommitmentRequest.Pending, request.State);
    }

    [Fact]
    public async Task Bad_actions_are_refused()
    {
        await using var client = await DicomClient.ConnectAsync(Peer, new DicomClientOptions { CallingAETitle = Scu }.Propose(DicomUid.StorageCommitmentPushModel.Value));
        var noTransaction = await client.SendAndWaitAsync(new NActionRequest(DicomUid.StorageCommitmentPushModel.Value, DicomUid.StorageCommitmentPushModelInstance.Value, 1,
            new DicomDataset().Apply(d => d.SetSequence(DicomTag.ReferencedSOPSequence, new DicomDataset().Set(DicomTag.ReferencedSOPClassUID, "1.2").Set(DicomTag.ReferencedSOPInstanceUID, "1.3")))));
        Assert.Equal(DimseStatus.MissingAttribute, noTransaction.Status);
        Assert.Equal([DicomTag.TransactionUID], noTransaction.OffendingElements);
        var noReferences = await client.SendAndWaitAsync(new NActionRequest(DicomUid.StorageCommitmentPushModel.Value, DicomUid.StorageCommitmentPushModelInstance.Value, 1,
            new DicomDataset().Set(DicomTag.TransactionUID, "1.2.3")));
        Assert.Equal(DimseStatus.MissingAttribute, noReferences.Status);
        var wrongAction = await client.SendAndWaitAsync(new NActionRequest(DicomUid.StorageCommitmentPushModel.Value, DicomUid.StorageCommitmentPushModelInstance.Value, 2,
            StorageCommitmentResult.ActionInformation("1.2.3", [new ReferencedSop("1.2", "1.3")])));
        Assert.Equal(DimseStatus.NoSuchActionType, wrongAction.Status);
    }

    [Fact]
    public async Task Scu_times_out_when_no_report_comes()
    {
        var silent = new DicomHost(new DicomHostOptions { AETitle = "SILENT", Port = 0, BindAddress = IPAddress.Loopback })
            .Handle<NActionRequest>((request, _, _) => Task.FromResult(request.CreateResponse(DimseStatus.Success)), [DicomUid.StorageCommitmentPushModel.Value]);
        _owned.Add(silent);
        await silent.StartAsync();
        var options = ScuOptions();
        options.Timeout = TimeSpan.FromMilliseconds(500);
        await Assert.ThrowsAsync<TimeoutException>(() => StorageCommitmentScu.RequestAsync(new DicomPeer("SILENT", "127.0.0.1", silent.Endpoints[0].Port),
            [new ReferencedSop("1.2", "1.3")], options));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }
}
