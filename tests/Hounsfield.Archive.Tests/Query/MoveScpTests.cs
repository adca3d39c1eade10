using Hounsfield.Archive.Tests.Support;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Tests.Query;

public sealed class MoveScpTests : IAsyncLifetime
{
    private readonly ArchiveTestServer _source = new();
    private readonly ArchiveTestServer _destination = new();

    public async Task InitializeAsync()
    {
        await _destination.StartAsync();
        _source.Options.Peers["DEST"] = new DicomPeer("HOUNSFIELD", "127.0.0.1", 0);
        await _source.StartAsync();
        _source.Options.Peers["DEST"] = new DicomPeer("HOUNSFIELD", "127.0.0.1", _destination.Port);
        _source.Options.Peers["NOWHERE"] = new DicomPeer("NOWHERE", "127.0.0.1", 1);
        for (var i = 0; i < 7; i++) await _source.StoreAsync(ArchiveTestServer.Instance(study: "1.2.7.1"));
        await _source.StoreAsync(ArchiveTestServer.Instance(study: "1.2.7.2", patientId: "P2"));
    }

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        await _destination.DisposeAsync();
    }

    private async Task<List<CMoveResponse>> MoveAsync(string destination, DicomDataset identifier)
    {
        var model = DicomUid.StudyRootQueryRetrieveInformationModelMove.Value;
        await using var client = await DicomClient.ConnectAsync(_source.Peer, new DicomClientOptions().Propose(model));
        var responses = new List<CMoveResponse>();
        await foreach (var response in client.SendAsync(new CMoveRequest(model, destination, identifier))) responses.Add((CMoveResponse)response);
        return responses;
    }

    [Fact]
    public async Task A_study_moves_to_a_known_destination_with_progress_counts()
    {
        var responses = await MoveAsync("DEST", new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "STUDY").Set(DicomTag.StudyInstanceUID, "1.2.7.1"));
        var final = responses[^1];
        Assert.Equal(DimseStatus.Success, final.Status);
        Assert.Equal((ushort)7, final.Completed);
        Assert.Equal((ushort)0, final.Failed);
        Assert.Equal(7, responses.Count(r => r.Status.IsPending));
        Assert.All(responses.Where(r => r.Status.IsPending), r => Assert.Equal(7, r.Remaining! + r.Completed! + r.Failed! + r.Warning!));
        Assert.Equal((1L, 1L, 1L, 7L), await _destination.Server.Index.CountAsync());
    }

    [Fact]
    public async Task An_unknown_destination_is_refused_with_A801()
    {
        var responses = await MoveAsync("STRANGER", new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "STUDY").Set(DicomTag.StudyInstanceUID, "1.2.7.1"));
        Assert.Equal(DimseStatus.MoveDestinationUnknown, Assert.Single(responses).Status);
    }

    [Fact]
    public async Task An_unreachable_destination_fails_every_sub_operation_and_lists_them()
    {
        var responses = await MoveAsync("NOWHERE", new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "STUDY").Set(DicomTag.StudyInstanceUID, "1.2.7.2"));
        var final = responses[^1];
        Assert.Equal(DimseStatus.OutOfResourcesUnableToPerformSubOperations, final.Status);
        Assert.Equal((ushort)1, final.Failed);
        Assert.Single(final.FailedSopInstanceUids);
    }

    [Fact]
    public async Task Nothing_matching_completes_with_zero_sub_operations()
    {
        var responses = await MoveAsync("DEST", new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "STUDY").Set(DicomTag.StudyInstanceUID, "9.9.9"));
        Assert.Equal(DimseStatus.Success, Assert.Single(responses).Status);
        Assert.Equal((ushort)0, responses[0].Completed);
    }
}
