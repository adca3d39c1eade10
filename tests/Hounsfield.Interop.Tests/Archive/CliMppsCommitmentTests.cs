using Hounsfield.Dicom;
using Hounsfield.Dicom.Serialization;
using Hounsfield.Interop.Tests.Network;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Archive;

/// <summary>
/// `hounsfield mpps` and `hounsfield commit` (our SCUs) against `hounsfield serve` (our SCPs) run
/// as processes: MPPS create/complete/refusals, and commitment reports on the same association and
/// on a new association the archive opens to the SCU's listening port. DCMTK has no MPPS or
/// Storage Commitment SCU or SCP tool, so our own two sides meet here.
/// </summary>
public sealed class CliMppsCommitmentTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hf-cli-mpps-").FullName;
    private readonly int _port = InteropNetwork.FreePort();
    private readonly int _listenPort = InteropNetwork.FreePort();
    private readonly int _deadPort = InteropNetwork.FreePort();
    private DcmtkProcess _server = null!;
    private string Peer => $"HOUNSFIELD@127.0.0.1:{_port}";
    private string Data => Path.Combine(_dir, "data");
    private string Send => Path.Combine(_dir, "send");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Send);
        for (var i = 1; i <= 2; i++)
        {
            var ds = new DicomDataset()
                .Set(DicomTag.SOPClassUID, DicomUid.CTImageStorage.Value).Set(DicomTag.SOPInstanceUID, $"1.2.826.0.1.3680043.2.1125.7.1.{i}")
                .Set(DicomTag.StudyInstanceUID, "1.2.826.0.1.3680043.2.1125.7").Set(DicomTag.SeriesInstanceUID, "1.2.826.0.1.3680043.2.1125.7.1")
                .Set(DicomTag.PatientID, "MPPS-1").Set(DicomTag.PatientName, "Step^Test").Set(DicomTag.Modality, "CT").Set(DicomTag.ProtocolName, "Chest")
                .Set(DicomTag.Rows, (ushort)2).Set(DicomTag.Columns, (ushort)2).Set(DicomTag.BitsAllocated, (ushort)16)
                .SetBytes(DicomTag.PixelData, DicomVR.OW, [1, 0, 2, 0, 3, 0, 4, 0]);
            new DicomFile(ds).Save(Path.Combine(Send, $"ct{i}.dcm"));
        }
        _server = HounsfieldCli.Start("serve",
            "--port", _port.ToString(), "--data", Data,
            "--peer", $"LISTENER@127.0.0.1:{_listenPort}", "--commitment-new-association", "LISTENER",
            "--peer", $"GHOST@127.0.0.1:{_deadPort}", "--commitment-new-association", "GHOST");
        await _server.WaitForOutputAsync("listening on", TimeSpan.FromSeconds(60));
        HounsfieldCli.Run("store", Peer, Send).EnsureSuccess();
    }

    public async Task DisposeAsync()
    {
        _server.Terminate();
        await _server.WaitForExitAsync(TimeSpan.FromSeconds(40));
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Mpps_create_from_a_worklist_item_then_complete_then_refused()
    {
        var worklist = new DicomDataset()
            .Set(DicomTag.PatientName, "Step^Test").Set(DicomTag.PatientID, "MPPS-1").Set(DicomTag.PatientSex, "F")
            .Set(DicomTag.StudyInstanceUID, "1.2.826.0.1.3680043.2.1125.7").Set(DicomTag.AccessionNumber, "A-77").Set(DicomTag.RequestedProcedureID, "RP-7");
        worklist.SetSequence(DicomTag.ScheduledProcedureStepSequence, new DicomDataset()
            .Set(DicomTag.Modality, "CT").Set(DicomTag.ScheduledProcedureStepID, "SPS-7").Set(DicomTag.ScheduledProcedureStepDescription, "Chest CT"));
        var item = Path.Combine(_dir, "item.json");
        File.WriteAllText(item, DicomJson.Serialize(worklist));

        var created = HounsfieldCli.Run("mpps", Peer, "create", "--from-worklist", item, "--files", Send, "--aet", "MODALITY").EnsureSuccess();
        var uid = created.Output.Trim();
        Assert.True(DicomUid.IsValid(uid), created.Output);
        HounsfieldCli.Run("mpps", Peer, "set", uid, "--status", "COMPLETED", "--files", Send, "--aet", "MODALITY").EnsureSuccess();

        var again = HounsfieldCli.Run("mpps", Peer, "set", uid, "--status", "DISCONTINUED", "--aet", "MODALITY");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("0110H", again.Error);
        Assert.Contains("Performed Procedure Step Object may no longer be updated", again.Error);
        Assert.Contains("A710H", again.Error);

        var unknown = HounsfieldCli.Run("mpps", Peer, "set", "1.2.826.0.1.3680043.2.1125.7.999", "--status", "COMPLETED");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("0112H", unknown.Error);

        var json = HounsfieldCli.Run("mpps", "list", "--data", Data, "--json").EnsureSuccess();
        var step = Assert.Single(DicomJson.DeserializeMany(json.Output), s => s.GetString(DicomTag.SOPInstanceUID) == uid);
        Assert.Equal("COMPLETED", step.GetString(DicomTag.PerformedProcedureStepStatus));
        Assert.Equal("A-77", step.GetSequence(DicomTag.ScheduledStepAttributesSequence)![0].GetString(DicomTag.AccessionNumber));
        var series = Assert.Single(step.GetSequence(DicomTag.PerformedSeriesSequence)!);
        Assert.Equal(2, series.GetSequence(DicomTag.ReferencedImageSequence)!.Count);
        var table = HounsfieldCli.Run("mpps", "list", "--data", Data).EnsureSuccess();
        Assert.Contains("MODALITY", table.Output);
    }

    [Fact]
    public void Mpps_create_without_required_attributes_is_refused_with_0120()
    {
        var refused = HounsfieldCli.Run("mpps", Peer, "create", "-k", "PerformedStationAETitle=", "-k", "Modality=CT");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("0121H", refused.Error);
        Assert.Contains("(0040,0241)", refused.Error);
    }

    [Fact]
    public void Commit_reported_on_the_same_association()
    {
        var commit = HounsfieldCli.Run("commit", Peer, Send, "--aet", "SAMEAE").EnsureSuccess();
        Assert.Contains("2 committed, 0 failed", commit.Output);
        Assert.Contains("on the same association", commit.Error);
    }

    [Fact]
    public void Commit_reported_on_a_new_association_to_the_listening_port()
    {
        var commit = HounsfieldCli.Run("commit", Peer, "--study", "1.2.826.0.1.3680043.2.1125.7", "--aet", "LISTENER", "--listen", _listenPort.ToString()).EnsureSuccess();
        Assert.Contains("2 committed, 0 failed", commit.Output);
        Assert.Contains("on a new association", commit.Error);
        Assert.Contains("reported to LISTENER on a new association", _server.Output);
    }

    [Fact]
    public void Commit_of_unknown_instances_fails_with_0112()
    {
        var other = Path.Combine(_dir, "other");
        Directory.CreateDirectory(other);
        var ds = DicomFile.Open(Directory.GetFiles(Send)[0]).Dataset.Clone().Set(DicomTag.SOPInstanceUID, "1.2.826.0.1.3680043.2.1125.7.404");
        new DicomFile(ds).Save(Path.Combine(other, "unknown.dcm"));
        var commit = HounsfieldCli.Run("commit", Peer, Send, other, "--aet", "SAMEAE");
        Assert.Equal(1, commit.ExitCode);
        Assert.Contains("0112H no such object instance", commit.Output);
        Assert.Contains("2 committed, 1 failed", commit.Output);
    }

    [Fact]
    public async Task Unreachable_requestor_times_out_and_the_archive_keeps_retrying()
    {
        var commit = HounsfieldCli.Run("commit", Peer, Send, "--aet", "GHOST", "--timeout", "3");
        Assert.Equal(1, commit.ExitCode);
        Assert.Contains("no storage commitment report", commit.Error);
        await _server.WaitForOutputAsync("report to GHOST on a new association failed", TimeSpan.FromSeconds(30));
        Assert.Contains("attempt 1 of 20", _server.Output);
    }
}
