using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using Hounsfield.Dicom.Network.Dimse;
using Hounsfield.Dicom.Network.Tests.Association;
using Xunit.Abstractions;

namespace Hounsfield.Dicom.Network.Tests.Services;

/// <summary>Timeouts, dropped connections, idle associations and load, over 127.0.0.1.</summary>
public class RobustnessTests(ITestOutputHelper output) : ServiceTestBase
{
    private static AcceptorPolicy StoragePolicy() => new AcceptorPolicy()
        .Accept(DicomUid.Verification.Value, DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.ImplicitVRLittleEndian)
        .Accept(CT, DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.ImplicitVRLittleEndian);

    private static async Task DrainAsync(Dicom.Network.Association a, Socket _)
    {
        try
        {
            while (await a.ReceiveAsync() is not null)
            {
            }
            await a.SendReleaseResponseAsync();
        }
        catch (DicomNetworkException)
        {
            // The client aborted, which is what these tests expect.
        }
    }

    [Fact]
    public async Task SilentPeer_ClientGetsDimseTimeout_AndTheAssociationIsAborted()
    {
        await using var peer = new FakeAcceptor(StoragePolicy(), DrainAsync);
        var options = ClientOptions();
        options.Association.DimseTimeout = TimeSpan.FromSeconds(1);
        var client = Own(await DicomClient.ConnectAsync($"FAKE@127.0.0.1:{peer.Port}", options));

        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAnyAsync<DicomNetworkException>(() => client.EchoAsync().WaitAsync(Timeout));
        clock.Stop();
        output.WriteLine($"DIMSE timeout after {clock.Elapsed.TotalMilliseconds:0} ms: {e.Message}");
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
        Assert.Contains("DIMSE", e.Message);
        Assert.Equal(AssociationState.Sta1Idle, client.Association.State);
        await peer.Served.WaitAsync(Timeout);

        // Further use of the client says clearly that the association is gone.
        var again = await Assert.ThrowsAnyAsync<DicomNetworkException>(() => client.EchoAsync().WaitAsync(Timeout));
        output.WriteLine(again.Message);
    }

    [Fact]
    public async Task PeerDroppingTheConnectionMidDataSet_FailsTheClientsStore()
    {
        await using var peer = new FakeAcceptor(StoragePolicy(), async (a, socket) =>
        {
            long received = 0;
            while (received < 256 * 1024 && await a.ReceiveAsync() is { } pdv)
                if (!pdv.IsCommand) received += pdv.Data.Length;
            FakeAcceptor.Drop(socket);
        });
        var client = Own(await DicomClient.ConnectAsync($"FAKE@127.0.0.1:{peer.Port}", ClientOptions().Propose(CT)));
        var big = SaveAndOpen(CtDataset(rows: 2048, columns: 2048), DicomTransferSyntax.ExplicitVRLittleEndian);

        var e = await Assert.ThrowsAnyAsync<DicomNetworkException>(() => client.StoreAsync(big).WaitAsync(Timeout));
        output.WriteLine(e.Message);
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
        Assert.Equal(AssociationState.Sta1Idle, client.Association.State);
    }

