using Hounsfield.Dicom.Network;
using Hounsfield.Interop.Tests.Client;
using Hounsfield.Interop.Tests.Network;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Orthanc;

/// <summary>
/// Our client tools against Orthanc: `store` (checked through Orthanc's REST API, file by file),
/// `find` at each level of both models, `move` with Orthanc's C-MOVE SCP sending to our
/// `move --listen`, and `get`.
/// </summary>
public sealed class OrthancClientTests(OrthancClientTests.Fixture fixture) : IClassFixture<OrthancClientTests.Fixture>
{
    private const string Root = "1.2.826.0.1.3680043.2.1125.76";
    private readonly TempDirectory _dir = fixture.Directory;
    private readonly int _listenPort = fixture.ListenPort;
    private readonly OrthancProcess _orthanc = fixture.Orthanc;
    private readonly List<string> _sources = fixture.Sources;

    /// <summary>One Orthanc for the class, filled by `hounsfield store`.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public TempDirectory Directory { get; } = new();
        public int ListenPort { get; } = InteropNetwork.FreePort();
        public OrthancProcess Orthanc { get; private set; } = null!;
        public List<string> Sources { get; private set; } = [];

        public async Task InitializeAsync()
        {
            Orthanc = await OrthancProcess.StartAsync(Directory.File("orthanc"), new Dictionary<string, DicomPeer>
            {
                ["hounsfield"] = new("HOUNSFIELD", "127.0.0.1", InteropNetwork.FreePort()),
                ["hfmove"] = new("HFMOVE", "127.0.0.1", ListenPort),
            });
            Sources = ClientStudies.Write(Directory.File("send"), Root);
            var stored = await CliAsync("store", Orthanc.Peer, Directory.File("send"), "--associations", "2");
            Assert.True(stored.ExitCode == 0, stored.Output + stored.Error + Orthanc.Output);
            Assert.Contains("Stored 8 of 8", stored.Output);
        }

        public async Task DisposeAsync()
        {
            await Orthanc.DisposeAsync();
            Directory.Dispose();
        }
    }

    private static Task<PeerResult> CliAsync(params string[] args) => Task.Run(() => HounsfieldCli.Run(args));

    [Fact]
    public async Task Store_puts_every_file_in_orthanc_unchanged()
    {
        for (var study = 1; study <= 2; study++)
        {
            var ids = await _orthanc.InstancesOfStudyAsync($"{Root}.{study}");
            ClientStudies.AssertSameInstances(ClientStudies.OfStudy(_sources, study), await _orthanc.DownloadAsync(ids, _dir.File($"orthanc-{study}-{Guid.NewGuid():N}")));
        }
    }

    [Theory]
    [InlineData("study", "STUDY", new[] { "StudyInstanceUID", "PatientID" }, new[] { "StudyInstanceUID,PatientID", Root + ".1,P1", Root + ".2,P2" })]
    [InlineData("study", "SERIES", new[] { "StudyInstanceUID=" + Root + ".1", "SeriesInstanceUID", "Modality" }, new[] { "StudyInstanceUID,SeriesInstanceUID,Modality", Root + ".1," + Root + ".1.1,CT", Root + ".1," + Root + ".1.2,CT" })]
    [InlineData("study", "IMAGE", new[] { "StudyInstanceUID=" + Root + ".2", "SeriesInstanceUID=" + Root + ".2.1", "SOPInstanceUID" }, new[] { "StudyInstanceUID,SeriesInstanceUID,SOPInstanceUID", Root + ".2," + Root + ".2.1," + Root + ".2.1.1", Root + ".2," + Root + ".2.1," + Root + ".2.1.2" })]
    [InlineData("patient", "PATIENT", new[] { "PatientID", "PatientSex" }, new[] { "PatientID,PatientSex", "P1,F", "P2,M" })]
    [InlineData("patient", "STUDY", new[] { "PatientID=P2", "StudyInstanceUID", "AccessionNumber" }, new[] { "PatientID,StudyInstanceUID,AccessionNumber", "P2," + Root + ".2,ACC2" })]
    [InlineData("patient", "SERIES", new[] { "PatientID=P1", "StudyInstanceUID=" + Root + ".1", "SeriesInstanceUID=" + Root + ".1.2", "SeriesNumber" }, new[] { "PatientID,StudyInstanceUID,SeriesInstanceUID,SeriesNumber", "P1," + Root + ".1," + Root + ".1.2,2" })]
    [InlineData("patient", "IMAGE", new[] { "PatientID=P1", "StudyInstanceUID=" + Root + ".1", "SeriesInstanceUID=" + Root + ".1.1", "SOPInstanceUID", "InstanceNumber" }, new[] { "PatientID,StudyInstanceUID,SeriesInstanceUID,SOPInstanceUID,InstanceNumber", "P1," + Root + ".1," + Root + ".1.1," + Root + ".1.1.1,1", "P1," + Root + ".1," + Root + ".1.1," + Root + ".1.1.2,2" })]
    [InlineData("study", "STUDY", new[] { "PatientName=M*", "StudyInstanceUID", "StudyDate" }, new[] { "PatientName,StudyInstanceUID,StudyDate", "Müller^Anna," + Root + ".1,20250101" })]
    public async Task Find_at_each_level_of_each_model(string model, string level, string[] keys, string[] expected)
    {
        var result = await CliAsync(["find", _orthanc.Peer, "--model", model, "--level", level, "--csv", .. keys.SelectMany(k => new[] { "-k", k })]);
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var lines = System.Text.Encoding.UTF8.GetString(System.Text.Encoding.Latin1.GetBytes(result.Output)).Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(expected[1..].Order(StringComparer.Ordinal), CsvTable.Project(lines, expected[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Move_from_orthanc_to_our_listener()
    {
        var study = _dir.File("moved-study-" + Guid.NewGuid().ToString("N"));
        var result = await CliAsync("move", _orthanc.Peer, "--dest", "HFMOVE", "--listen", $"127.0.0.1:{_listenPort}", "--out", study, "-k", $"StudyInstanceUID={Root}.2");
        Assert.True(result.ExitCode == 0, result.Output + result.Error + _orthanc.Output);
        Assert.Matches(@"received\s+4", result.Output);
        ClientStudies.AssertSameInstances(ClientStudies.OfStudy(_sources, 2), Directory.GetFiles(study));

        var series = _dir.File("moved-series-" + Guid.NewGuid().ToString("N"));
        result = await CliAsync("move", _orthanc.Peer, "--level", "SERIES", "--dest", "HFMOVE", "--listen", $"127.0.0.1:{_listenPort}", "--out", series,
            "-k", $"StudyInstanceUID={Root}.1", "-k", $"SeriesInstanceUID={Root}.1.2");
        Assert.True(result.ExitCode == 0, result.Output + result.Error + _orthanc.Output);
        ClientStudies.AssertSameInstances(_sources.Where(p => Path.GetFileName(p).StartsWith("s1-2-", StringComparison.Ordinal)), Directory.GetFiles(series));
    }

    [Fact]
    public async Task Get_from_orthanc()
    {
        var study = _dir.File("got-study-" + Guid.NewGuid().ToString("N"));
        var result = await CliAsync("get", _orthanc.Peer, "--out", study, "-k", $"StudyInstanceUID={Root}.1");
        Assert.True(result.ExitCode == 0, result.Output + result.Error + _orthanc.Output);
        Assert.Matches(@"received\s+4", result.Output);
        ClientStudies.AssertSameInstances(ClientStudies.OfStudy(_sources, 1), Directory.GetFiles(study));
    }
}
