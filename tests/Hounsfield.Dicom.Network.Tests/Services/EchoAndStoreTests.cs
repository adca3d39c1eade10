using System.Collections.Concurrent;
using Hounsfield.Dicom.Network.Dimse;
using Hounsfield.Dicom.Network.Tests.Association;

namespace Hounsfield.Dicom.Network.Tests.Services;

/// <summary>DicomClient against DicomHost over 127.0.0.1: C-ECHO, C-STORE in every kind of syntax, refusals and failures.</summary>
public class EchoAndStoreTests : ServiceTestBase
{
    private static readonly DicomTransferSyntax Rle = DicomTransferSyntax.Get(RleLossless);

    /// <summary>A store handler that keeps each received file by moving it into <paramref name="folder"/>.</summary>
    private static DimseRequestHandler<CStoreRequest> KeepIn(string folder, ConcurrentBag<string>? kept = null) => (request, _, _) =>
    {
        var target = Path.Combine(folder, request.AffectedSopInstanceUid + ".dcm");
        File.Move(request.ReceivedFilePath!, target);
        kept?.Add(target);
        return Task.FromResult(request.CreateResponse(DimseStatus.Success));
    };

    [Fact]
    public async Task Echo_Succeeds()
    {
        var host = await StartHostAsync(h => h.AddVerification());
        var client = await ConnectAsync(host, ClientOptions());
        var response = await client.EchoAsync().WaitAsync(Timeout);
        Assert.Equal(DimseStatus.Success, response.Status);
        Assert.Equal(DicomUid.Verification.Value, response.AffectedSopClassUid);
        Assert.Equal(DimseCommandField.CEchoResponse, response.CommandField);
        for (var i = 0; i < 10; i++) Assert.True((await client.EchoAsync()).Status.IsSuccess);
        await client.ReleaseAsync().WaitAsync(Timeout);
        Assert.Equal(AssociationState.Sta1Idle, client.Association.State);
        await WaitUntilAsync(() => host.ActiveAssociations == 0, "the host to close the association");
    }

    public static TheoryData<string> Syntaxes() =>
    [
        DicomTransferSyntax.ExplicitVRLittleEndian.Uid.Value,
        DicomTransferSyntax.ImplicitVRLittleEndian.Uid.Value,
        DicomTransferSyntax.ExplicitVRBigEndian.Uid.Value,
        RleLossless,
    ];

    [Theory]
    [MemberData(nameof(Syntaxes))]
    public async Task Store_InTheFilesOwnSyntax_ArrivesByteIdentical(string syntaxUid)
    {
        var syntax = DicomTransferSyntax.Get(syntaxUid);
        var keep = Directory.CreateDirectory(Path.Combine(Folder, "kept")).FullName;
        var host = await StartHostAsync(h => h.Handle(KeepIn(keep), [CT],
            [DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.ImplicitVRLittleEndian, DicomTransferSyntax.ExplicitVRBigEndian,
             DicomTransferSyntax.DeflatedExplicitVRLittleEndian, Rle]));
        var file = SaveAndOpen(syntax.IsEncapsulated ? EncapsulatedDataset() : CtDataset(), syntax);
        var options = ClientOptions().ProposeFor([file]);
        // Small PDUs so the data set spans several fragments.
        options.Association.MaxPduLength = 4096;
        var client = await ConnectAsync(host, options);

        var response = await client.StoreAsync(file).WaitAsync(Timeout);
        Assert.Equal(DimseStatus.Success, response.Status);
        Assert.Equal(file.Dataset.GetString(DicomTag.SOPInstanceUID), response.AffectedSopInstanceUid);
        Assert.Equal(CT, response.AffectedSopClassUid);

        var received = Path.Combine(keep, file.Dataset.GetString(DicomTag.SOPInstanceUID) + ".dcm");
        var copy = DicomFile.Open(received);
        Assert.Equal(syntax, copy.TransferSyntax);
        Assert.Equal(DatasetBytes(file.SourcePath!), DatasetBytes(received));
        Assert.Equal(CT, copy.FileMetaInformation.GetString(DicomTag.MediaStorageSOPClassUID));
        Assert.Equal(file.Dataset.GetString(DicomTag.SOPInstanceUID), copy.FileMetaInformation.GetString(DicomTag.MediaStorageSOPInstanceUID));
        Assert.Equal("TESTSCU", copy.FileMetaInformation.GetString(DicomTag.SourceApplicationEntityTitle));
        Assert.Empty(ReceivedTempFiles());
    }

