using System.Globalization;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;
using Hounsfield.Dicom.Serialization;
using Hounsfield.Interop.Tests.Network;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Worklist;

/// <summary>`hounsfield worklist` run as a process: find against DCMTK wlmscpfs, add/list/remove on a data folder, partial results on a dropped association.</summary>
public sealed class CliWorklistInteropTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hf-cli-mwl-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static DicomDataset Item(string accession, string id, string name, string modality, string station, string date, string charset = "ISO_IR 100")
    {
        var item = new DicomDataset().Set(DicomTag.SpecificCharacterSet, charset).Set(DicomTag.AccessionNumber, accession).Set(DicomTag.PatientID, id)
            .Set(DicomTag.PatientName, name).Set(DicomTag.RequestedProcedureID, "RP" + accession).Set(DicomTag.StudyInstanceUID, "1.2.826.0.1.3680043.2.1125.7." + accession.Length)
            .Set(DicomTag.RequestedProcedureDescription, modality + " exam").Set(DicomTag.PatientBirthDate, "19800101").Set(DicomTag.PatientSex, "O");
        var step = new DicomDataset();
        item.SetSequence(DicomTag.ScheduledProcedureStepSequence, step);
        step.Set(DicomTag.Modality, modality).Set(DicomTag.ScheduledStationAETitle, station).Set(DicomTag.ScheduledProcedureStepStartDate, date)
            .Set(DicomTag.ScheduledProcedureStepStartTime, "0900").Set(DicomTag.ScheduledProcedureStepID, "S" + accession)
            .Set(DicomTag.ScheduledPerformingPhysicianName, "Tech^Tom").Set(DicomTag.ScheduledProcedureStepDescription, "step");
        return item;
    }

    // PeerTool reads output as Latin-1 (byte-transparent); the CLI writes UTF-8.
    private static IReadOnlyList<DicomDataset> Json(PeerResult result)
    {
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        return DicomJson.DeserializeMany(System.Text.Encoding.UTF8.GetString(System.Text.Encoding.Latin1.GetBytes(result.Output)));
    }

    [Fact]
    public async Task Find_against_wlmscpfs_with_partial_name_and_id_and_station()
    {
        var worklists = Path.Combine(_dir, "worklists", "WLAE");
        Directory.CreateDirectory(worklists);
        File.WriteAllText(Path.Combine(worklists, "lockfile"), "");
        new DicomFile(Item("W1", "PAT001", "Doe^John", "CT", "CT_AE1", "20240115")).Save(Path.Combine(worklists, "w1.wl"));
        new DicomFile(Item("W2", "PAT002", "Doe^Jane", "MR", "MR_AE1", "20240115")).Save(Path.Combine(worklists, "w2.wl"));
        new DicomFile(Item("W3", "XYZ003", "Smith^Anna", "CT", "CT_AE2", "20240116")).Save(Path.Combine(worklists, "w3.wl"));
        var port = InteropNetwork.FreePort();
        await using var scp = DcmtkProcess.Start("wlmscpfs", "-v", "-dfr", "-csk", "-dfp", Path.Combine(_dir, "worklists"), port.ToString(CultureInfo.InvariantCulture));
        await WaitForPortAsync(port);
        var peer = $"WLAE@127.0.0.1:{port}";
        var byName = Json(HounsfieldCli.Run("worklist", "find", peer, "--patient-name", "Do^Ja", "--json"));
        Assert.Equal("W2", Assert.Single(byName).GetString(DicomTag.AccessionNumber));
        // wlmscpfs matches Patient ID by single value only: the *ID* convenience finds nothing there, --exact does.
        Assert.Empty(Json(HounsfieldCli.Run("worklist", "find", peer, "--patient-id", "PAT0", "--json")));
        var byId = Json(HounsfieldCli.Run("worklist", "find", peer, "--patient-id", "PAT001", "--exact", "--modality", "CT", "--json"));
        Assert.Equal("W1", Assert.Single(byId).GetString(DicomTag.AccessionNumber));
        Assert.Empty(Json(HounsfieldCli.Run("worklist", "find", peer, "--patient-id", "PAT001", "--exact", "--modality", "MR", "--json")));
        var match = Assert.Single(Json(HounsfieldCli.Run("worklist", "find", peer, "--station", "CT_AE2", "--date", "20240116", "--json")));
        Assert.Equal("Smith^Anna", match.GetString(DicomTag.PatientName));
        Assert.Equal("S" + "W3", match.GetSequence(DicomTag.ScheduledProcedureStepSequence)![0].GetString(DicomTag.ScheduledProcedureStepID));
        var table = HounsfieldCli.Run("worklist", "find", peer);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("3 match(es)", table.Output);
    }

    [Fact]
    public async Task Find_against_our_scp_returns_every_key_of_the_meddream_identifier()
    {
        var options = new Hounsfield.Archive.ArchiveOptions { DataDirectory = Path.Combine(_dir, "archive") };
        options.Worklist.ExpireAfter = TimeSpan.Zero;
        options.Worklist.CaseInsensitivePersonNames = true;
        await using var server = Hounsfield.Archive.ArchiveServer.Create(options, new DicomHostOptions { Port = 0, BindAddress = System.Net.IPAddress.Loopback });
        await server.Host.StartAsync();
        server.Worklist.AddOrReplace(Item("M1", "PM1", "Müller^Jörg", "CT", "CT_AE1", "20240115", "ISO_IR 192"));
        server.Worklist.AddOrReplace(Item("M2", "PM2", "Other^Person", "CT", "CT_AE1", "20240115"));
        var result = HounsfieldCli.Run("worklist", "find", $"HOUNSFIELD@127.0.0.1:{server.Host.Endpoints[0].Port}", "--patient-name", "müller", "--charset", "ISO_IR 192", "--json");
        var match = Assert.Single(Json(result));
        Assert.Equal("Müller^Jörg", match.GetString(DicomTag.PatientName));
        Assert.Equal(30, match.Count(e => e.Tag != DicomTag.SpecificCharacterSet));
        var step = Assert.Single(match.GetSequence(DicomTag.ScheduledProcedureStepSequence)!);
        Assert.Equal(13, step.Count);
        Assert.Equal("CT_AE1", step.GetString(DicomTag.ScheduledStationAETitle));
        Assert.Empty(match.GetSequence(DicomTag.ReferencedStudySequence)!);
    }

    [Fact]
    public void Add_list_and_remove_on_the_data_folder()
    {
        var data = Path.Combine(_dir, "data");
        var file = Path.Combine(_dir, "items.json");
        File.WriteAllText(file, DicomJson.Serialize([Item("J1", "PJ1", "Jsön^Ann", "US", "US_AE", "20300101", "ISO_IR 192"), Item("J2", "PJ2", "Roe^Bob", "CT", "CT_AE", "20300102")]));
        var added = HounsfieldCli.Run("worklist", "add", file, "--data", data);
        Assert.True(added.ExitCode == 0, added.Error);
        Assert.Contains("added J1/RPJ1/SJ1", added.Output);
        var listed = Json(HounsfieldCli.Run("worklist", "list", "--data", data, "--json"));
        Assert.Equal(["Jsön^Ann", "Roe^Bob"], listed.Select(i => i.GetString(DicomTag.PatientName)).Order());
        Assert.Contains("J2/RPJ2/SJ2", HounsfieldCli.Run("worklist", "list", "--data", data).Output);
        Assert.Equal(0, HounsfieldCli.Run("worklist", "remove", "J1/RPJ1/SJ1", "--data", data).ExitCode);
        Assert.Single(Json(HounsfieldCli.Run("worklist", "list", "--data", data, "--json")));
        var missing = HounsfieldCli.Run("worklist", "remove", "J1/RPJ1/SJ1", "--data", data);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("no worklist item", missing.Error);
    }

    [Fact]
    public async Task Results_received_before_the_association_drops_are_printed_with_a_failing_exit_code()
    {
        var mwl = DicomUid.ModalityWorklistInformationModelFind.Value;
        await using var host = new DicomHost(new DicomHostOptions { Port = 0, BindAddress = System.Net.IPAddress.Loopback, AETitle = "DROPPER" })
            .Handle<CFindRequest>(async (request, context, ct) =>
            {
                await context.SendPendingAsync(new CFindResponse(request, DimseStatus.Pending, Item("D1", "PD1", "Drop^One", "CT", "CT_AE", "20240101")), ct);
                await context.SendPendingAsync(new CFindResponse(request, DimseStatus.Pending, Item("D2", "PD2", "Drop^Two", "CT", "CT_AE", "20240101")), ct);
                await context.Association.AbortAsync();
                return request.CreateResponse(DimseStatus.Success);
            }, [mwl]);
        await host.StartAsync();
        var result = HounsfieldCli.Run("worklist", "find", $"DROPPER@127.0.0.1:{host.Endpoints[0].Port}", "--json");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("association ended after 2 result(s)", result.Error);
        Assert.Equal(["D1", "D2"], DicomJson.DeserializeMany(result.Output).Select(m => m.GetString(DicomTag.AccessionNumber)));
    }

    private static async Task WaitForPortAsync(int port)
    {
        var deadline = DateTime.UtcNow + InteropNetwork.ToolTimeout;
        while (true)
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
