using System.Text.Json;
using Hounsfield.Archive;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Interop.Tests.Network;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Routing;

/// <summary>
/// `hounsfield serve` routing to DCMTK storescp: storescp and then our server killed (SIGKILL) in
/// the middle and restarted, every routed instance still arrives; IAN to our IAN SCP; the queue CLI
/// on an unreachable destination.
/// </summary>
public sealed class RoutingInteropTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hf-routing-interop-").FullName;
    private readonly int _port = InteropNetwork.FreePort();
    private readonly int _storescpPort = InteropNetwork.FreePort();
    private readonly List<DcmtkProcess> _processes = [];

    private string Data => Path.Combine(_dir, "data");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var process in _processes) await process.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<DcmtkProcess> ServeAsync(object routing, params string[] peers)
    {
        var file = Path.Combine(_dir, "routing.json");
        File.WriteAllText(file, JsonSerializer.Serialize(routing));
        string[] arguments = ["serve", "--port", InteropNetwork.Text(_port), "--data", Data, "--routing", file,
            .. peers.SelectMany(p => new[] { "--peer", p })];
        var serve = HounsfieldCli.Start(arguments);
        _processes.Add(serve);
        await serve.WaitForOutputAsync("listening on", TimeSpan.FromSeconds(60));
        return serve;
    }

    private DcmtkProcess Storescp(string folder, params string[] extra)
    {
        Directory.CreateDirectory(folder);
        var storescp = DcmtkProcess.Start("storescp", [.. extra, "-aet", "STORESCP", "-od", folder, InteropNetwork.Text(_storescpPort)]);
        _processes.Add(storescp);
        return storescp;
    }

    private List<string> MakeFiles(int count, string study)
    {
        var folder = Path.Combine(_dir, "send-" + study);
        Directory.CreateDirectory(folder);
        var uids = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            var uid = $"{study}.1.{i}";
            new DicomFile(new DicomDataset()
                .Set(DicomTag.SOPClassUID, DicomUid.CTImageStorage.Value).Set(DicomTag.SOPInstanceUID, uid)
                .Set(DicomTag.StudyInstanceUID, study).Set(DicomTag.SeriesInstanceUID, study + ".1").Set(DicomTag.Modality, "CT")
                .Set(DicomTag.PatientID, "R1").Set(DicomTag.PatientName, "Route^Test")).Save(Path.Combine(folder, $"{i}.dcm"));
            uids.Add(uid);
        }
        PeerTool.Run("storescu", ["-aec", "HOUNSFIELD", "127.0.0.1", InteropNetwork.Text(_port), .. Directory.GetFiles(folder)]).EnsureSuccess();
        return uids;
    }

    // The SOP Instance UIDs of the complete files in a storescp output folder (a store killed midway may leave a partial file).
    private static HashSet<string> Received(string folder)
    {
        var uids = new HashSet<string>();
        foreach (var path in Directory.GetFiles(folder))
        {
            try
            {
                if (DicomFile.Open(path).Dataset.GetString(DicomTag.SOPInstanceUID) is { } uid) uids.Add(uid);
            }
            catch (Exception e) when (e is DicomFormatException or IOException or EndOfStreamException)
            {
            }
        }
        return uids;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string> what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("timed out waiting: " + what());
            await Task.Delay(200);
        }
    }

    private static object Rules(int batchSize) => new
    {
        Rules = new[] { new { Name = "all CT", Modality = "CT", Destinations = new[] { "STORESCP" } } },
        RetryDelay = "00:00:00.200",
        MaxRetryDelay = "00:00:01",
        MaxAttempts = 1000,
        BatchSize = batchSize,
    };

    [Fact]
    public async Task Routing_to_storescp_survives_killing_storescp_and_our_server_midway()
    {
        var received = Path.Combine(_dir, "received");
        var storescpPeer = $"STORESCP@127.0.0.1:{_storescpPort}";
        // Slow storescp (1 s per store) so the kills land in the middle of the work.
        var slow = Storescp(received, "--sleep-during", "1");
        var serve = await ServeAsync(Rules(batchSize: 4), storescpPeer);
        var sent = MakeFiles(12, "1.2.826.0.1.3680043.2.1125.501");
        await WaitUntilAsync(() => Directory.GetFiles(received).Length >= 2, () => "storescp received nothing. Server:\n" + serve.Output);
        slow.Stop();
        await slow.WaitForExitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(500);
        serve.Stop();
        await serve.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(Received(received).Count < sent.Count, "everything arrived before the kills; the test proved nothing");

        var storescp = Storescp(received);
        serve = await ServeAsync(Rules(batchSize: 4), storescpPeer);
        await WaitUntilAsync(() => Received(received).IsSupersetOf(sent), () => $"{Received(received).Count} of {sent.Count} arrived. Server:\n{serve.Output}");
        Assert.Equal(sent.Order(), Received(received).Order());

        await WaitUntilAsync(() => QueueStates().All(s => s == "Done"), () => string.Join(",", QueueStates()) + "\n" + storescp.Output);
        Assert.Equal(sent.Count, QueueStates().Count);
    }

    private List<string> QueueStates()
    {
        var list = HounsfieldCli.Run("queue", "list", "--data", Data, "--json").EnsureSuccess();
        using var jobs = JsonDocument.Parse(list.Output);
        return jobs.RootElement.EnumerateArray().Select(j => j.GetProperty("state").GetString()!).ToList();
    }

    [Fact]
    public async Task An_unreachable_destination_shows_in_the_queue_and_the_cli_retries_and_clears()
    {
        var serve = await ServeAsync(new
        {
            Rules = new[] { new { Name = "nowhere", Destinations = new[] { "STORESCP" } } },
            RetryDelay = "00:00:00.100",
            MaxRetryDelay = "00:00:00.100",
            MaxAttempts = 3,
        }, $"STORESCP@127.0.0.1:{_storescpPort}");
        MakeFiles(2, "1.2.826.0.1.3680043.2.1125.502");
        await WaitUntilAsync(() => QueueStates().Count == 2 && QueueStates().All(s => s == "Failed"), () => string.Join(",", QueueStates()) + "\n" + serve.Output);

        var table = HounsfieldCli.Run("queue", "list", "--data", Data).EnsureSuccess();
        Assert.Contains("association with STORESCP@127.0.0.1", table.Output);
        Assert.Contains("2 job(s)", table.Output);
        Assert.Contains("attempt 3 failed, Failed", serve.Output);

        var received = Path.Combine(_dir, "received");
        Storescp(received);
        Assert.Contains("job 1 pending again", Queue("retry", "1"));
        await WaitUntilAsync(() => QueueStates().Contains("Done"), () => string.Join(",", QueueStates()));
        Assert.Single(Received(received));
        Assert.Equal(1, HounsfieldCli.Run("queue", "retry", "--data", Data).ExitCode);
        Assert.Contains("1 done job(s) removed", Queue("clear", "--done"));
        Assert.Contains("1 failed job(s) removed", Queue("clear", "--failed"));
        Assert.Contains("0 job(s)", HounsfieldCli.Run("queue", "list", "--data", Data).EnsureSuccess().Output);
    }

    private string Queue(params string[] arguments) => HounsfieldCli.Run(["queue", .. arguments, "--data", Data]).EnsureSuccess().Output;

    // A storescp association profile: MR only (uncompressed), and CT only in RLE Lossless.
    private const string StorescpProfiles = """
        [[TransferSyntaxes]]
        [Uncompressed]
        TransferSyntax1 = LocalEndianExplicit
        TransferSyntax2 = LittleEndianImplicit
        [Rle]
        TransferSyntax1 = RLELossless
        [[PresentationContexts]]
        [MrOnly]
        PresentationContext1 = MRImageStorage\Uncompressed
        [CtRle]
        PresentationContext1 = CTImageStorage\Rle
        [[Profiles]]
        [MRONLY]
        PresentationContexts = MrOnly
        [CTRLE]
        PresentationContexts = CtRle
        """;

    [Theory]
    [InlineData("MRONLY")]
    [InlineData("CTRLE")]
    public async Task Storescp_refusing_the_sop_class_fails_the_job_and_one_taking_only_rle_gets_it_transcoded(string profile)
    {
        var config = Path.Combine(_dir, "storescp.cfg");
        File.WriteAllText(config, StorescpProfiles);
        var received = Path.Combine(_dir, "received");
        var storescp = Storescp(received, "-xf", config, profile);
        var serve = await ServeAsync(new
        {
            Rules = new[] { new { Name = "CT", Modality = "CT", Destinations = new[] { "STORESCP" }, TransferSyntax = "1.2.840.10008.1.2.5" } },
            RetryDelay = "00:00:00.100",
            MaxAttempts = 2,
        }, $"STORESCP@127.0.0.1:{_storescpPort}");
        var folder = Path.Combine(_dir, "send");
        Directory.CreateDirectory(folder);
        var ds = new DicomDataset()
            .Set(DicomTag.SOPClassUID, DicomUid.CTImageStorage.Value).Set(DicomTag.SOPInstanceUID, "1.2.826.0.1.3680043.2.1125.504.1")
            .Set(DicomTag.StudyInstanceUID, "1.2.826.0.1.3680043.2.1125.504").Set(DicomTag.SeriesInstanceUID, "1.2.826.0.1.3680043.2.1125.504.2")
            .Set(DicomTag.Modality, "CT").Set(DicomTag.SamplesPerPixel, (ushort)1).Set(DicomTag.PhotometricInterpretation, "MONOCHROME2")
            .Set(DicomTag.Rows, (ushort)2).Set(DicomTag.Columns, (ushort)3).Set(DicomTag.BitsAllocated, (ushort)16).Set(DicomTag.BitsStored, (ushort)12)
            .Set(DicomTag.HighBit, (ushort)11).Set(DicomTag.PixelRepresentation, (ushort)0)
            .SetBytes(DicomTag.PixelData, DicomVR.OW, [1, 0, 2, 0, 3, 0, 4, 1, 5, 2, 6, 3]);
        new DicomFile(ds).Save(Path.Combine(folder, "ct.dcm"));
        PeerTool.Run("storescu", ["-aec", "HOUNSFIELD", "127.0.0.1", InteropNetwork.Text(_port), Path.Combine(folder, "ct.dcm")]).EnsureSuccess();

        if (profile == "MRONLY")
        {
            await WaitUntilAsync(() => QueueStates().SequenceEqual(["Failed"]), () => string.Join(",", QueueStates()) + "\n" + serve.Output);
            using var jobs = JsonDocument.Parse(HounsfieldCli.Run("queue", "list", "--data", Data, "--json").EnsureSuccess().Output);
            Assert.Equal("STORESCP accepted no presentation context for CT Image Storage", jobs.RootElement[0].GetProperty("lastError").GetString());
            Assert.Empty(Directory.GetFiles(received));
            return;
        }
        await WaitUntilAsync(() => QueueStates().SequenceEqual(["Done"]), () => string.Join(",", QueueStates()) + "\n" + serve.Output + storescp.Output);
        var file = DicomFile.Open(Assert.Single(Directory.GetFiles(received)));
        Assert.Equal("1.2.840.10008.1.2.5", file.TransferSyntax.Uid.Value);
        var decoded = Path.Combine(_dir, "decoded.dcm");
        PeerTool.Run("dcmdrle", [Directory.GetFiles(received)[0], decoded]).EnsureSuccess();
        Assert.Equal([1, 0, 2, 0, 3, 0, 4, 1, 5, 2, 6, 3], DicomFile.Open(decoded).Dataset.GetBytes(DicomTag.PixelData).ToArray());
    }

    [Fact]
    public async Task A_complete_study_is_announced_to_our_ian_scp()
    {
        var ris = ArchiveServer.Create(new ArchiveOptions { DataDirectory = Path.Combine(_dir, "ris") },
            new DicomHostOptions { AETitle = "RIS", Port = 0, BindAddress = System.Net.IPAddress.Loopback });
        await using (ris)
        {
            await ris.Host.StartAsync();
            var serve = await ServeAsync(new
            {
                InstanceAvailabilitySubscribers = new[] { "RIS" },
                StudyQuietTime = "00:00:03",
                StudyScanInterval = "00:00:00.200",
            }, $"RIS@127.0.0.1:{ris.Host.Endpoints[0].Port}");
            var sent = MakeFiles(3, "1.2.826.0.1.3680043.2.1125.503");
            await WaitUntilAsync(() => HounsfieldCli.Run("notifications", "list", "--data", Path.Combine(_dir, "ris")).Output.Contains("1 notification(s)"),
                () => serve.Output);
            var json = HounsfieldCli.Run("notifications", "list", "--data", Path.Combine(_dir, "ris"), "--json").EnsureSuccess();
            using var doc = JsonDocument.Parse(json.Output);
            var notification = Assert.Single(doc.RootElement.EnumerateArray());
            Assert.Equal("1.2.826.0.1.3680043.2.1125.503", notification.GetProperty("studyInstanceUid").GetString());
            Assert.Equal(sent.Count, notification.GetProperty("instances").GetInt32());
            Assert.Equal("ONLINE", notification.GetProperty("availability").GetString());
            Assert.Equal("HOUNSFIELD", notification.GetProperty("callingAETitle").GetString());
        }
    }
}
