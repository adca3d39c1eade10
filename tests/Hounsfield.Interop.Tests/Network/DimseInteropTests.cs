using System.Collections.Concurrent;
using System.Net;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;
using Hounsfield.Interop.Tests.Support;
using Xunit.Abstractions;
using static Hounsfield.Interop.Tests.Network.InteropInstances;
using static Hounsfield.Interop.Tests.Network.InteropNetwork;

namespace Hounsfield.Interop.Tests.Network;

/// <summary>
/// Our DIMSE layer against DCMTK: echoscu and storescu against DicomHost, DicomClient against
/// storescp. Files are made by our writer; sent and received data sets are compared with dcmdump.
/// </summary>
public sealed class DimseInteropTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DicomTransferSyntax Explicit = DicomTransferSyntax.ExplicitVRLittleEndian;
    private static readonly DicomTransferSyntax Implicit = DicomTransferSyntax.ImplicitVRLittleEndian;
    private static readonly DicomTransferSyntax Big = DicomTransferSyntax.ExplicitVRBigEndian;
    private static readonly DicomTransferSyntax Rle = DicomTransferSyntax.Get(RleLossless);

    private readonly string _folder = Directory.CreateTempSubdirectory("hounsfield-dimse-interop-").FullName;
    private readonly ConcurrentQueue<string> _hostLog = new();
    private DicomHost? _host;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string Subfolder(string name) => Directory.CreateDirectory(Path.Combine(_folder, name)).FullName;

    /// <summary>A host on 127.0.0.1 with Verification and a CT store handler that moves each file into <paramref name="keep"/>.</summary>
    private async Task<int> StartHostAsync(string? keep = null, IReadOnlyList<DicomTransferSyntax>? storageSyntaxes = null)
    {
        var options = new DicomHostOptions
        {
            AETitle = "HOUNSFIELD",
            Port = 0,
            BindAddress = IPAddress.Loopback,
            ReceiveDirectory = Subfolder("incoming"),
            Listener = new DicomListenerOptions { Association = FastOptions() },
            Log = _hostLog.Enqueue,
        };
        _host = new DicomHost(options).AddVerification();
        if (keep is not null)
        {
            _host.Handle<CStoreRequest>((request, _, _) =>
            {
                File.Move(request.ReceivedFilePath!, Path.Combine(keep, request.AffectedSopInstanceUid + ".dcm"));
                return Task.FromResult(request.CreateResponse(DimseStatus.Success));
            }, [CT], storageSyntaxes);
        }
        await _host.StartAsync();
        return _host.Endpoints[0].Port;
    }

    [Fact]
    public async Task Echoscu_AgainstDicomHost_Succeeds()
    {
        var port = await StartHostAsync();
        var (exit, text) = await DcmtkProcess.RunAsync(ToolTimeout, "echoscu", "-v", "-aet", "ECHOSCU", "-aec", "HOUNSFIELD", "127.0.0.1", Text(port));
        output.WriteLine(text);
        Assert.True(exit == 0, $"echoscu exited {exit}:\n{text}");
        Assert.Contains("Association Accepted", text);
        Assert.Contains("Received Echo Response (Success)", text);
        Assert.Contains("Releasing Association", text);
    }

    [Fact]
    public async Task Echoscu_WithAWrongCalledAETitle_IsRejectedWithReason7()
    {
        var port = await StartHostAsync();
        var (exit, text) = await DcmtkProcess.RunAsync(ToolTimeout, "echoscu", "-aet", "ECHOSCU", "-aec", "NOT_US", "127.0.0.1", Text(port));
        output.WriteLine(text);
        Assert.NotEqual(0, exit);
        Assert.Contains("Association Rejected", text);
        Assert.Matches(@"Result:\s+Rejected Permanent, Source:\s+Service User", text);
        // Reason 7 of source 1 (PS3.8 Table 9-21), as DCMTK names it.
        Assert.Contains("Reason: Called AE Title Not Recognized", text);
        Assert.Contains(_hostLog, l => l.Contains("NOT_US", StringComparison.Ordinal) && l.Contains("reason 7", StringComparison.Ordinal));
    }

    /// <summary>(file syntax, storescu options, syntaxes our host accepts, syntax expected on arrival).</summary>
    public static TheoryData<string, string, string, string> StorescuCases() => new()
    {
        // Sent unchanged: storescu picks the context of the file's own syntax.
        { Explicit.Uid.Value, "", "explicit,implicit,big", Explicit.Uid.Value },
        { Implicit.Uid.Value, "", "explicit,implicit,big", Implicit.Uid.Value },
        { Big.Uid.Value, "-xb", "explicit,implicit,big", Big.Uid.Value },
        { RleLossless, "-xr", "rle,explicit,implicit", RleLossless },
        // Forced: DCMTK converts before sending.
        { Explicit.Uid.Value, "-xi", "explicit,implicit,big", Implicit.Uid.Value },
        { Explicit.Uid.Value, "-xb", "big", Big.Uid.Value },
        { Big.Uid.Value, "-xe", "explicit", Explicit.Uid.Value },
        { Implicit.Uid.Value, "-xe", "explicit", Explicit.Uid.Value },
    };

    private static IReadOnlyList<DicomTransferSyntax> Syntaxes(string list) => [.. list.Split(',').Select(s => s switch
    {
        "explicit" => Explicit,
        "implicit" => Implicit,
        "big" => Big,
        "rle" => Rle,
        _ => throw new ArgumentException(s),
    })];

    [Theory]
    [MemberData(nameof(StorescuCases))]
    public async Task Storescu_ToDicomHost_EveryFileArrives_AndDcmdumpMatches(string fileSyntax, string storescuOption, string hostSyntaxes, string expectedSyntax)
    {
        var keep = Subfolder("kept");
        var port = await StartHostAsync(keep, Syntaxes(hostSyntaxes));
        var source = Subfolder("source");
        var files = Enumerable.Range(0, 3).Select(_ => Save(source, DicomTransferSyntax.Get(fileSyntax))).ToArray();

        string[] args = ["-aet", "STORESCU", "-aec", "HOUNSFIELD", .. storescuOption.Length > 0 ? new[] { storescuOption } : [], "127.0.0.1", Text(port), .. files.Select(f => f.SourcePath!)];
        var (exit, text) = await DcmtkProcess.RunAsync(ToolTimeout, "storescu", args);
        Assert.True(exit == 0, $"storescu {string.Join(' ', args)} exited {exit}:\n{text}\nhost log:\n{string.Join('\n', _hostLog)}");

        foreach (var sent in files)
        {
            var received = Path.Combine(keep, sent.Dataset.GetString(DicomTag.SOPInstanceUID) + ".dcm");
            Assert.True(File.Exists(received), $"{received} did not arrive; storescu said:\n{text}");
            Assert.Equal(DicomTransferSyntax.Get(expectedSyntax), DicomFile.Open(received).TransferSyntax);
            Assert.Equal(await DumpDatasetIgnoringSequenceLengthsAsync(sent.SourcePath!), await DumpDatasetIgnoringSequenceLengthsAsync(received));
        }
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder, "incoming")));
    }

    /// <summary>Starts storescp writing what it receives, bit for bit, into a folder.</summary>
    private (DcmtkProcess Storescp, int Port, string Folder) StartStorescp(params string[] options)
    {
        var port = FreePort();
        var folder = Subfolder("storescp");
        var storescp = DcmtkProcess.Start("storescp", [.. options, "-aet", "STORESCP", "-od", folder, Text(port)]);
        return (storescp, port, folder);
    }

    private static DicomClientOptions ClientOptions()
    {
        var options = new DicomClientOptions { CallingAETitle = "HOUNSFIELD", Association = FastOptions() };
        return options;
    }

    [Fact]
    public async Task DicomClient_ToStorescp_FilesInEverySyntaxArrive_AndMatch()
    {
        var (storescp, port, folder) = StartStorescp("+xa", "+B");
        await using var _ = storescp;
        var source = Subfolder("source");
        var files = new[] { Explicit, Implicit, Big, Rle }.Select(s => Save(source, s)).ToArray();
        var options = ClientOptions().ProposeFor(files);

        await using (var client = await WhenListeningAsync(() => DicomClient.ConnectAsync($"STORESCP@127.0.0.1:{Text(port)}", options), storescp))
        {
            foreach (var file in files)
            {
                var response = await client.StoreAsync(file).WaitAsync(TestTimeout);
                Assert.True(response.Status.IsSuccess, $"{file.TransferSyntax.Name}: {response}\n{storescp.Output}");
            }
            await client.ReleaseAsync().WaitAsync(TestTimeout);
        }

        var received = Directory.GetFiles(folder).ToDictionary(p => DicomFile.Open(p).Dataset.GetString(DicomTag.SOPInstanceUID)!);
        foreach (var file in files)
        {
            var uid = file.Dataset.GetString(DicomTag.SOPInstanceUID)!;
            Assert.True(received.TryGetValue(uid, out var copy), $"{file.TransferSyntax.Name} instance did not arrive:\n{storescp.Output}");
            Assert.Equal(file.TransferSyntax, DicomFile.Open(copy!).TransferSyntax);
            Assert.Equal(DatasetBytes(file.SourcePath!), DatasetBytes(copy!));
            Assert.Equal(await DumpDatasetAsync(file.SourcePath!), await DumpDatasetAsync(copy!));
        }
    }

    [Theory]
    [InlineData("+xi", "1.2.840.10008.1.2")]
    [InlineData("+xb", "1.2.840.10008.1.2.2")]
    public async Task DicomClient_ToStorescpPreferringAnotherSyntax_ConvertsAndTheValuesMatch(string storescpOption, string expectedSyntax)
    {
        var (storescp, port, folder) = StartStorescp(storescpOption, "+B");
        await using var _ = storescp;
        var file = Save(Subfolder("source"), Explicit);
        // One context offering all three: storescp chooses by its own preference.
        var options = ClientOptions();
        options.PresentationContexts.Add(new PresentationContextProposal(CT, [Explicit.Uid.Value, Big.Uid.Value, Implicit.Uid.Value]));

        await using (var client = await WhenListeningAsync(() => DicomClient.ConnectAsync($"STORESCP@127.0.0.1:{Text(port)}", options), storescp))
        {
            Assert.Equal(expectedSyntax, client.Association.FindPresentationContext(CT)?.AcceptedTransferSyntaxUid);
            Assert.True((await client.StoreAsync(file).WaitAsync(TestTimeout)).Status.IsSuccess, storescp.Output);
        }
        var copy = Assert.Single(Directory.GetFiles(folder));
        Assert.Equal(DicomTransferSyntax.Get(expectedSyntax), DicomFile.Open(copy).TransferSyntax);
        Assert.Equal(await DumpDatasetAsync(file.SourcePath!), await DumpDatasetAsync(copy));
    }

    [Fact]
    public async Task DicomClient_EchoToStorescp_Succeeds()
    {
        var (storescp, port, _) = StartStorescp("-v");
        await using var _ = storescp;
        await using var client = await WhenListeningAsync(() => DicomClient.ConnectAsync($"STORESCP@127.0.0.1:{Text(port)}", ClientOptions()), storescp);
        Assert.StartsWith("OFFIS_DCMTK", client.Association.PeerUserInformation.ImplementationVersionName);
        for (var i = 0; i < 5; i++)
        {
            var response = await client.EchoAsync().WaitAsync(TestTimeout);
            Assert.Equal(DimseStatus.Success, response.Status);
        }
        await client.ReleaseAsync().WaitAsync(TestTimeout);
        await storescp.WaitForOutputAsync("Association Release", TestTimeout);
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Matches(storescp.Output, "Received Echo Request").Count);
        Assert.DoesNotContain("Abort", storescp.Output, StringComparison.OrdinalIgnoreCase);
    }
}
