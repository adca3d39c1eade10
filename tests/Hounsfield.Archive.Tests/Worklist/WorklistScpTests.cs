using Hounsfield.Archive.Tests.Support;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Tests.Worklist;

public sealed class WorklistScpTests : IAsyncLifetime
{
    private static readonly string Mwl = DicomUid.ModalityWorklistInformationModelFind.Value;
    private readonly ArchiveTestServer _archive = new();

    public async Task InitializeAsync()
    {
        _archive.Options.Worklist.ExpireAfter = TimeSpan.Zero;
        await _archive.StartAsync();
        for (var i = 0; i < 20; i++)
            _archive.Server.Worklist.AddOrReplace(WorklistItems.Item($"W{i}", $"P{i}", $"Doe^Pat{i}", i % 2 == 0 ? "CT" : "MR", "STATION1", "20240115", $"{8 + i / 4:00}00"));
    }

    public async Task DisposeAsync() => await _archive.DisposeAsync();

    [Fact]
    public async Task Find_returns_pending_matches_then_success()
    {
        await using var client = await DicomClient.ConnectAsync(_archive.Peer, new DicomClientOptions().Propose(Mwl));
        var keys = WorklistItems.Query(step: s => s.Set(DicomTag.Modality, "MR").Set(DicomTag.ScheduledProcedureStepStartTime, "0800-0959"));
        var statuses = new List<DimseStatus>();
        var matches = new List<DicomDataset>();
        await foreach (var response in client.SendAsync(new CFindRequest(Mwl, keys)))
        {
            statuses.Add(response.Status);
            if (response.Status.IsPending) matches.Add(response.Dataset!);
        }
        Assert.Equal(DimseStatus.Success, statuses[^1]);
        Assert.Equal(["W1", "W3", "W5", "W7"], matches.Select(m => m.GetString(DicomTag.AccessionNumber)!).Order());
        Assert.All(matches, m => Assert.Equal("MR", m.GetSequence(DicomTag.ScheduledProcedureStepSequence)![0].GetString(DicomTag.Modality)));
    }

    [Fact]
    public async Task Cancelling_mid_find_ends_with_cancel_or_success_and_the_association_stays_sound()
    {
        var options = new DicomClientOptions().Propose(Mwl).Propose(DicomUid.Verification.Value);
        await using var client = await DicomClient.ConnectAsync(_archive.Peer, options);
        using var cancel = new CancellationTokenSource();
        var statuses = new List<DimseStatus>();
        await foreach (var response in client.SendAsync(new CFindRequest(Mwl, WorklistItems.Query()), cancel.Token))
        {
            statuses.Add(response.Status);
            if (statuses.Count == 1) await cancel.CancelAsync();
        }
        Assert.Contains(statuses[^1], new[] { DimseStatus.Cancel, DimseStatus.Success });
        Assert.Equal(DimseStatus.Success, (await client.EchoAsync()).Status);
    }

    [Fact]
    public async Task Disabled_worklist_is_not_accepted()
    {
        await using var other = new ArchiveTestServer();
        other.Options.Worklist.Enabled = false;
        await other.StartAsync();
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var client = await DicomClient.ConnectAsync(other.Peer, new DicomClientOptions().Propose(Mwl));
            await foreach (var _ in client.SendAsync(new CFindRequest(Mwl, WorklistItems.Query()))) { }
        });
    }
}
