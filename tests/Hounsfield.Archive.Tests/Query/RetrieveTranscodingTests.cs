using System.Collections.Concurrent;
using Hounsfield.Archive.Tests.Support;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Codecs.Transcoding;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Tests.Query;

/// <summary>Instances stored compressed reach a receiver that takes only uncompressed syntaxes, decompressed on the way.</summary>
public sealed class RetrieveTranscodingTests : IAsyncLifetime
{
    private const string Study = "1.2.9.1";
    private static readonly string[] Compressed = ["1.2.840.10008.1.2.5", "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.70"];
    private readonly ArchiveTestServer _archive = new();
    private readonly ConcurrentDictionary<string, (string Syntax, byte[] Pixels)> _received = new();
    private readonly Dictionary<string, byte[]> _originals = [];
    private DicomHost _destination = null!;

    public async Task InitializeAsync()
    {
        _destination = new DicomHost(new DicomHostOptions { Port = 0, AETitle = "PLAIN", BindAddress = System.Net.IPAddress.Loopback })
            .Handle<CStoreRequest>((request, _, _) => Task.FromResult(Receive(request)), [DicomUid.CTImageStorage.Value], [DicomTransferSyntax.ExplicitVRLittleEndian]);
        await _destination.StartAsync();
        await _archive.StartAsync();
        _archive.Options.Peers["PLAIN"] = new DicomPeer("PLAIN", "127.0.0.1", _destination.Endpoints[0].Port);
        foreach (var syntax in Compressed)
        {
            var native = ArchiveTestServer.Instance(study: Study);
            _originals[native.Dataset.GetString(DicomTag.SOPInstanceUID)!] = native.Dataset.GetBytes(DicomTag.PixelData).ToArray();
            var stored = DicomTranscoder.Transcode(native, DicomTransferSyntax.Get(syntax));
            Assert.Equal(DimseStatus.Success, (await _archive.StoreAsync(stored)).Status);
        }
    }

    public async Task DisposeAsync()
    {
        await _archive.DisposeAsync();
        await _destination.DisposeAsync();
    }

    private DimseResponse Receive(CStoreRequest request)
    {
        var file = request.File!;
        _received[file.Dataset.GetString(DicomTag.SOPInstanceUID)!] = (request.PresentationContext!.AcceptedTransferSyntax!.Uid.Value, file.Dataset.GetBytes(DicomTag.PixelData).ToArray());
        return request.CreateResponse(DimseStatus.Success);
    }

    private static DicomDataset StudyIdentifier() => new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "STUDY").Set(DicomTag.StudyInstanceUID, Study);

    [Fact]
    public async Task A_move_to_an_uncompressed_only_destination_decompresses_each_instance()
    {
        var model = DicomUid.StudyRootQueryRetrieveInformationModelMove.Value;
        await using var client = await DicomClient.ConnectAsync(_archive.Peer, new DicomClientOptions().Propose(model));
        var final = (CMoveResponse)await client.SendAndWaitAsync(new CMoveRequest(model, "PLAIN", StudyIdentifier()));

        Assert.Equal(DimseStatus.Success, final.Status);
        Assert.Equal((ushort)Compressed.Length, final.Completed);
        AssertReceivedAsOriginals();
    }

    [Fact]
    public async Task A_get_whose_requestor_takes_only_uncompressed_decompresses_each_instance()
    {
        var model = DicomUid.StudyRootQueryRetrieveInformationModelGet.Value;
        var options = new DicomClientOptions { IncomingRequestHandler = (request, _, _) => Task.FromResult(Receive((CStoreRequest)request)) }.Propose(model);
        options.PresentationContexts.Add(new PresentationContextProposal(DicomUid.CTImageStorage.Value, [DicomTransferSyntax.ExplicitVRLittleEndian.Uid.Value], ScuRole: false, ScpRole: true));
        await using var client = await DicomClient.ConnectAsync(_archive.Peer, options);
        var final = (CGetResponse)await client.SendAndWaitAsync(new CGetRequest(model, StudyIdentifier()));

        Assert.Equal(DimseStatus.Success, final.Status);
        Assert.Equal((ushort)Compressed.Length, final.Completed);
        AssertReceivedAsOriginals();
    }

    private void AssertReceivedAsOriginals()
    {
        Assert.Equal(_originals.Keys.Order(), _received.Keys.Order());
        foreach (var (uid, (syntax, pixels)) in _received)
        {
            Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian.Uid.Value, syntax);
            Assert.Equal(_originals[uid], pixels);
        }
    }
}
