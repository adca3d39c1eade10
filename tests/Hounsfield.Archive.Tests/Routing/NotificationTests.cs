using Hounsfield.Archive.Mpps;
using Hounsfield.Archive.Notifications;
using Hounsfield.Archive.Routing;
using Hounsfield.Archive.Tests.Support;
using Hounsfield.Archive.Workflow;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Tests.Routing;

public sealed class NotificationTests : IAsyncLifetime
{
    private const string Study = "1.2.826.0.1.3680043.2.1125.77";
    private readonly ArchiveTestServer _archive = new();
    private readonly ArchiveTestServer _ris = new();
    private readonly List<IAsyncDisposable> _peers = [];

    public async Task InitializeAsync()
    {
        await _ris.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var peer in _peers) await peer.DisposeAsync();
        if (_archive.Server is not null) await _archive.DisposeAsync();
        await _ris.DisposeAsync();
    }

    private async Task StartArchiveAsync()
    {
        // The RIS is a second archive, whose AE title is HOUNSFIELD too.
        _archive.Options.Peers["RIS"] = new DicomPeer("HOUNSFIELD", "127.0.0.1", _ris.Port);
        // No study is quiet while a test stores it; the test then calls StudiesAreQuiet (the scan reads the setting on each pass).
        _archive.Options.Routing.StudyQuietTime = TimeSpan.FromHours(1);
        _archive.Options.Routing.StudyScanInterval = TimeSpan.FromMilliseconds(100);
        await _archive.StartAsync();
    }

    private void StudiesAreQuiet() => _archive.Options.Routing.StudyQuietTime = TimeSpan.Zero;

    private async Task<List<DicomFile>> StoreStudyAsync()
    {
        var files = new List<DicomFile>();
        foreach (var series in new[] { ".1", ".1", ".2" })
        {
            var file = ArchiveTestServer.Instance(study: Study);
            file.Dataset.Set(DicomTag.SeriesInstanceUID, Study + series).Set(DicomTag.StudyID, "S77").Set(DicomTag.AccessionNumber, "ACC77");
            Assert.Equal(DimseStatus.Success, (await _archive.StoreAsync(file)).Status);
            files.Add(file);
        }
        return files;
    }

    [Fact]
    public async Task A_quiet_study_is_announced_by_ian_to_our_own_ian_scp_with_every_instance_online()
    {
        _archive.Options.Routing.InstanceAvailabilitySubscribers.Add("RIS");
        await StartArchiveAsync();
        var files = await StoreStudyAsync();
        StudiesAreQuiet();
        var received = new ReceivedNotifications(_ris.Server.Workflow);
        await RecordingScp.WaitUntilAsync(() => received.List().Count == 1, () => string.Join("; ", _archive.Server.Queue.List().Select(j => $"{j.State} {j.LastError}")));

        var notification = received.List().Single();
        Assert.Equal((Study, 3, "ONLINE", "HOUNSFIELD"), (notification.StudyInstanceUid, notification.InstanceCount, notification.Availability, notification.CallingAETitle));
        var attributes = DicomDataset.Read(new MemoryStream(notification.Attributes), DicomTransferSyntax.ExplicitVRLittleEndian);
        Assert.Empty(attributes.GetSequence(DicomTag.ReferencedPerformedProcedureStepSequence)!);
        Assert.False(attributes.Contains(DicomTag.PatientID), "IAN forbids optional attributes such as patient identification");
        var series = attributes.GetSequence(DicomTag.ReferencedSeriesSequence)!;
        Assert.Equal([Study + ".1", Study + ".2"], series.Select(s => s.GetString(DicomTag.SeriesInstanceUID)).Order());
        var instances = series.SelectMany(s => s.GetSequence(DicomTag.ReferencedSOPSequence)!).ToList();
        Assert.Equal(files.Select(f => f.Dataset.GetString(DicomTag.SOPInstanceUID)).Order(), instances.Select(i => i.GetString(DicomTag.ReferencedSOPInstanceUID)).Order());
        Assert.All(instances, i => Assert.Equal((DicomUid.CTImageStorage.Value, "HOUNSFIELD"), (i.GetString(DicomTag.ReferencedSOPClassUID), i.GetString(DicomTag.RetrieveAETitle))));
        Assert.Equal(OutboundJobKind.InstanceAvailability, _archive.Server.Queue.List().Single().Kind);
    }

    [Fact]
    public async Task A_study_is_announced_again_when_more_arrives_after_its_notification()
    {
        _archive.Options.Routing.InstanceAvailabilitySubscribers.Add("RIS");
        await StartArchiveAsync();
        await StoreStudyAsync();
        StudiesAreQuiet();
        var received = new ReceivedNotifications(_ris.Server.Workflow);
        await RecordingScp.WaitUntilAsync(() => received.List().Count == 1, () => "first IAN");
        var late = ArchiveTestServer.Instance(study: Study);
        await _archive.StoreAsync(late);
        await RecordingScp.WaitUntilAsync(() => received.List().Count == 2, () => "second IAN");
        Assert.Equal(4, received.List()[1].InstanceCount);
    }

    [Fact]
    public async Task A_study_stored_before_a_restart_is_announced_after_it()
    {
        _archive.Options.Routing.InstanceAvailabilitySubscribers.Add("RIS");
        await StartArchiveAsync();
        await StoreStudyAsync();
        await _archive.Server.DisposeAsync();
        var received = new ReceivedNotifications(_ris.Server.Workflow);
        Assert.Empty(received.List());
        StudiesAreQuiet();
        await _archive.StartAsync();
        await RecordingScp.WaitUntilAsync(() => received.List().Count == 1, () => "IAN after restart");
        Assert.Equal(3, received.List()[0].InstanceCount);
    }

    [Fact]
    public async Task A_basic_study_content_notification_is_a_c_store_of_the_study_descriptor()
    {
        var ris = new RecordingScp("SCN", [DicomUid.BasicStudyContentNotification.Value]);
        await ris.StartAsync();
        _peers.Add(ris);
        _archive.Options.Peers["SCN"] = ris.Peer;
        _archive.Options.Routing.StudyContentSubscribers.Add("SCN");
        await StartArchiveAsync();
        await StoreStudyAsync();
        StudiesAreQuiet();
        await RecordingScp.WaitUntilAsync(() => !ris.Messages.IsEmpty, () => string.Join("; ", _archive.Server.Queue.List().Select(j => $"{j.State} {j.LastError}")));

        var message = ris.Messages.Single();
        Assert.Equal((DimseCommandField.CStoreRequest, DicomUid.BasicStudyContentNotification.Value), (message.Command, message.SopClassUid));
        var ds = message.Dataset!;
        Assert.Equal((message.SopInstanceUid, "P1", "Doe^Jane", "S77", Study), (ds.GetString(DicomTag.SOPInstanceUID), ds.GetString(DicomTag.PatientID),
            ds.GetString(DicomTag.PatientName), ds.GetString(DicomTag.StudyID), ds.GetString(DicomTag.StudyInstanceUID)));
        var series = ds.GetSequence(DicomTag.ReferencedSeriesSequence)!;
        Assert.Equal(2, series.Count);
        Assert.Equal(3, series.Sum(s => s.GetSequence(DicomTag.ReferencedImageSequence)!.Count));
        Assert.All(series, s => Assert.Equal("HOUNSFIELD", s.GetString(DicomTag.RetrieveAETitle)));
    }

    [Fact]
    public void Quiet_studies_come_from_a_table_that_survives_reopening()
    {
        var folder = Directory.CreateTempSubdirectory("hf-activity-").FullName;
        try
        {
            var time = new ManualTime(DateTimeOffset.UnixEpoch.AddDays(20000));
            var path = Path.Combine(folder, "workflow.sqlite");
            new StudyActivity(new WorkflowDatabase(path), time).Touch("1.2.3");
            var activity = new StudyActivity(new WorkflowDatabase(path), time);
            Assert.Empty(activity.Quiet(TimeSpan.FromMinutes(5)));
            time.Advance(TimeSpan.FromMinutes(5));
            var (uid, last) = Assert.Single(activity.Quiet(TimeSpan.FromMinutes(5)));
            Assert.Equal("1.2.3", uid);
            activity.MarkNotified(uid, last);
            Assert.Empty(activity.Quiet(TimeSpan.Zero));
            activity.Touch("1.2.3");
            // Marking with an older time leaves a study that received more since.
            activity.MarkNotified(uid, last);
            Assert.Single(activity.Quiet(TimeSpan.Zero));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_ian_scp_refuses_missing_attributes_and_duplicate_notifications()
    {
        await using var client = await DicomClient.ConnectAsync($"HOUNSFIELD@127.0.0.1:{_ris.Port}",
            new DicomClientOptions().Propose(DicomUid.InstanceAvailabilityNotification.Value));
        var noStudy = new DicomDataset();
        noStudy.SetSequence(DicomTag.ReferencedPerformedProcedureStepSequence);
        var refused = await client.SendAndWaitAsync(new NCreateRequest(DicomUid.InstanceAvailabilityNotification.Value, "1.2.3.9", noStudy));
        Assert.Equal(DimseStatus.MissingAttribute, refused.Status);
        Assert.Contains("StudyInstanceUID", refused.ErrorComment);

        var content = new StudyContent(new DicomDataset().Set(DicomTag.StudyInstanceUID, "1.2.3"), [("1.2.3.1", [("1.2.840.10008.5.1.4.1.1.2", "1.2.3.1.1")])]);
        var valid = InstanceAvailabilityNotification.Create(content, "OTHER");
        Assert.Equal(DimseStatus.Success, (await client.SendAndWaitAsync(new NCreateRequest(DicomUid.InstanceAvailabilityNotification.Value, "1.2.3.10", valid))).Status);
        Assert.Equal(DimseStatus.DuplicateSopInstance, (await client.SendAndWaitAsync(new NCreateRequest(DicomUid.InstanceAvailabilityNotification.Value, "1.2.3.10", valid))).Status);
        var item = valid.GetSequence(DicomTag.ReferencedSeriesSequence)![0].GetSequence(DicomTag.ReferencedSOPSequence)![0];
        item.Set(DicomTag.InstanceAvailability, "");
        var empty = await client.SendAndWaitAsync(new NCreateRequest(DicomUid.InstanceAvailabilityNotification.Value, "1.2.3.11", valid));
        Assert.Equal(DimseStatus.MissingAttributeValue, empty.Status);
        Assert.Single(new ReceivedNotifications(_ris.Server.Workflow).List());
    }

    [Fact]
    public async Task Mpps_messages_are_forwarded_to_both_destinations_create_before_set()
    {
        var filler = new RecordingScp("FILLER", [], mpps: true);
        var reports = new RecordingScp("REPORTS", [], mpps: true);
        foreach (var scp in new[] { filler, reports })
        {
            await scp.StartAsync();
            _peers.Add(scp);
            _archive.Options.Peers[scp.AETitle] = scp.Peer;
        }
        _archive.Options.Routing.MppsDestinations = ["FILLER", "REPORTS"];
        await StartArchiveAsync();
        var create = new DicomDataset().Set(DicomTag.PerformedProcedureStepStatus, "IN PROGRESS").Set(DicomTag.PerformedProcedureStepID, "PPS1");
        var set = new DicomDataset().Set(DicomTag.PerformedProcedureStepStatus, "COMPLETED");
        var forwarding = new MppsForwarding(_archive.Server.MppsRelay);
        await forwarding.OnChangedAsync(new PerformedProcedureStepChange("MODALITY", true, "1.2.3.99", create, "IN PROGRESS"), CancellationToken.None);
        await forwarding.OnChangedAsync(new PerformedProcedureStepChange("MODALITY", false, "1.2.3.99", set, "COMPLETED"), CancellationToken.None);
        Assert.Equal(4, _archive.Server.Queue.List().Count);

        foreach (var scp in new[] { filler, reports })
        {
            await RecordingScp.WaitUntilAsync(() => scp.Messages.Count == 2, () => string.Join("; ", _archive.Server.Queue.List().Select(j => $"{j.Kind} {j.State} {j.LastError}")));
            var messages = scp.Messages.ToList();
            Assert.Equal([DimseCommandField.NCreateRequest, DimseCommandField.NSetRequest], messages.Select(m => m.Command));
            Assert.All(messages, m => Assert.Equal(("1.2.3.99", DicomUid.ModalityPerformedProcedureStep.Value), (m.SopInstanceUid, m.SopClassUid)));
            Assert.Equal("PPS1", messages[0].Dataset!.GetString(DicomTag.PerformedProcedureStepID));
            Assert.Equal("COMPLETED", messages[1].Dataset!.GetString(DicomTag.PerformedProcedureStepStatus));
        }
    }
}