    [Fact]
    public async Task ClientDroppingTheConnectionMidDataSet_HostKeepsServing_AndLeavesNoTemporaryFile()
    {
        var stored = 0;
        var host = await StartHostAsync(h => h.AddVerification().Handle<CStoreRequest>((r, _, _) =>
        {
            Interlocked.Increment(ref stored);
            return Task.FromResult(r.CreateResponse(DimseStatus.Success));
        }, DicomUid.CTImageStorage));
        var port = host.Endpoints[0].Port;

        // Someone else is connected and stays served throughout.
        var bystander = await ConnectAsync(host, ClientOptions("BYSTANDER").Propose(CT).Propose(DicomUid.Verification.Value));

        var rq = new AssociationRequest("DROPPER", "HOUNSFIELD");
        rq.AddPresentationContext(CT, DicomTransferSyntax.ExplicitVRLittleEndian);
        using (var raw = await RawPeer.AssociateAsync(port, rq))
        {
            var ds = new MemoryStream();
            CtDataset("1.2.3.99").WriteTo(ds, DicomTransferSyntax.ExplicitVRLittleEndian);
            await raw.SendCommandAsync(1, new CStoreRequest(CT, "1.2.3.99", new DicomDataset()) { MessageId = 1 });
            await raw.SendDataAsync(1, ds.ToArray().AsMemory(0, 100), isLast: false);
            await WaitUntilAsync(() => ReceivedTempFiles().Length == 1, "the host to start the temporary file");
            raw.Drop();
        }

        await WaitUntilAsync(() => ReceivedTempFiles().Length == 0, "the temporary file to be deleted");
        await WaitUntilAsync(() => host.ActiveAssociations == 1, "the dropped association to end");
        Assert.Contains(HostLog, l => l.Contains("DROPPER", StringComparison.Ordinal));
        output.WriteLine(string.Join("\n", HostLog));
        Assert.Equal(0, stored);

        Assert.True((await bystander.EchoAsync().WaitAsync(Timeout)).Status.IsSuccess);
        Assert.True((await bystander.StoreAsync(SaveAndOpen(CtDataset(), DicomTransferSyntax.ExplicitVRLittleEndian)).WaitAsync(Timeout)).Status.IsSuccess);
        var newcomer = await ConnectAsync(host, ClientOptions("NEWCOMER"));
        Assert.True((await newcomer.EchoAsync().WaitAsync(Timeout)).Status.IsSuccess);
        Assert.Equal(1, stored);
    }

    [Fact]
    public async Task MalformedDataSets_AreAnsweredC000_AndTheAssociationGoesOn()
    {
        var handled = 0;
        var host = await StartHostAsync(h => h.AddVerification()
            .Handle<CStoreRequest>((r, _, _) =>
            {
                Interlocked.Increment(ref handled);
                return Task.FromResult(r.CreateResponse(DimseStatus.Success));
            }, DicomUid.CTImageStorage)
            .Handle<CFindRequest>((r, _, _) =>
            {
                Interlocked.Increment(ref handled);
                return Task.FromResult(r.CreateResponse(DimseStatus.Success));
            }, [StudyRootFind]));
        var rq = new AssociationRequest("GARBLER", "HOUNSFIELD");
        rq.AddPresentationContext(CT, DicomTransferSyntax.ExplicitVRLittleEndian);
        rq.AddPresentationContext(StudyRootFind, DicomTransferSyntax.ExplicitVRLittleEndian);
        rq.AddPresentationContext(DicomUid.Verification.Value, DicomTransferSyntax.ExplicitVRLittleEndian);
        using var raw = await RawPeer.AssociateAsync(host.Endpoints[0].Port, rq);
        // (0008,0020) DA claiming 4096 bytes, with 8 present.
        byte[] garbage = [0x08, 0x00, 0x20, 0x00, (byte)'D', (byte)'A', 0x00, 0x10, .. "20240229"u8];

        await raw.SendCommandAsync(1, new CStoreRequest(CT, "1.2.3.97", new DicomDataset()) { MessageId = 1 });
        await raw.SendDataAsync(1, garbage, isLast: true);
        var store = Assert.IsType<CStoreResponse>(await raw.ReadCommandAsync().WaitAsync(Timeout));
        Assert.Equal(DimseStatus.CannotUnderstand, store.Status);
        Assert.False(string.IsNullOrWhiteSpace(store.ErrorComment));
        output.WriteLine(store.ErrorComment);

        await raw.SendCommandAsync(3, new CFindRequest(StudyRootFind, new DicomDataset()) { MessageId = 2 });
        await raw.SendDataAsync(3, garbage, isLast: true);
        var find = Assert.IsType<CFindResponse>(await raw.ReadCommandAsync().WaitAsync(Timeout));
        Assert.Equal(DimseStatus.CannotUnderstand, find.Status);

        await raw.SendCommandAsync(5, new CEchoRequest { MessageId = 3 });
        Assert.Equal(DimseStatus.Success, Assert.IsType<CEchoResponse>(await raw.ReadCommandAsync().WaitAsync(Timeout)).Status);
        await raw.ReleaseAsync();
        Assert.Equal(0, handled);
        Assert.Empty(ReceivedTempFiles());
    }

