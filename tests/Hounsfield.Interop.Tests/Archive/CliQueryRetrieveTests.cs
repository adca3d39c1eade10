using Hounsfield.Archive;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Interop.Tests.Network;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Archive;

/// <summary>`hounsfield store`, `find`, `move` and `get` run as processes against the archive (and a DCMTK storescp as move destination).</summary>
public sealed class CliQueryRetrieveTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hf-cli-qr-").FullName;
    private readonly int _storescpPort = InteropNetwork.FreePort();
    private ArchiveServer _server = null!;
    private string _peer = "";

    public async Task InitializeAsync()
    {
        var options = new ArchiveOptions { DataDirectory = Path.Combine(_dir, "data") };
        options.Peers["STORESCP"] = new DicomPeer("STORESCP", "127.0.0.1", _storescpPort);
        _server = ArchiveServer.Create(options, new DicomHostOptions { Port = 0, BindAddress = System.Net.IPAddress.Loopback });
        await _server.Host.StartAsync();
        _peer = $"HOUNSFIELD@127.0.0.1:{_server.Host.Endpoints[0].Port}";
        var send = Path.Combine(_dir, "send");
        Directory.CreateDirectory(Path.Combine(send, "nested"));
        for (var i = 1; i <= 3; i++)
        {
            var ds = new DicomDataset()
                .Set(DicomTag.SOPClassUID, DicomUid.CTImageStorage.Value).Set(DicomTag.SOPInstanceUID, $"1.2.5.{i % 2 + 1}.1.{i}")
                .Set(DicomTag.StudyInstanceUID, $"1.2.5.{i % 2 + 1}").Set(DicomTag.SeriesInstanceUID, $"1.2.5.{i % 2 + 1}.1")
                .Set(DicomTag.PatientID, $"C{i % 2 + 1}").Set(DicomTag.PatientName, i % 2 == 0 ? "Cli^Alpha" : "Cli^Beta").Set(DicomTag.StudyDate, "20250101");
            new DicomFile(ds).Save(Path.Combine(send, i == 3 ? "nested" : "", $"f{i}.dcm"));
        }
        File.WriteAllText(Path.Combine(send, "notes.txt"), "not DICOM");
        var stored = HounsfieldCli.Run("store", _peer, send, "--associations", "2");
        Assert.True(stored.ExitCode == 0, stored.Output + stored.Error);
        Assert.Contains("Stored 3 of 3", stored.Output);
        Assert.Contains("notes.txt", stored.Error);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Find_prints_a_table_and_csv()
    {
        var table = HounsfieldCli.Run("find", _peer, "--level", "STUDY", "-k", "PatientName=Cli*", "-k", "StudyInstanceUID", "-k", "NumberOfStudyRelatedInstances").EnsureSuccess();
        Assert.Contains("2 match(es)", table.Output);
        Assert.Contains("1.2.5.1", table.Output);
        var csv = HounsfieldCli.Run("find", _peer, "--level", "PATIENT", "--model", "patient", "-k", "PatientID=C2", "-k", "PatientName", "--csv").EnsureSuccess();
        Assert.Equal(["PatientName,PatientID", "Cli^Beta,C2"], csv.Output.Trim().Split('\n').Select(l => l.Trim()));
    }

    [Fact]
    public async Task Move_sends_to_storescp_and_get_saves_to_a_folder()
    {
        var moved = Path.Combine(_dir, "moved");
        Directory.CreateDirectory(moved);
        await using (var storescp = DcmtkProcess.Start("storescp", "-aet", "STORESCP", "-od", moved, _storescpPort.ToString()))
        {
            await Task.Delay(300);
            var move = HounsfieldCli.Run("move", _peer, "--dest", "STORESCP", "-k", "StudyInstanceUID=1.2.5.2").EnsureSuccess();
            Assert.Matches(@"completed\s+2", move.Output);
        }
        Assert.Equal(2, Directory.GetFiles(moved).Length);

        var got = Path.Combine(_dir, "got");
        var get = HounsfieldCli.Run("get", _peer, "--out", got, "-k", "StudyInstanceUID=1.2.5.1").EnsureSuccess();
        Assert.Matches(@"completed\s+1", get.Output);
        Assert.Matches(@"received\s+1", get.Output);
        Assert.Equal("1.2.5.1.1.2", DicomFile.Open(Assert.Single(Directory.GetFiles(got))).Dataset.GetString(DicomTag.SOPInstanceUID));
    }

    [Fact]
    public void Failures_exit_non_zero_with_the_reason()
    {
        var move = HounsfieldCli.Run("move", _peer, "--dest", "NOBODY", "-k", "StudyInstanceUID=1.2.5.1");
        Assert.Equal(1, move.ExitCode);
        Assert.Contains("not a known AE", move.Error);
        var find = HounsfieldCli.Run("find", _peer, "--level", "PATIENT", "-k", "PatientID");
        Assert.Equal(1, find.ExitCode);
        Assert.Contains("A900H", find.Error);
    }
}
