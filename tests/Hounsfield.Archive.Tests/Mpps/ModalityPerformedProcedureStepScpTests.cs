using System.Collections.Concurrent;
using Hounsfield.Archive.Mpps;
using Hounsfield.Archive.Tests.Support;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Tests.Mpps;

/// <summary>The MPPS SCP over the network: N-CREATE and N-SET statuses, the state rules of PS3.4 F.7, storage, observers.</summary>
public sealed class ModalityPerformedProcedureStepScpTests : IAsyncLifetime
{
    private readonly ArchiveTestServer _archive = new();
    private readonly RecordingObserver _observer = new();

    public async Task InitializeAsync()
    {
        await _archive.StartAsync();
        _archive.Server.Mpps.Observers.Add(_observer);
    }

    public async Task DisposeAsync() => await _archive.DisposeAsync();

    private sealed class RecordingObserver : IPerformedProcedureStepObserver
    {
        public ConcurrentQueue<PerformedProcedureStepChange> Changes { get; } = new();

        public Task OnChangedAsync(PerformedProcedureStepChange change, CancellationToken cancellationToken)
        {
            Changes.Enqueue(change);
            return Task.CompletedTask;
        }
    }

    private static DicomDataset Worklist() => new DicomDataset()
        .Set(DicomTag.SpecificCharacterSet, "ISO_IR 192")
        .Set(DicomTag.PatientName, "Ærø^Åse")
        .Set(DicomTag.PatientID, "MWL-1")
        .Set(DicomTag.StudyInstanceUID, "1.2.826.0.1.3680043.2.1125.77")
        .Set(DicomTag.AccessionNumber, "ACC-9")
        .Set(DicomTag.RequestedProcedureID, "RP-1")
        .Set(DicomTag.RequestedProcedureDescription, "CT chest")
        .Apply(w => w.SetSequence(DicomTag.ScheduledProcedureStepSequence, new DicomDataset()
            .Set(DicomTag.Modality, "CT").Set(DicomTag.ScheduledProcedureStepID, "SPS-1").Set(DicomTag.ScheduledProcedureStepDescription, "Chest")));

    private async Task<DicomClient> ConnectAsync(string calling = "MODALITY") =>
        await DicomClient.ConnectAsync(_archive.Peer, ModalityPerformedProcedureStepScu.Propose(new DicomClientOptions { CallingAETitle = calling }));

    private static DicomDataset NewStep() => PerformedProcedureStepBuilder.Create(Worklist(), [ArchiveTestServer.Instance().Dataset], "MODALITY", new DateTime(2024, 3, 1, 10, 30, 0));

    [Fact]
    public async Task Create_then_complete_is_stored_and_observed()
    {
        await using var client = await ConnectAsync();
        var (created, uid) = await ModalityPerformedProcedureStepScu.CreateAsync(client, NewStep());
        Assert.Equal(DimseStatus.Success, created.Status);
        Assert.Equal(PerformedProcedureStepStatus.InProgress, _archive.Server.Mpps.Store.Find(uid)!.Status);

        var set = await ModalityPerformedProcedureStepScu.SetAsync(client, uid,
            PerformedProcedureStepBuilder.End(PerformedProcedureStepStatus.Completed, new DateTime(2024, 3, 1, 10, 45, 0), [ArchiveTestServer.Instance().Dataset]));
        Assert.Equal(DimseStatus.Success, set.Status);

        var step = _archive.Server.Mpps.Store.Find(uid)!;
        Assert.Equal(PerformedProcedureStepStatus.Completed, step.Status);
        Assert.Equal("MODALITY", step.CallingAETitle);
        Assert.Equal("Ærø^Åse", step.Attributes.GetString(DicomTag.PatientName));
        Assert.Equal("20240301", step.Attributes.GetString(DicomTag.PerformedProcedureStepEndDate));
        Assert.Equal("1.2.826.0.1.3680043.2.1125.77", step.Attributes.GetSequence(DicomTag.ScheduledStepAttributesSequence)![0].GetString(DicomTag.StudyInstanceUID));
        Assert.Single(step.Attributes.GetSequence(DicomTag.PerformedSeriesSequence)!);
        Assert.Contains(_archive.Server.Mpps.Store.List(), s => s.SopInstanceUid == uid);
        Assert.Empty(_archive.Server.Mpps.Store.List(PerformedProcedureStepStatus.InProgress));

        var changes = _observer.Changes.ToArray();
        Assert.Equal(2, changes.Length);
        Assert.True(changes[0].IsCreate);
        Assert.Equal(PerformedProcedureStepStatus.InProgress, changes[0].Status);
        Assert.False(changes[1].IsCreate);
        Assert.Equal(PerformedProcedureStepStatus.Completed, changes[1].Status);
        Assert.Equal(uid, changes[1].SopInstanceUid);
    }