    [Fact]
    public async Task StoppingTheHost_CancelsHandlers_AndEndsOpenAssociationsPromptly()
    {
        var handlerStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = await StartHostAsync(h => h.AddVerification().Handle<CFindRequest>(async (r, _, ct) =>
        {
            handlerStarted.TrySetResult();
            try
            {
                await Task.Delay(System.Threading.Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                handlerCancelled.TrySetResult();
                throw;
            }
            return r.CreateResponse(DimseStatus.Success);
        }, [StudyRootFind]));
        var idle = await ConnectAsync(host, ClientOptions("IDLE"));
        var busy = await ConnectAsync(host, ClientOptions("BUSY").Propose(StudyRootFind));
        var find = busy.SendAndWaitAsync(new CFindRequest(StudyRootFind, new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "STUDY")));
        await WaitUntilAsync(() => host.ActiveAssociations == 2, "both associations");
        await handlerStarted.Task.WaitAsync(Timeout);

        // Each association is aborted; PS3.8 then waits for the peer to close the connection, at most
        // ARTIM (2 s here, 30 s by default): the idle client is not reading, so it is ARTIM that ends it.
        var clock = Stopwatch.StartNew();
        await host.StopAsync().WaitAsync(Timeout);
        output.WriteLine($"stopped in {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {clock.Elapsed}");
        await handlerCancelled.Task.WaitAsync(Timeout);
        Assert.Equal(0, host.ActiveAssociations);
        // The cancelled handler's FE00 may still get out before the abort does.
        try
        {
            Assert.Equal(DimseStatus.Cancel, (await find.WaitAsync(Timeout)).Status);
        }
        catch (DicomNetworkException)
        {
        }
        await Assert.ThrowsAnyAsync<DicomNetworkException>(() => idle.EchoAsync().WaitAsync(Timeout));
        await Assert.ThrowsAnyAsync<DicomNetworkException>(() => DicomClient.ConnectAsync(PeerOf(host), ClientOptions()));
    }

