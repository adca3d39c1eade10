using System.Collections.Concurrent;
using Hounsfield.Archive.Tests.Support;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Tests.Index;

/// <summary>Two archive servers on one PostgreSQL index and one storage folder.</summary>
public sealed class SharedIndexTests
{
    private const string Study = "1.2.826.0.1.3680043.2.1125.77";

    [PostgresFact]
    public async Task The_same_study_stored_through_both_servers_at_once_is_indexed_and_retrieved_once()
    {
        await using var first = await ArchiveTestServer.StartAsync(TestDatabase.Postgres);
        await using var second = await first.StartSharingAsync();
        await using var destination = await ArchiveTestServer.StartAsync(TestDatabase.Sqlite);
        first.Options.Peers["DEST"] = new DicomPeer("HOUNSFIELD", "127.0.0.1", destination.Port);
        var folder = Directory.CreateTempSubdirectory("hf-shared-").FullName;
        try
        {
            var paths = Enumerable.Range(0, 20).Select(i =>
            {
                var path = Path.Combine(folder, $"{i}.dcm");
                ArchiveTestServer.Instance(study: Study, patientId: "SHARED").Save(path);
                return path;
            }).ToList();
            // Four associations, two per server, each sending every instance, starting at a different one.
            var senders = Enumerable.Range(0, 4).Select(n =>
                SendAllAsync(n % 2 == 0 ? first.Peer : second.Peer, paths.Skip(n * 5).Concat(paths.Take(n * 5)).ToList()));
            var statuses = (await Task.WhenAll(senders)).SelectMany(s => s).ToList();
            Assert.Equal(80, statuses.Count);
            Assert.All(statuses, s => Assert.Equal(DimseStatus.Success, s));

            Assert.Equal((1L, 1L, 1L, 20L), await first.Server.Index.CountAsync());
            Assert.Equal(20, Directory.EnumerateFiles(first.Server.Storage.Root, "*.dcm", SearchOption.AllDirectories)
                .Count(f => !f.StartsWith(Path.Combine(first.Server.Storage.Root, "incoming"), StringComparison.Ordinal)));
            foreach (var server in new[] { first, second })
                Assert.Equal("20", (await StudyMatchAsync(server)).GetString(DicomTag.NumberOfStudyRelatedInstances));

            Assert.Equal(20, (await GetAsync(second)).Distinct().Count());
            var move = await MoveAsync(first);
            Assert.Equal(DimseStatus.Success, move.Status);
            Assert.Equal((ushort)20, move.Completed);
            Assert.Equal((1L, 1L, 1L, 20L), await destination.Server.Index.CountAsync());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<List<DimseStatus>> SendAllAsync(string peer, List<string> paths)
    {
        var files = paths.Select(path => DicomFile.Open(path)).ToList();
        await using var client = await DicomClient.ConnectAsync(peer, new DicomClientOptions().ProposeFor(files));
        var statuses = new List<DimseStatus>();
        foreach (var file in files) statuses.Add((await client.StoreAsync(file)).Status);
        return statuses;
    }

    private static async Task<DicomDataset> StudyMatchAsync(ArchiveTestServer server)
    {
        var model = DicomUid.StudyRootQueryRetrieveInformationModelFind.Value;
        await using var client = await DicomClient.ConnectAsync(server.Peer, new DicomClientOptions().Propose(model));
        var keys = new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "STUDY").Set(DicomTag.StudyInstanceUID, Study);
        keys.SetEmpty(DicomTag.NumberOfStudyRelatedInstances);
        var matches = new List<DicomDataset>();
        await foreach (var response in client.SendAsync(new CFindRequest(model, keys)))
            if (response.Status.IsPending) matches.Add(response.Dataset!);
        return Assert.Single(matches);
    }

    private static async Task<List<string>> GetAsync(ArchiveTestServer server)
    {
        var received = new ConcurrentBag<string>();
        var model = DicomUid.StudyRootQueryRetrieveInformationModelGet.Value;
        var options = new DicomClientOptions
        {
            IncomingRequestHandler = (request, _, _) =>
            {
                received.Add(((CStoreRequest)request).File!.Dataset.GetString(DicomTag.SOPInstanceUID)!);
                return Task.FromResult(request.CreateResponse(DimseStatus.Success));
            },
        }.Propose(model);
        options.PresentationContexts.Add(new PresentationContextProposal(DicomUid.CTImageStorage.Value, DicomClientOptions.DefaultTransferSyntaxes, ScuRole: false, ScpRole: true));
        await using var client = await DicomClient.ConnectAsync(server.Peer, options);
        DimseResponse? final = null;
        await foreach (var response in client.SendAsync(new CGetRequest(model, new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "STUDY").Set(DicomTag.StudyInstanceUID, Study))))
            final = response;
        Assert.Equal(DimseStatus.Success, final!.Status);
        Assert.Equal(20, received.Count);
        return [.. received];
    }

    private static async Task<CMoveResponse> MoveAsync(ArchiveTestServer server)
    {
        var model = DicomUid.StudyRootQueryRetrieveInformationModelMove.Value;
        await using var client = await DicomClient.ConnectAsync(server.Peer, new DicomClientOptions().Propose(model));
        CMoveResponse? final = null;
        await foreach (var response in client.SendAsync(new CMoveRequest(model, "DEST", new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "STUDY").Set(DicomTag.StudyInstanceUID, Study))))
            final = (CMoveResponse)response;
        return final!;
    }
}
