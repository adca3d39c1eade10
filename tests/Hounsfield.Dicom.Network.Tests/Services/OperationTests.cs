using System.Collections.Concurrent;
using Hounsfield.Dicom.Network.Dimse;
using Xunit.Abstractions;

namespace Hounsfield.Dicom.Network.Tests.Services;

/// <summary>Asynchronous operations, C-FIND with pending responses and C-CANCEL, C-GET with sub-operations on the same association.</summary>
public class OperationTests(ITestOutputHelper output) : ServiceTestBase
{
    private static DicomDataset StudyQuery() => new DicomDataset()
        .Set(DicomTag.QueryRetrieveLevel, "STUDY")
        .SetEmpty(DicomTag.StudyInstanceUID)
        .SetEmpty(DicomTag.PatientName);

    [Theory]
    [InlineData(8, 8, 8)]
    [InlineData(8, 3, 3)]
    [InlineData(1, 8, 1)]
    public async Task AsynchronousWindow_KeepsThatManyStoresInFlight(int clientWindow, int hostWindow, int expected)
    {
        var inFlight = 0;
        var peak = 0;
        var full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = HostOptions();
        options.MaxOperations = hostWindow;
        var host = await StartHostAsync(h => h.Handle<CStoreRequest>(async (r, _, ct) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            if (now == expected) full.TrySetResult();
            // Hold every operation until the window is full: only concurrency gets past this.
            await full.Task.WaitAsync(Timeout, ct);
            Interlocked.Decrement(ref inFlight);
            return r.CreateResponse(DimseStatus.Success);
        }, DicomUid.CTImageStorage), options);

        var files = Enumerable.Range(0, 3 * expected + 1).Select(_ => SaveAndOpen(CtDataset(), DicomTransferSyntax.ExplicitVRLittleEndian)).ToArray();
        var clientOptions = ClientOptions().ProposeFor(files);
        clientOptions.MaxOperations = clientWindow;
        var client = await ConnectAsync(host, clientOptions);
        Assert.Equal(expected, client.MaxOperations);