    [Fact]
    public async Task BrokenDimseFraming_AbortsTheAssociation_NamingThePeer()
    {
        var host = await StartHostAsync(h => h.AddVerification());
        var rq = new AssociationRequest("FRAMER", "HOUNSFIELD");
        rq.AddPresentationContext(DicomUid.Verification.Value, DicomTransferSyntax.ExplicitVRLittleEndian);
        using var raw = await RawPeer.AssociateAsync(host.Endpoints[0].Port, rq);
        // A data set fragment with no command before it (PS3.7 §6.3.1).
        await raw.SendDataAsync(1, new byte[] { 0x08, 0x00, 0x20, 0x00 }, isLast: true);
        var abort = await NetworkTestHelpers.RawReadPduAsync(raw.Socket);
        Assert.Equal((byte)0x07, abort?[0]);
        await WaitUntilAsync(() => host.ActiveAssociations == 0, "the association to end");
        Assert.Contains(HostLog, l => l.Contains("DIMSE protocol error from FRAMER", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IdleAssociation_IsAbortedByTheHost()
    {
        var options = HostOptions();
        options.IdleTimeout = TimeSpan.FromMilliseconds(500);
        var host = await StartHostAsync(h => h.AddVerification(), options);
        var client = await ConnectAsync(host, ClientOptions());
        Assert.True((await client.EchoAsync().WaitAsync(Timeout)).Status.IsSuccess);

        var clock = Stopwatch.StartNew();
        await WaitUntilAsync(() => host.ActiveAssociations == 0, "the idle association to be aborted");
        output.WriteLine($"aborted after {clock.Elapsed.TotalMilliseconds:0} ms idle");
        Assert.Contains(HostLog, l => l.Contains("silent", StringComparison.Ordinal));
        await Assert.ThrowsAnyAsync<DicomNetworkException>(() => client.EchoAsync().WaitAsync(Timeout));
    }

    [Fact]
    public async Task IdleTimeout_DoesNotAbortAnAssociationWaitingForAnAnswer()
    {
        var options = HostOptions();
        options.IdleTimeout = TimeSpan.FromMilliseconds(400);
        var host = await StartHostAsync(h => h.Handle<CFindRequest>(async (r, _, ct) =>
        {
            await Task.Delay(1500, ct);
            return r.CreateResponse(DimseStatus.Success);
        }, [StudyRootFind]), options);
        var client = await ConnectAsync(host, ClientOptions().Propose(StudyRootFind));
        var response = await client.SendAndWaitAsync(new CFindRequest(StudyRootFind, new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "STUDY"))).WaitAsync(Timeout);
        Assert.Equal(DimseStatus.Success, response.Status);
    }

    [Fact]
    public async Task IdleTimeout_CountsSilence_NotTheTimeAWholeDataSetTakes()
    {
        var options = HostOptions();
        options.IdleTimeout = TimeSpan.FromMilliseconds(500);
        var host = await StartHostAsync(h => h.Handle<CStoreRequest>((r, _, _) => Task.FromResult(r.CreateResponse(DimseStatus.Success)), DicomUid.CTImageStorage), options);
        var rq = new AssociationRequest("SLOW", "HOUNSFIELD");
        rq.AddPresentationContext(CT, DicomTransferSyntax.ExplicitVRLittleEndian);
        using var raw = await RawPeer.AssociateAsync(host.Endpoints[0].Port, rq);
        var ds = new MemoryStream();
        CtDataset("1.2.3.98").WriteTo(ds, DicomTransferSyntax.ExplicitVRLittleEndian);
        var bytes = ds.ToArray();
        await raw.SendCommandAsync(1, new CStoreRequest(CT, "1.2.3.98", new DicomDataset()) { MessageId = 1 });
        // Eight fragments 200 ms apart: 1.6 s for the data set, never 500 ms of silence.
        var chunk = (bytes.Length + 7) / 8;
        for (var at = 0; at < bytes.Length; at += chunk)
        {
            await Task.Delay(200);
            var n = Math.Min(chunk, bytes.Length - at);
            await raw.SendDataAsync(1, bytes.AsMemory(at, n), isLast: at + n == bytes.Length);
        }
        var response = Assert.IsType<CStoreResponse>(await raw.ReadCommandAsync().WaitAsync(Timeout));
        Assert.Equal(DimseStatus.Success, response.Status);
        await raw.ReleaseAsync();
    }

    [Fact]
    public async Task ManyAssociations_ManyStores_AllSucceed()
    {
        const int Clients = 20;
        const int StoresEach = 20;
        var received = new ConcurrentDictionary<string, int>();
        var host = await StartHostAsync(h => h.Handle<CStoreRequest>((r, _, _) =>
        {
            received.AddOrUpdate(r.AffectedSopInstanceUid!, 1, (_, n) => n + 1);
            return Task.FromResult(r.CreateResponse(DimseStatus.Success));
        }, DicomUid.CTImageStorage));
        var files = Enumerable.Range(0, Clients).Select(i => SaveAndOpen(CtDataset(rows: 64, columns: 64), DicomTransferSyntax.ExplicitVRLittleEndian)).ToArray();

        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(files.Select(async file =>
        {
            await using var client = await DicomClient.ConnectAsync(PeerOf(host), ClientOptions().ProposeFor([file]));
            var statuses = new List<DimseStatus>();
            for (var i = 0; i < StoresEach; i++) statuses.Add((await client.StoreAsync(file)).Status);
            await client.ReleaseAsync();
            return statuses;
        })).WaitAsync(TimeSpan.FromSeconds(60));
        clock.Stop();
        output.WriteLine($"{Clients} associations x {StoresEach} stores: {clock.Elapsed.TotalMilliseconds:0} ms, {Clients * StoresEach / clock.Elapsed.TotalSeconds:0} stores/s");

        Assert.All(results.SelectMany(s => s), s => Assert.Equal(DimseStatus.Success, s));
        Assert.Equal(Clients, received.Count);
        Assert.All(received.Values, n => Assert.Equal(StoresEach, n));
        await WaitUntilAsync(() => host.ActiveAssociations == 0, "every association to end");
        Assert.Empty(ReceivedTempFiles());
        Assert.DoesNotContain(HostLog, l => l.Contains("failed", StringComparison.OrdinalIgnoreCase));
    }
}
