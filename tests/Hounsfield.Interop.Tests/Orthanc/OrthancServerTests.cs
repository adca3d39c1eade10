using System.Text.Json.Nodes;
using Hounsfield.Dicom.Network;
using Hounsfield.Interop.Tests.Client;
using Hounsfield.Interop.Tests.Network;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Orthanc;

/// <summary>
/// Our server (`hounsfield serve`, as a process) with Orthanc: as the C-MOVE destination of our
/// archive, and as a C-FIND / C-MOVE client of it driven through Orthanc's REST API.
/// </summary>
public sealed class OrthancServerTests(OrthancServerTests.Fixture fixture) : IClassFixture<OrthancServerTests.Fixture>
{
    private const string Root = "1.2.826.0.1.3680043.2.1125.77";

    /// <summary>One Orthanc and one `hounsfield serve` for the class, the archive filled by `hounsfield store`.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private DcmtkProcess _serve = null!;

        public TempDirectory Directory { get; } = new();
        public int ServerPort { get; } = InteropNetwork.FreePort();
        public OrthancProcess Orthanc { get; private set; } = null!;
        public List<string> Sources { get; private set; } = [];
        public string Server => $"HFARCHIVE@127.0.0.1:{ServerPort}";
        public string ServeOutput => _serve.Output;

        public async Task InitializeAsync()
        {
            Orthanc = await OrthancProcess.StartAsync(Directory.File("orthanc"), new Dictionary<string, DicomPeer>
            {
                ["hounsfield"] = new("HOUNSFIELD", "127.0.0.1", InteropNetwork.FreePort()),
            });
            // Our archive is made known to Orthanc at run time, as an administrator would, through its REST API.
            await Orthanc.AddModalityAsync("hfarchive", new DicomPeer("HFARCHIVE", "127.0.0.1", ServerPort));
            _serve = HounsfieldCli.Start("serve", "--aet", "HFARCHIVE",
                "--port", ServerPort.ToString(), "--data", Directory.File("archive"), "--peer", $"{OrthancProcess.AETitle}@127.0.0.1:{Orthanc.DicomPort}");
            await _serve.WaitForOutputAsync("listening on", TimeSpan.FromSeconds(90));
            Sources = ClientStudies.Write(Directory.File("send"), Root);
            var stored = await Task.Run(() => HounsfieldCli.Run("store", Server, Directory.File("send")));
            Assert.True(stored.ExitCode == 0, stored.Output + stored.Error + _serve.Output);
        }

        public async Task DisposeAsync()
        {
            _serve.Terminate();
            await _serve.WaitForExitAsync(TimeSpan.FromSeconds(60));
            await _serve.DisposeAsync();
            await Orthanc.DisposeAsync();
            Directory.Dispose();
        }
    }

    [Fact]
    public async Task Our_server_moves_a_study_to_orthanc()
    {
        var result = await Task.Run(() => HounsfieldCli.Run("move", fixture.Server, "--dest", OrthancProcess.AETitle, "-k", $"StudyInstanceUID={Root}.1"));
        Assert.True(result.ExitCode == 0, result.Output + result.Error + fixture.ServeOutput + fixture.Orthanc.Output);
        Assert.Matches(@"completed\s+4", result.Output);
        var ids = await fixture.Orthanc.InstancesOfStudyAsync($"{Root}.1");
        Assert.Equal(4, ids.Count);
        ClientStudies.AssertSameInstances(ClientStudies.OfStudy(fixture.Sources, 1),
            await fixture.Orthanc.DownloadAsync(ids, fixture.Directory.File("from-orthanc-" + Guid.NewGuid().ToString("N"))));
    }

    [Fact]
    public async Task Orthanc_finds_and_retrieves_from_our_server_through_its_rest_api()
    {
        var orthanc = fixture.Orthanc;
        var patients = await QueryAsync("modalities/hfarchive/query", "Patient", new JsonObject { ["PatientID"] = "P*", ["PatientName"] = "" });
        Assert.Equal(["P1", "P2"], patients.Select(p => p["PatientID"]!.GetValue<string>()).Order());

        var studyQuery = await orthanc.PostAsync("modalities/hfarchive/query", new JsonObject
        {
            ["Level"] = "Study",
            ["Query"] = new JsonObject { ["StudyInstanceUID"] = $"{Root}.2", ["PatientID"] = "", ["PatientName"] = "", ["AccessionNumber"] = "" },
        });
        var studyId = studyQuery["ID"]!.GetValue<string>();
        var studies = await AnswersAsync(studyId);
        var study = Assert.Single(studies);
        Assert.Equal("P2", study["PatientID"]!.GetValue<string>());
        Assert.Equal("Client^Bob", study["PatientName"]!.GetValue<string>());
        Assert.Equal("ACC2", study["AccessionNumber"]!.GetValue<string>());

        var seriesQuery = await orthanc.PostAsync($"queries/{studyId}/answers/0/query-series", new JsonObject());
        var series = await AnswersAsync(seriesQuery["ID"]!.GetValue<string>());
        Assert.Equal([$"{Root}.2.1", $"{Root}.2.2"], series.Select(s => s["SeriesInstanceUID"]!.GetValue<string>()).Order());

        await orthanc.PostAsync($"queries/{studyId}/retrieve", new JsonObject { ["TargetAet"] = OrthancProcess.AETitle, ["Synchronous"] = true, ["Timeout"] = 120 });
        var ids = await orthanc.InstancesOfStudyAsync($"{Root}.2");
        Assert.Equal(4, ids.Count);
        ClientStudies.AssertSameInstances(ClientStudies.OfStudy(fixture.Sources, 2),
            await orthanc.DownloadAsync(ids, fixture.Directory.File("retrieved-" + Guid.NewGuid().ToString("N"))));
    }

    private async Task<List<JsonNode>> QueryAsync(string path, string level, JsonObject query)
    {
        var created = await fixture.Orthanc.PostAsync(path, new JsonObject { ["Level"] = level, ["Query"] = query });
        return await AnswersAsync(created["ID"]!.GetValue<string>());
    }

    private async Task<List<JsonNode>> AnswersAsync(string queryId)
    {
        var answers = (await fixture.Orthanc.GetAsync($"queries/{queryId}/answers")).AsArray();
        var contents = new List<JsonNode>();
        foreach (var index in answers) contents.Add(await fixture.Orthanc.GetAsync($"queries/{queryId}/answers/{index!.GetValue<string>()}/content?simplify"));
        return contents;
    }
}