    [Fact]
    public async Task Store_OfADeflatedFile_ArrivesDeflated_WithEveryValue()
    {
        // The reader does not record where a deflated data set starts, so it is deflated again rather than copied.
        var deflated = DicomTransferSyntax.DeflatedExplicitVRLittleEndian;
        var keep = Directory.CreateDirectory(Path.Combine(Folder, "kept")).FullName;
        var host = await StartHostAsync(h => h.Handle(KeepIn(keep), [CT], [deflated, DicomTransferSyntax.ExplicitVRLittleEndian]));
        var file = SaveAndOpen(CtDataset(), deflated);
        var client = await ConnectAsync(host, ClientOptions().ProposeFor([file]));
        Assert.Equal(DimseStatus.Success, (await client.StoreAsync(file).WaitAsync(Timeout)).Status);
        var copy = DicomFile.Open(Path.Combine(keep, file.Dataset.GetString(DicomTag.SOPInstanceUID) + ".dcm"));
        Assert.Equal(deflated, copy.TransferSyntax);
        AssertSameValues(file.Dataset, copy.Dataset);
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2.1", "1.2.840.10008.1.2")]
    [InlineData("1.2.840.10008.1.2.2", "1.2.840.10008.1.2")]
    [InlineData("1.2.840.10008.1.2", "1.2.840.10008.1.2.2")]
    [InlineData("1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1")]
    [InlineData("1.2.840.10008.1.2.1", "1.2.840.10008.1.2.1.99")]
    [InlineData("1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2")]
    public async Task Store_ConvertedToTheAcceptedSyntax_KeepsEveryValue(string fileSyntax, string hostSyntax)
    {
        var keep = Directory.CreateDirectory(Path.Combine(Folder, "kept")).FullName;
        var accepted = DicomTransferSyntax.Get(hostSyntax);
        var host = await StartHostAsync(h => h.Handle(KeepIn(keep), [CT], [accepted]));
        var file = SaveAndOpen(CtDataset(), DicomTransferSyntax.Get(fileSyntax));
        var options = ClientOptions();
        options.PresentationContexts.Add(new PresentationContextProposal(CT, [fileSyntax, hostSyntax]));
        var client = await ConnectAsync(host, options);

        var response = await client.StoreAsync(file).WaitAsync(Timeout);
        Assert.Equal(DimseStatus.Success, response.Status);
        var copy = DicomFile.Open(Path.Combine(keep, file.Dataset.GetString(DicomTag.SOPInstanceUID) + ".dcm"));
        Assert.Equal(accepted, copy.TransferSyntax);
        AssertSameValues(file.Dataset, copy.Dataset);
    }

    [Fact]
    public async Task Store_OfAnInMemoryDataSet_Arrives()
    {
        var keep = Directory.CreateDirectory(Path.Combine(Folder, "kept")).FullName;
        var host = await StartHostAsync(h => h.Handle(KeepIn(keep), [CT]));
        var client = await ConnectAsync(host, ClientOptions().Propose(CT));
        var ds = CtDataset();
        var response = await client.SendAndWaitAsync(new CStoreRequest(CT, ds.GetString(DicomTag.SOPInstanceUID)!, ds)).WaitAsync(Timeout);
        Assert.Equal(DimseStatus.Success, response.Status);
        AssertSameValues(ds, DicomFile.Open(Path.Combine(keep, ds.GetString(DicomTag.SOPInstanceUID) + ".dcm")).Dataset);
    }

    [Fact]
    public async Task Store_HandlerThatDoesNotMoveTheFile_LeavesNoTemporaryFile()
    {
        var seen = new ConcurrentBag<(string Path, bool Existed, string? Patient)>();
        var host = await StartHostAsync(h => h.Handle<CStoreRequest>((request, _, _) =>
        {
            seen.Add((request.ReceivedFilePath!, File.Exists(request.ReceivedFilePath), request.File?.Dataset.GetString(DicomTag.PatientID)));
            return Task.FromResult(request.CreateResponse(DimseStatus.Success));
        }, DicomUid.CTImageStorage));
        var client = await ConnectAsync(host, ClientOptions().Propose(CT));
        for (var i = 0; i < 3; i++)
        {
            var response = await client.StoreAsync(SaveAndOpen(CtDataset(), DicomTransferSyntax.ExplicitVRLittleEndian)).WaitAsync(Timeout);
            Assert.Equal(DimseStatus.Success, response.Status);
            // The temporary file is gone by the time the response arrives.
            Assert.Empty(ReceivedTempFiles());
        }
        Assert.Equal(3, seen.Count);
        Assert.All(seen, s =>
        {
            Assert.True(s.Existed);
            Assert.StartsWith(ReceiveFolder, s.Path);
            Assert.Equal("PID-42", s.Patient);
            Assert.False(File.Exists(s.Path));
        });
    }

    [Fact]
    public async Task Store_OfAClassWithNoHandler_IsRefusedWith0122AndAComment()
    {
        // The host accepts CT only for C-FIND (an odd but possible registration): a C-STORE on it has no handler.
        var host = await StartHostAsync(h => h.Handle<CFindRequest>((r, _, _) => Task.FromResult(r.CreateResponse(DimseStatus.Success)), [CT]));
        var client = await ConnectAsync(host, ClientOptions().Propose(CT));
        var response = await client.StoreAsync(SaveAndOpen(CtDataset(), DicomTransferSyntax.ExplicitVRLittleEndian)).WaitAsync(Timeout);
        Assert.Equal(DimseStatus.SopClassNotSupported, response.Status);
        Assert.False(string.IsNullOrWhiteSpace(response.ErrorComment));
        Assert.Contains("CT Image Storage", response.ErrorComment);
        Assert.Empty(ReceivedTempFiles());
    }

    [Fact]
    public async Task Store_WhoseSopClassIsNotTheContexts_IsRefusedWith0122()
    {
        var host = await StartHostAsync(h => h.Handle<CStoreRequest>((r, _, _) => Task.FromResult(r.CreateResponse(DimseStatus.Success)), [CT]));
        var rq = new AssociationRequest("RAW", "HOUNSFIELD");
        rq.AddPresentationContext(CT, DicomTransferSyntax.ExplicitVRLittleEndian);
        await using var a = await Dicom.Network.Association.ConnectAsync("127.0.0.1", host.Endpoints[0].Port, rq, NetworkTestHelpers.FastOptions());
        var store = new CStoreRequest(MR, "1.2.3.4", new DicomDataset()) { MessageId = 9 };
        var command = new MemoryStream();
        store.WriteCommand(command);
        await a.SendPDataAsync(1, isCommand: true, command.ToArray());
        var ds = new MemoryStream();
        CtDataset("1.2.3.4").Set(DicomTag.SOPClassUID, MR).WriteTo(ds, DicomTransferSyntax.ExplicitVRLittleEndian);
        await a.SendPDataAsync(1, isCommand: false, ds.ToArray());

        var (bytes, _) = await NetworkTestHelpers.ReceiveMessageAsync(a, new CancellationTokenSource(Timeout).Token);
        var response = Assert.IsType<CStoreResponse>(DimseMessage.ReadCommand(new MemoryStream(bytes)));
        Assert.Equal((ushort)9, response.MessageIdBeingRespondedTo);
        Assert.Equal(DimseStatus.SopClassNotSupported, response.Status);
        Assert.False(string.IsNullOrWhiteSpace(response.ErrorComment));
        await a.ReleaseAsync();
        Assert.Empty(ReceivedTempFiles());
    }

    [Fact]
    public async Task Store_HandlerThrowing_Gives0110WithTheMessage()
    {
        var host = await StartHostAsync(h => h.Handle<CStoreRequest>((_, _, _) => throw new InvalidDataException("disk quota for PID-42 exceeded"), DicomUid.CTImageStorage));
        var client = await ConnectAsync(host, ClientOptions().Propose(CT));
        var response = await client.StoreAsync(SaveAndOpen(CtDataset(), DicomTransferSyntax.ExplicitVRLittleEndian)).WaitAsync(Timeout);
        Assert.Equal(DimseStatus.ProcessingFailure, response.Status);
        Assert.Equal("disk quota for PID-42 exceeded", response.ErrorComment);
        // The association survives a failed operation.
        Assert.Equal(DimseStatus.ProcessingFailure, (await client.StoreAsync(SaveAndOpen(CtDataset(), DicomTransferSyntax.ExplicitVRLittleEndian))).Status);
        Assert.Empty(ReceivedTempFiles());
    }

    [Fact]
    public async Task Store_HandlerThrowingAnUnrelatedCancellation_Gives0110()
    {
        var host = await StartHostAsync(h => h.Handle<CStoreRequest>((_, _, _) => throw new OperationCanceledException("database call timed out"), DicomUid.CTImageStorage));
        var client = await ConnectAsync(host, ClientOptions().Propose(CT));
        var response = await client.StoreAsync(SaveAndOpen(CtDataset(), DicomTransferSyntax.ExplicitVRLittleEndian)).WaitAsync(Timeout);
        Assert.Equal(DimseStatus.ProcessingFailure, response.Status);
        Assert.Equal("database call timed out", response.ErrorComment);
        Assert.True((await client.StoreAsync(SaveAndOpen(CtDataset(), DicomTransferSyntax.ExplicitVRLittleEndian)).WaitAsync(Timeout)).Status.IsFailure);
    }

    [Fact]
    public async Task Store_ThatFailsMidDataSet_AbortsInsteadOfDeliveringATruncatedInstance()
    {
        var handled = 0;
        var host = await StartHostAsync(h => h.Handle<CStoreRequest>((r, _, _) =>
        {
            Interlocked.Increment(ref handled);
            return Task.FromResult(r.CreateResponse(DimseStatus.Success));
        }, [CT], [DicomTransferSyntax.ImplicitVRLittleEndian]));
        // Large pixel data stays on disk (bulk) and is read while the converted data set is sent...
        var file = SaveAndOpen(CtDataset(rows: 512, columns: 512), DicomTransferSyntax.ExplicitVRLittleEndian);
        var options = ClientOptions();
        options.PresentationContexts.Add(new PresentationContextProposal(CT, [DicomTransferSyntax.ImplicitVRLittleEndian.Uid.Value]));
        var client = await ConnectAsync(host, options);
        // ...but the file is gone by then: the elements before Pixel Data are already on the wire.
        File.Delete(file.SourcePath!);

        var e = await Assert.ThrowsAnyAsync<DicomNetworkException>(() => client.StoreAsync(file).WaitAsync(Timeout));
        Assert.Contains("aborted", e.Message);
        Assert.Equal(AssociationState.Sta1Idle, client.Association.State);
        await WaitUntilAsync(() => host.ActiveAssociations == 0, "the host to see the abort");
        Assert.Equal(0, handled);
        Assert.Empty(ReceivedTempFiles());
    }

    [Fact]
    public async Task Store_OfEncapsulatedPixelsToANativeOnlyPeer_IsRefusedBeforeAnythingIsSent()
    {
        var handled = 0;
        var host = await StartHostAsync(h => h.AddVerification().Handle<CStoreRequest>((r, _, _) =>
        {
            Interlocked.Increment(ref handled);
            return Task.FromResult(r.CreateResponse(DimseStatus.Success));
        }, [CT]));
        var client = await ConnectAsync(host, ClientOptions().Propose(CT).Propose(DicomUid.Verification.Value));
        var ds = EncapsulatedDataset();
        // An in-memory data set: its syntax is unknown, so nothing can tell which codec its fragments need.
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAndWaitAsync(new CStoreRequest(CT, ds.GetString(DicomTag.SOPInstanceUID)!, ds)));

        // A file in RLE Lossless, to a peer that accepted only native syntaxes.
        var rle = SaveAndOpen(EncapsulatedDataset(), Rle);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => client.StoreAsync(rle));
        Assert.Contains("codec", e.Message);
        // Nothing went out: the association is intact and no instance arrived.
        Assert.True((await client.EchoAsync().WaitAsync(Timeout)).Status.IsSuccess);
        await client.ReleaseAsync();
        await WaitUntilAsync(() => host.ActiveAssociations == 0, "the association to end");
        Assert.Equal(0, handled);
    }

    [Fact]
    public async Task Echo_WithoutAVerificationHandler_IsNotNegotiated()
    {
        var host = await StartHostAsync(h => h.Handle<CStoreRequest>((r, _, _) => Task.FromResult(r.CreateResponse(DimseStatus.Success)), DicomUid.CTImageStorage));
        var client = await ConnectAsync(host, ClientOptions().Propose(CT).Propose(DicomUid.Verification.Value));
        Assert.False(client.Association.FindPresentationContext(DicomUid.Verification.Value) is not null);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.EchoAsync());
    }

    [Fact]
    public async Task WrongCalledAETitle_IsRejected()
    {
        var host = await StartHostAsync(h => h.AddVerification());
        var e = await Assert.ThrowsAsync<AssociationRejectedException>(() =>
            DicomClient.ConnectAsync(PeerOf(host, "SOMEONE"), ClientOptions()));
        Assert.Equal(AssociationRejection.CalledAETitleNotRecognized, e.Rejection);
        Assert.Equal((byte)7, e.Rejection.Reason);
    }

    [Fact]
    public async Task ReleaseWhileIdle_EndsCleanlyOnBothSides()
    {
        var host = await StartHostAsync(h => h.AddVerification());
        var client = await DicomClient.ConnectAsync(PeerOf(host), ClientOptions());
        await WaitUntilAsync(() => host.ActiveAssociations == 1, "the association");
        await client.ReleaseAsync().WaitAsync(Timeout);
        Assert.Equal(AssociationState.Sta1Idle, client.Association.State);
        await client.DisposeAsync();
        await WaitUntilAsync(() => host.ActiveAssociations == 0, "the host to end the association");
        Assert.DoesNotContain(HostLog, l => l.Contains("failed", StringComparison.OrdinalIgnoreCase));
    }
}
