using Hounsfield.Archive.Tests.Support;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Tests.Query;

public sealed class MoveScpTests
{
    // The source archive runs on the database under test; the destination on SQLite.
    private static async Task<(ArchiveTestServer Source, ArchiveTestServer Destination)> SeededAsync(string database)
    {
        var destination = await ArchiveTestServer.StartAsync(TestDatabase.Sqlite);
        var source = await ArchiveTestServer.StartAsync(database);
        source.Options.Peers["DEST"] = new DicomPeer("HOUNSFIELD", "127.0.0.1", destination.Port);
        source.Options.Peers["NOWHERE"] = new DicomPeer("NOWHERE", "127.0.0.1", 1);
        for (var i = 0; i < 7; i++) await source.StoreAsync(ArchiveTestServer.Instance(study: "1.2.7.1"));
        await source.StoreAsync(ArchiveTestServer.Instance(study: "1.2.7.2", patientId: "P2"));
        return (source, destination);
    }

    private static async Task<List<CMoveResponse>> MoveAsync(ArchiveTestServer source, string destination, DicomDataset identifier)
    {
        var model = DicomUid.StudyRootQueryRetrieveInformationModelMove.Value;
        await using var client = await DicomClient.ConnectAsync(source.Peer, new DicomClientOptions().Propose(model));
        var responses = new List<CMoveResponse>();
        await foreach (var response in client.SendAsync(new CMoveRequest(model, destination, identifier))) responses.Add((CMoveResponse)response);
        return responses;
    }

    [Theory, Databases]
    public async Task A_study_moves_to_a_known_destination_with_progress_counts(string database)
    {
        var (source, destination) = await SeededAsync(database);
        await using var _ = source;
        await using var __ = destination;
        var responses = await MoveAsync(source, "DEST", new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "STUDY").Set(DicomTag.StudyInstanceUID, "1.2.7.1"));
        var final = responses[^1];
        Assert.Equal(DimseStatus.Success, final.Status);
        Assert.Equal((ushort)7, final.Completed);
        Assert.Equal((ushort)0, final.Failed);
        Assert.Equal(7, responses.Count(r => r.Status.IsPending));
        Assert.All(responses.Where(r => r.Status.IsPending), r => Assert.Equal(7, r.Remaining! + r.Completed! + r.Failed! + r.Warning!));
        Assert.Equal((1L, 1L, 1L, 7L), await destination.Server.Index.CountAsync());
    }

    [Theory, Databases]
    public async Task An_unknown_destination_is_refused_with_A801(string database)
    {
        var (source, destination) = await SeededAsync(database);
        await using var _ = source;
        await using var __ = destination;
        var responses = await MoveAsync(source, "STRANGER", new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "STUDY").Set(DicomTag.StudyInstanceUID, "1.2.7.1"));
        Assert.Equal(DimseStatus.MoveDestinationUnknown, Assert.Single(responses).Status);
    }

    [Theory, Databases]
    public async Task An_unreachable_destination_fails_every_sub_operation_and_lists_them(string database)
    {
        var (source, destination) = await SeededAsync(database);
        await using var _ = source;
        await using var __ = destination;
        var responses = await MoveAsync(source, "NOWHERE", new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "STUDY").Set(DicomTag.StudyInstanceUID, "1.2.7.2"));
        var final = responses[^1];
        Assert.Equal(DimseStatus.OutOfResourcesUnableToPerformSubOperations, final.Status);
        Assert.Equal((ushort)1, final.Failed);
        Assert.Single(final.FailedSopInstanceUids);
    }

    [Theory, Databases]
    public async Task Nothing_matching_completes_with_zero_sub_operations(string database)
    {
        var (source, destination) = await SeededAsync(database);
        await using var _ = source;
        await using var __ = destination;
        var responses = await MoveAsync(source, "DEST", new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "STUDY").Set(DicomTag.StudyInstanceUID, "9.9.9"));
        Assert.Equal(DimseStatus.Success, Assert.Single(responses).Status);
        Assert.Equal((ushort)0, responses[0].Completed);
    }
}