    [Fact]
    public async Task Scp_assigns_the_uid_when_the_create_has_none()
    {
        await using var client = await ConnectAsync();
        var response = await client.SendAndWaitAsync(new NCreateRequest(DicomUid.ModalityPerformedProcedureStep.Value, null, NewStep()));
        Assert.Equal(DimseStatus.Success, response.Status);
        Assert.NotNull(_archive.Server.Mpps.Store.Find(response.AffectedSopInstanceUid!));
    }

    [Fact]
    public async Task Create_refuses_a_duplicate_instance_with_0111()
    {
        await using var client = await ConnectAsync();
        var (_, uid) = await ModalityPerformedProcedureStepScu.CreateAsync(client, NewStep());
        var (again, _) = await ModalityPerformedProcedureStepScu.CreateAsync(client, NewStep(), uid);
        Assert.Equal(DimseStatus.DuplicateSopInstance, again.Status);
        Assert.Single(_observer.Changes);
    }

    [Theory]
    [InlineData("PerformedProcedureStepID")]
    [InlineData("PerformedStationAETitle")]
    [InlineData("PerformedProcedureStepStartDate")]
    [InlineData("Modality")]
    [InlineData("ScheduledStepAttributesSequence")]
    [InlineData("PerformedProcedureStepStatus")]
    public async Task Create_without_a_type_1_attribute_is_0120_naming_it(string keyword)
    {
        var tag = DicomTag.Parse(keyword);
        var attributes = NewStep();
        attributes.Remove(tag);
        await using var client = await ConnectAsync();
        var (response, uid) = await ModalityPerformedProcedureStepScu.CreateAsync(client, attributes);
        Assert.Equal(DimseStatus.MissingAttribute, response.Status);
        Assert.Equal([tag], response.OffendingElements);
        Assert.Null(_archive.Server.Mpps.Store.Find(uid));
    }

    [Fact]
    public async Task Create_without_a_nested_type_1_value_is_refused()
    {
        var attributes = NewStep();
        attributes.GetSequence(DicomTag.ScheduledStepAttributesSequence)![0].Remove(DicomTag.StudyInstanceUID);
        attributes.SetEmpty(DicomTag.PerformedStationAETitle);
        await using var client = await ConnectAsync();
        var (missing, _) = await ModalityPerformedProcedureStepScu.CreateAsync(client, attributes);
        Assert.Equal(DimseStatus.MissingAttribute, missing.Status);
        Assert.Equal([DicomTag.StudyInstanceUID], missing.OffendingElements);

        attributes = NewStep();
        attributes.SetEmpty(DicomTag.PerformedStationAETitle);
        var (empty, _) = await ModalityPerformedProcedureStepScu.CreateAsync(client, attributes);
        Assert.Equal(DimseStatus.MissingAttributeValue, empty.Status);
        Assert.Equal([DicomTag.PerformedStationAETitle], empty.OffendingElements);
    }

    [Theory]
    [InlineData("COMPLETED")]
    [InlineData("DISCONTINUED")]
    [InlineData("STARTED")]
    public async Task Create_in_another_state_than_in_progress_is_0106(string status)
    {
        var attributes = NewStep().Set(DicomTag.PerformedProcedureStepStatus, status);
        await using var client = await ConnectAsync();
        var (response, _) = await ModalityPerformedProcedureStepScu.CreateAsync(client, attributes);
        Assert.Equal(DimseStatus.InvalidAttributeValue, response.Status);
        Assert.Equal([DicomTag.PerformedProcedureStepStatus], response.OffendingElements);
    }

    [Fact]
    public async Task Create_with_an_invalid_start_date_is_0106()
    {
        var attributes = NewStep().Set(DicomTag.PerformedProcedureStepStartDate, "20241340");
        await using var client = await ConnectAsync();
        var (response, _) = await ModalityPerformedProcedureStepScu.CreateAsync(client, attributes);
        Assert.Equal(DimseStatus.InvalidAttributeValue, response.Status);
    }

    [Theory]
    [InlineData("COMPLETED")]
    [InlineData("DISCONTINUED")]
    public async Task Set_after_the_final_state_is_0110_with_the_standard_comment(string final)
    {
        await using var client = await ConnectAsync();
        var (_, uid) = await ModalityPerformedProcedureStepScu.CreateAsync(client, NewStep());
        Assert.Equal(DimseStatus.Success, (await ModalityPerformedProcedureStepScu.SetAsync(client, uid, PerformedProcedureStepBuilder.End(final, DateTime.Now, []))).Status);

        var again = await ModalityPerformedProcedureStepScu.SetAsync(client, uid, new DicomDataset().Set(DicomTag.PerformedProcedureStepDescription, "late"));
        Assert.Equal(DimseStatus.ProcessingFailure, again.Status);
        Assert.Equal("Performed Procedure Step Object may no longer be updated", again.ErrorComment);
        Assert.Equal((ushort)0xA710, again.ErrorId);
        var back = await ModalityPerformedProcedureStepScu.SetAsync(client, uid, new DicomDataset().Set(DicomTag.PerformedProcedureStepStatus, "IN PROGRESS"));
        Assert.Equal(DimseStatus.ProcessingFailure, back.Status);
        Assert.Equal(final, _archive.Server.Mpps.Store.Find(uid)!.Status);
    }

