using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Interop.Tests.Network;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Client;

/// <summary>
/// The client tools against DCMTK dcmqrscp: `store` fills its database, then `find` (each level of
/// each model), `move` to our own `move --listen`, and `get`, with what comes back compared file by file.
/// </summary>
public sealed class DcmqrscpTests : IAsyncLifetime
{
    private const string Root = "1.2.826.0.1.3680043.2.1125.75";
    private readonly TempDirectory _dir = new();
    private readonly int _port = InteropNetwork.FreePort();
    private readonly int _listenPort = InteropNetwork.FreePort();
    private DcmtkProcess _dcmqrscp = null!;
    private List<string> _sources = [];
    private string _peer = "";

    public async Task InitializeAsync()
    {
        var database = _dir.File("db");
        Directory.CreateDirectory(database);
        var config = _dir.File("dcmqrscp.cfg");
        File.WriteAllText(config, $"""
            NetworkTCPPort  = {_port}
            MaxPDUSize      = 16384
            MaxAssociations = 16

            HostTable BEGIN
            hfmove = (HFMOVE, 127.0.0.1, {_listenPort})
            HostTable END

            VendorTable BEGIN
            VendorTable END

            AETable BEGIN
            DCMQRSCP  {database}  RW  (200, 1024mb)  ANY
            AETable END
            """);
        // Forking mode: dcmqrscp 3.6.7 --single-process crashes (SIGSEGV) after its first association.
        _dcmqrscp = DcmtkProcess.Start("dcmqrscp", "-c", config, _port.ToString());
        _peer = $"DCMQRSCP@127.0.0.1:{_port}";
        await using (await InteropNetwork.WhenListeningAsync(() => DicomClient.ConnectAsync(_peer), _dcmqrscp)) { }
        _sources = ClientStudies.Write(_dir.File("send"), Root);
        var stored = await Task.Run(() => HounsfieldCli.Run("store", _peer, _dir.File("send")));
        Assert.True(stored.ExitCode == 0, stored.Output + stored.Error + _dcmqrscp.Output);
        Assert.Contains("Stored 8 of 8", stored.Output);
    }

    public async Task DisposeAsync()
    {
        await _dcmqrscp.DisposeAsync();
        _dir.Dispose();
    }

    private static List<string> Csv(PeerResult result) => result.EnsureSuccess().Output.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToList();

    private Task<PeerResult> CliAsync(params string[] args) => Task.Run(() => HounsfieldCli.Run(args));