        var responses = await Task.WhenAll(files.Select(f => client.StoreAsync(f))).WaitAsync(Timeout);
        Assert.All(responses, r => Assert.Equal(DimseStatus.Success, r.Status));
        Assert.Equal(files.Select(f => f.Dataset.GetString(DicomTag.SOPInstanceUID)), responses.Select(r => r.AffectedSopInstanceUid));
        Assert.Equal(expected, peak);
        Assert.Equal(0, inFlight);
        Assert.Empty(ReceivedTempFiles());
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
    }

    [Fact]
    public async Task Find_PendingResponsesArriveInOrder_ThenTheFinal()
    {
        const int Matches = 25;
        var host = await StartHostAsync(h => h.Handle<CFindRequest>(async (r, context, ct) =>
        {
            Assert.Equal("STUDY", r.Dataset?.GetString(DicomTag.QueryRetrieveLevel));
            for (var i = 0; i < Matches; i++)
            {
                var match = new DicomDataset()
                    .Set(DicomTag.QueryRetrieveLevel, "STUDY")
                    .Set(DicomTag.StudyInstanceUID, $"1.2.3.{i}")
                    .Set(DicomTag.PatientName, $"PATIENT^{i}");
                await context.SendPendingAsync(new CFindResponse(r, DimseStatus.Pending, match), ct);
            }
            return r.CreateResponse(DimseStatus.Success);
        }, [StudyRootFind]));
        var client = await ConnectAsync(host, ClientOptions().Propose(StudyRootFind));

        var responses = new List<DimseResponse>();
        await foreach (var r in client.SendAsync(new CFindRequest(StudyRootFind, StudyQuery())).WithCancellation(new CancellationTokenSource(Timeout).Token))
            responses.Add(r);

        Assert.Equal(Matches + 1, responses.Count);
        for (var i = 0; i < Matches; i++)
        {
            var pending = Assert.IsType<CFindResponse>(responses[i]);
            Assert.Equal(DimseStatus.Pending, pending.Status);
            Assert.Equal($"1.2.3.{i}", pending.Dataset?.GetString(DicomTag.StudyInstanceUID));
            Assert.Equal($"PATIENT^{i}", pending.Dataset?.GetString(DicomTag.PatientName));
        }
        Assert.Equal(DimseStatus.Success, responses[^1].Status);
        Assert.Null(responses[^1].Dataset);
        // The association is still usable.
        Assert.Equal(DimseStatus.Success, (await client.SendAndWaitAsync(new CFindRequest(StudyRootFind, StudyQuery()))).Status);
    }

    [Fact]
    public async Task Find_CancelledByTheClient_SendsCCancel_CancelsTheHandler_EndsWithFE00()
    {
        var handlerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = await StartHostAsync(h => h.Handle<CFindRequest>(async (r, context, ct) =>
        {
            using var _ = ct.Register(() => handlerCancelled.TrySetResult());
            for (var i = 0; ; i++)
            {
                var match = new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "STUDY").Set(DicomTag.StudyInstanceUID, $"1.2.3.{i}");
                await context.SendPendingAsync(new CFindResponse(r, DimseStatus.Pending, match), ct);
                await Task.Delay(10, ct);
            }
        }, [StudyRootFind]).AddVerification());
        var client = await ConnectAsync(host, ClientOptions().Propose(StudyRootFind).Propose(DicomUid.Verification.Value));

        using var cancel = new CancellationTokenSource();
        var responses = new List<DimseResponse>();
        await foreach (var r in client.SendAsync(new CFindRequest(StudyRootFind, StudyQuery()), cancel.Token))
        {
            responses.Add(r);
            if (responses.Count == 3) await cancel.CancelAsync();
            Assert.True(responses.Count < 1000, "the find never ended");
        }
        output.WriteLine($"{responses.Count - 1} pending responses before the final {responses[^1]}");
        Assert.True(DimseStatus.Cancel == responses[^1].Status, $"final response {responses[^1]}");
        await handlerCancelled.Task.WaitAsync(Timeout);
        Assert.All(responses.Take(responses.Count - 1), r => Assert.True(r.Status.IsPending));
        Assert.True(responses.Count >= 4);
        // The association is still usable afterwards.
        Assert.True((await client.EchoAsync().WaitAsync(Timeout)).Status.IsSuccess);
    }

    [Fact]
    public async Task Find_CancelledWhileAMatchIsBeingSent_EndsTheFind_NotTheAssociation()
    {
        // Large matches in small PDUs: the C-CANCEL usually lands while one is on the wire.
        var match = new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "STUDY").Set(DicomTag.PatientComments, new string('x', 60000));
        var host = await StartHostAsync(h => h.Handle<CFindRequest>(async (r, context, ct) =>
        {
            while (true) await context.SendPendingAsync(new CFindResponse(r, DimseStatus.Pending, match), ct);
        }, [StudyRootFind]));
        var options = ClientOptions().Propose(StudyRootFind);
        options.Association.MaxPduLength = 4096;
        var client = await ConnectAsync(host, options);
        for (var i = 0; i < 100; i++)
        {
            using var cancel = new CancellationTokenSource();
            DimseResponse? last = null;
            var count = 0;
            await foreach (var r in client.SendAsync(new CFindRequest(StudyRootFind, StudyQuery()), cancel.Token))
            {
                last = r;
                if (++count == 2) await cancel.CancelAsync();
            }
            Assert.Equal(DimseStatus.Cancel, last!.Status);
        }
    }

    [Fact]
    public async Task Get_SendsSubOperationsOnTheSameAssociation_ToAClientActingAsStorageScp()
    {
        var files = Enumerable.Range(0, 5).Select(i => SaveAndOpen(CtDataset(), DicomTransferSyntax.ExplicitVRLittleEndian)).ToArray();
        var host = await StartHostAsync(h => h
            .Handle<CGetRequest>(async (r, context, ct) =>
            {
                ushort done = 0, failed = 0;
                foreach (var file in files)
                {
                    var store = await context.StoreAsync(file, ct);
                    if (store.Status.IsSuccess) done++;
                    else failed++;
                    await context.SendPendingAsync(new CGetResponse(r, DimseStatus.Pending)
                    {
                        Remaining = (ushort)(files.Length - done - failed),
                        Completed = done,
                        Failed = failed,
                        Warning = 0,
                    }, ct);
                }
                return new CGetResponse(r, failed == 0 ? DimseStatus.Success : DimseStatus.SubOperationsCompleteWithFailures)
                {
                    Remaining = 0,
                    Completed = done,
                    Failed = failed,
                    Warning = 0,
                };
            }, [StudyRootGet])
            .AcceptStorageForGet([CT]));

        var clientFolder = Directory.CreateDirectory(Path.Combine(Folder, "client-incoming")).FullName;
        var retrieved = Directory.CreateDirectory(Path.Combine(Folder, "retrieved")).FullName;
        var options = ClientOptions().Propose(StudyRootGet);
        options.PresentationContexts.Add(new PresentationContextProposal(CT, [DicomTransferSyntax.ExplicitVRLittleEndian.Uid.Value], ScuRole: true, ScpRole: true));
        options.ReceiveDirectory = clientFolder;
        options.IncomingRequestHandler = (request, context, _) =>
        {
            var store = Assert.IsType<CStoreRequest>(request);
            Assert.Equal("HOUNSFIELD", context.CalledAETitle);
            Assert.Equal("HOUNSFIELD", store.File!.FileMetaInformation.GetString(DicomTag.SourceApplicationEntityTitle));
            File.Move(store.ReceivedFilePath!, Path.Combine(retrieved, store.AffectedSopInstanceUid + ".dcm"));
            return Task.FromResult(request.CreateResponse(DimseStatus.Success));
        };
        var client = await ConnectAsync(host, options);
        var ct = client.Association.FindPresentationContext(CT);
        Assert.NotNull(ct);
        Assert.True(ct!.RequestorIsScp, "the host must accept the client as Storage SCP on the CT context");

        var responses = new List<DimseResponse>();
        await foreach (var r in client.SendAsync(new CGetRequest(StudyRootGet, StudyQuery())).WithCancellation(new CancellationTokenSource(Timeout).Token))
            responses.Add(r);

        Assert.Equal(files.Length + 1, responses.Count);
        var final = Assert.IsType<CGetResponse>(responses[^1]);
        Assert.Equal(DimseStatus.Success, final.Status);
        Assert.Equal((ushort?)files.Length, final.Completed);
        Assert.Equal((ushort?)0, final.Failed);
        for (var i = 0; i < files.Length; i++)
        {
            var pending = Assert.IsType<CGetResponse>(responses[i]);
            Assert.Equal((ushort?)(i + 1), pending.Completed);
            Assert.Equal((ushort?)(files.Length - i - 1), pending.Remaining);
            var copy = Path.Combine(retrieved, files[i].Dataset.GetString(DicomTag.SOPInstanceUID) + ".dcm");
            Assert.Equal(DatasetBytes(files[i].SourcePath!), DatasetBytes(copy));
        }
        Assert.Empty(Directory.GetFiles(clientFolder));
    }

    [Fact]
    public async Task Get_WithoutAStorageContext_FailsTheSubOperationClearly()
    {
        var file = SaveAndOpen(CtDataset(), DicomTransferSyntax.ExplicitVRLittleEndian);
        var host = await StartHostAsync(h => h.Handle<CGetRequest>(async (r, context, ct) =>
        {
            await context.StoreAsync(file, ct);
            return r.CreateResponse(DimseStatus.Success);
        }, [StudyRootGet]).AcceptStorageForGet([CT]));
        // The client proposes CT storage, but not in the SCP role.
        var client = await ConnectAsync(host, ClientOptions().Propose(StudyRootGet).Propose(CT));
        var final = await client.SendAndWaitAsync(new CGetRequest(StudyRootGet, StudyQuery())).WaitAsync(Timeout);
        Assert.Equal(DimseStatus.ProcessingFailure, final.Status);
        Assert.Contains("CT Image Storage", final.ErrorComment);
    }

    [Fact]
    public async Task Get_PeerReleasingWithASubOperationUnanswered_EndsAtOnce_NotAfterTheDimseTimeout()
    {
        var file = SaveAndOpen(CtDataset(), DicomTransferSyntax.ExplicitVRLittleEndian);
        var subOperationFailed = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = HostOptions();
        options.Listener.Association.DimseTimeout = TimeSpan.FromSeconds(30);
        var host = await StartHostAsync(h => h.Handle<CGetRequest>(async (r, context, ct) =>
        {
            try
            {
                await context.StoreAsync(file, ct);
            }
            catch (DicomNetworkException e)
            {
                subOperationFailed.TrySetResult(e);
            }
            return new CGetResponse(r, DimseStatus.SubOperationsCompleteWithFailures) { Remaining = 0, Completed = 0, Failed = 1, Warning = 0 };
        }, [StudyRootGet]).AcceptStorageForGet([CT]), options);

        var rq = new AssociationRequest("RAWGET", "HOUNSFIELD");
        rq.AddPresentationContext(StudyRootGet, DicomTransferSyntax.ExplicitVRLittleEndian);
        rq.AddPresentationContext(CT, DicomTransferSyntax.ExplicitVRLittleEndian);
        rq.ProposeRoles(CT, scuRole: false, scpRole: true);
        using var raw = await RawPeer.AssociateAsync(host.Endpoints[0].Port, rq);
        var get = new CGetRequest(StudyRootGet, StudyQuery()) { MessageId = 1 };
        await raw.SendCommandAsync(1, get);
        var identifier = new MemoryStream();
        StudyQuery().WriteTo(identifier, DicomTransferSyntax.ExplicitVRLittleEndian);
        await raw.SendDataAsync(1, identifier.ToArray(), isLast: true);
        Assert.IsType<CStoreRequest>(await raw.ReadCommandAsync().WaitAsync(Timeout));

        // Release without answering the C-STORE.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var commands = await raw.ReleaseCollectingCommandsAsync().WaitAsync(Timeout);
        output.WriteLine($"released after {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the release took {clock.Elapsed}");
        var final = Assert.IsType<CGetResponse>(commands[^1]);
        Assert.Equal(DimseStatus.SubOperationsCompleteWithFailures, final.Status);
        Assert.Contains("release", (await subOperationFailed.Task.WaitAsync(Timeout)).Message);
    }

    [Fact]
    public async Task IncomingStore_WithoutAHandler_IsRefusedByTheClient()
    {
        var file = SaveAndOpen(CtDataset(), DicomTransferSyntax.ExplicitVRLittleEndian);
        var host = await StartHostAsync(h => h.Handle<CGetRequest>(async (r, context, ct) =>
        {
            var store = await context.StoreAsync(file, ct);
            var response = r.CreateResponse(store.Status.IsSuccess ? DimseStatus.Success : DimseStatus.SubOperationsCompleteWithFailures);
            response.ErrorComment = store.ErrorComment;
            return response;
        }, [StudyRootGet]).AcceptStorageForGet([CT]));
        var options = ClientOptions().Propose(StudyRootGet);
        options.ReceiveDirectory = Directory.CreateDirectory(Path.Combine(Folder, "client-incoming")).FullName;
        options.PresentationContexts.Add(new PresentationContextProposal(CT, DicomClientOptions.DefaultTransferSyntaxes, ScuRole: false, ScpRole: true));
        var client = await ConnectAsync(host, options);
        var final = await client.SendAndWaitAsync(new CGetRequest(StudyRootGet, StudyQuery())).WaitAsync(Timeout);
        Assert.Equal(DimseStatus.SubOperationsCompleteWithFailures, final.Status);
        Assert.False(string.IsNullOrEmpty(final.ErrorComment));
        Assert.Empty(Directory.GetFiles(options.ReceiveDirectory));
    }
}