    [Fact]
    public async Task Set_of_an_unknown_instance_is_0112()
    {
        await using var client = await ConnectAsync();
        var response = await ModalityPerformedProcedureStepScu.SetAsync(client, "1.2.3.4.5.6", PerformedProcedureStepBuilder.End("COMPLETED", DateTime.Now, []));
        Assert.Equal(DimseStatus.NoSuchObjectInstance, response.Status);
    }

    [Fact]
    public async Task Set_of_a_not_allowed_attribute_is_refused_and_changes_nothing()
    {
        await using var client = await ConnectAsync();
        var (_, uid) = await ModalityPerformedProcedureStepScu.CreateAsync(client, NewStep());
        var response = await ModalityPerformedProcedureStepScu.SetAsync(client, uid, new DicomDataset()
            .Set(DicomTag.PerformedProcedureStepStatus, "COMPLETED").Set(DicomTag.PatientID, "OTHER"));
        Assert.Equal(DimseStatus.NoSuchAttribute, response.Status);
        Assert.Equal([DicomTag.PatientID], response.OffendingElements);
        var step = _archive.Server.Mpps.Store.Find(uid)!;
        Assert.Equal(PerformedProcedureStepStatus.InProgress, step.Status);
        Assert.Equal("MWL-1", step.Attributes.GetString(DicomTag.PatientID));
    }

    [Fact]
    public async Task Set_with_an_unknown_status_is_0106_and_in_progress_may_be_set_again()
    {
        await using var client = await ConnectAsync();
        var (_, uid) = await ModalityPerformedProcedureStepScu.CreateAsync(client, NewStep());
        var bad = await ModalityPerformedProcedureStepScu.SetAsync(client, uid, new DicomDataset().Set(DicomTag.PerformedProcedureStepStatus, "DONE"));
        Assert.Equal(DimseStatus.InvalidAttributeValue, bad.Status);
        var progress = await ModalityPerformedProcedureStepScu.SetAsync(client, uid, new DicomDataset()
            .Set(DicomTag.PerformedProcedureStepStatus, "IN PROGRESS").Set(DicomTag.PerformedProcedureStepDescription, "more"));
        Assert.Equal(DimseStatus.Success, progress.Status);
        Assert.Equal("more", _archive.Server.Mpps.Store.Find(uid)!.Attributes.GetString(DicomTag.PerformedProcedureStepDescription));
    }

    [Fact]
    public async Task Steps_survive_a_restart()
    {
        string uid;
        await using (var client = await ConnectAsync())
            (_, uid) = await ModalityPerformedProcedureStepScu.CreateAsync(client, NewStep());
        await _archive.RestartAsync();
        Assert.Equal(PerformedProcedureStepStatus.InProgress, _archive.Server.Mpps.Store.Find(uid)!.Status);
        await using var again = await ConnectAsync();
        Assert.Equal(DimseStatus.Success, (await ModalityPerformedProcedureStepScu.SetAsync(again, uid, PerformedProcedureStepBuilder.End("DISCONTINUED", DateTime.Now, []))).Status);
    }

    [Fact]
    public async Task A_failing_observer_does_not_fail_the_committed_change()
    {
        _archive.Server.Mpps.Observers.Insert(0, new WorklistCompletionObserver(_archive.Server.Mpps.Store, (_, _) => throw new InvalidOperationException("worklist down")));
        await using var client = await ConnectAsync();
        var (_, uid) = await ModalityPerformedProcedureStepScu.CreateAsync(client, NewStep());
        var set = await ModalityPerformedProcedureStepScu.SetAsync(client, uid, PerformedProcedureStepBuilder.End("COMPLETED", DateTime.Now, []));
        Assert.Equal(DimseStatus.Success, set.Status);
        Assert.Equal(2, _observer.Changes.Count);
    }

    [Fact]
    public async Task Worklist_completion_hook_runs_only_for_final_states()
    {
        var completed = new ConcurrentQueue<PerformedProcedureStep>();
        _archive.Server.Mpps.Observers.Add(new WorklistCompletionObserver(_archive.Server.Mpps.Store, (step, _) =>
        {
            completed.Enqueue(step);
            return Task.CompletedTask;
        }));
        await using var client = await ConnectAsync();
        var (_, uid) = await ModalityPerformedProcedureStepScu.CreateAsync(client, NewStep());
        Assert.Empty(completed);
        await ModalityPerformedProcedureStepScu.SetAsync(client, uid, PerformedProcedureStepBuilder.End("DISCONTINUED", DateTime.Now, []));
        var ended = Assert.Single(completed);
        Assert.Equal("DISCONTINUED", ended.Status);
        Assert.Equal("SPS-1", ended.Attributes.GetSequence(DicomTag.ScheduledStepAttributesSequence)![0].GetString(DicomTag.ScheduledProcedureStepID));
    }
}