    [Theory]
    [InlineData("study", "STUDY", new[] { "StudyInstanceUID", "PatientID" }, new[] { "StudyInstanceUID,PatientID", Root + ".1,P1", Root + ".2,P2" })]
    [InlineData("study", "SERIES", new[] { "StudyInstanceUID=" + Root + ".1", "SeriesInstanceUID", "Modality" }, new[] { "StudyInstanceUID,SeriesInstanceUID,Modality", Root + ".1," + Root + ".1.1,CT", Root + ".1," + Root + ".1.2,CT" })]
    [InlineData("study", "IMAGE", new[] { "StudyInstanceUID=" + Root + ".2", "SeriesInstanceUID=" + Root + ".2.1", "SOPInstanceUID" }, new[] { "StudyInstanceUID,SeriesInstanceUID,SOPInstanceUID", Root + ".2," + Root + ".2.1," + Root + ".2.1.1", Root + ".2," + Root + ".2.1," + Root + ".2.1.2" })]
    [InlineData("patient", "PATIENT", new[] { "PatientID", "PatientSex" }, new[] { "PatientID,PatientSex", "P1,F", "P2,M" })]
    [InlineData("patient", "STUDY", new[] { "PatientID=P2", "StudyInstanceUID", "AccessionNumber" }, new[] { "PatientID,StudyInstanceUID,AccessionNumber", "P2," + Root + ".2,ACC2" })]
    [InlineData("patient", "SERIES", new[] { "PatientID=P1", "StudyInstanceUID=" + Root + ".1", "SeriesInstanceUID=" + Root + ".1.2", "SeriesNumber" }, new[] { "PatientID,StudyInstanceUID,SeriesInstanceUID,SeriesNumber", "P1," + Root + ".1," + Root + ".1.2,2" })]
    [InlineData("patient", "IMAGE", new[] { "PatientID=P1", "StudyInstanceUID=" + Root + ".1", "SeriesInstanceUID=" + Root + ".1.1", "SOPInstanceUID", "InstanceNumber" }, new[] { "PatientID,StudyInstanceUID,SeriesInstanceUID,SOPInstanceUID,InstanceNumber", "P1," + Root + ".1," + Root + ".1.1," + Root + ".1.1.1,1", "P1," + Root + ".1," + Root + ".1.1," + Root + ".1.1.2,2" })]
    [InlineData("patient-study", "PATIENT", new[] { "PatientID=P2", "PatientBirthDate" }, new[] { "PatientID,PatientBirthDate", "P2,19700101" })]
    [InlineData("patient-study", "STUDY", new[] { "PatientID=P1", "StudyInstanceUID", "StudyID" }, new[] { "PatientID,StudyInstanceUID,StudyID", "P1," + Root + ".1,S1" })]
    public async Task Find_at_each_level_of_each_model(string model, string level, string[] keys, string[] expected)
    {
        var result = await CliAsync(["find", _peer, "--model", model, "--level", level, "--csv", .. keys.SelectMany(k => new[] { "-k", k })]);
        Assert.Equal(expected[1..].Order(StringComparer.Ordinal), CsvTable.Project(Csv(result), expected[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Find_returns_the_stored_latin1_name()
    {
        var result = await CliAsync("find", _peer, "--level", "STUDY", "-k", "PatientName", "-k", "StudyInstanceUID=" + Root + ".1", "--csv");
        Assert.Contains("Müller^Anna", System.Text.Encoding.UTF8.GetString(System.Text.Encoding.Latin1.GetBytes(Csv(result)[1])));
    }

    [Fact]
    public async Task Move_to_our_listener_brings_back_a_study_and_a_series()
    {
        var study = _dir.File("moved-study");
        var result = await CliAsync("move", _peer, "--dest", "HFMOVE", "--listen", $"127.0.0.1:{_listenPort}", "--out", study, "-k", $"StudyInstanceUID={Root}.1");
        Assert.True(result.ExitCode == 0, result.Output + result.Error + _dcmqrscp.Output);
        Assert.Matches(@"received\s+4", result.Output);
        ClientStudies.AssertSameInstances(ClientStudies.OfStudy(_sources, 1), Directory.GetFiles(study));

        var image = _dir.File("moved-image");
        result = await CliAsync("move", _peer, "--model", "patient", "--level", "IMAGE", "--dest", "HFMOVE", "--listen", $"127.0.0.1:{_listenPort}", "--out", image,
            "-k", "PatientID=P2", "-k", $"StudyInstanceUID={Root}.2", "-k", $"SeriesInstanceUID={Root}.2.2", "-k", $"SOPInstanceUID={Root}.2.2.1");
        Assert.True(result.ExitCode == 0, result.Output + result.Error + _dcmqrscp.Output);
        ClientStudies.AssertSameInstances(_sources.Where(p => p.EndsWith("s2-2-1.dcm", StringComparison.Ordinal)), Directory.GetFiles(image));
    }

    [Fact]
    public async Task Get_brings_back_a_study_and_a_series()
    {
        var study = _dir.File("got-study");
        var result = await CliAsync("get", _peer, "--out", study, "-k", $"StudyInstanceUID={Root}.2");
        Assert.True(result.ExitCode == 0, result.Output + result.Error + _dcmqrscp.Output);
        Assert.Matches(@"received\s+4", result.Output);
        ClientStudies.AssertSameInstances(ClientStudies.OfStudy(_sources, 2), Directory.GetFiles(study));

        var series = _dir.File("got-series");
        result = await CliAsync("get", _peer, "--level", "SERIES", "--out", series, "-k", $"StudyInstanceUID={Root}.1", "-k", $"SeriesInstanceUID={Root}.1.1");
        Assert.True(result.ExitCode == 0, result.Output + result.Error + _dcmqrscp.Output);
        ClientStudies.AssertSameInstances(_sources.Where(p => Path.GetFileName(p).StartsWith("s1-1-", StringComparison.Ordinal)), Directory.GetFiles(series));
    }

    [Fact]
    public async Task A_compressed_file_is_decompressed_for_dcmqrscp_and_comes_back_identical_in_pixels()
    {
        // dcmqrscp accepts only the uncompressed syntaxes unless told otherwise.
        var native = ClientStudies.Instance(Root, 3, 1, 1);
        var rle = _dir.File("rle.dcm");
        Hounsfield.Dicom.Codecs.Transcoding.DicomTranscoder.Transcode(new DicomFile(native), DicomTransferSyntax.Get("1.2.840.10008.1.2.5")).Save(rle);
        var stored = await CliAsync("store", _peer, rle);
        Assert.True(stored.ExitCode == 0, stored.Output + stored.Error + _dcmqrscp.Output);

        var back = _dir.File("rle-back");
        (await CliAsync("get", _peer, "--out", back, "-k", $"StudyInstanceUID={Root}.3")).EnsureSuccess();
        var received = DicomFile.Open(Assert.Single(Directory.GetFiles(back)));
        Assert.False(received.TransferSyntax.IsEncapsulated);
        Assert.Equal(native.GetBytes(DicomTag.PixelData).ToArray(), received.Dataset.GetBytes(DicomTag.PixelData).ToArray());
    }
}
