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

    // Patient ID coercion decided by two servers at once: instances of one study spread over both, and
    // two patients claiming one new ID through different servers, must come out as one decision each.
    [PostgresFact]
    public async Task Patient_ID_coercion_is_one_decision_across_servers_sharing_the_index()
    {
        await using var first = await ArchiveTestServer.StartAsync(TestDatabase.Postgres);
        first.Options.Coercion.GeneratePatientId = true;
        first.Options.Coercion.ResolvePatientIdCollisions = true;
        await first.RestartAsync();
        await using var second = await first.StartSharingAsync();
        var folder = Directory.CreateTempSubdirectory("hf-shared-").FullName;
        try
        {
            DicomFile Patient(string study, string id, string name, string birth)
            {
                var file = ArchiveTestServer.Instance(study: study, patientId: id, patientName: name);
                if (birth.Length > 0) file.Dataset.Set(DicomTag.PatientBirthDate, birth);
                return file;
            }
            Assert.Equal(DimseStatus.Success, (await first.StoreAsync(Patient("1.2.77.1", "P77", "Doe^Jane", "19700101"))).Status);
            var files = new List<(string Study, DicomFile File)>();
            for (var i = 0; i < 8; i++) files.Add(("1.2.77.2", Patient("1.2.77.2", "", "Doe^John", "")));
            for (var i = 0; i < 8; i++) files.Add((i % 2 == 0 ? "1.2.77.3" : "1.2.77.4", Patient(i % 2 == 0 ? "1.2.77.3" : "1.2.77.4", "P77", "Roe^Richard", "19650505")));
            for (var i = 0; i < 8; i++) files.Add((i % 2 == 0 ? "1.2.77.5" : "1.2.77.6", Patient(i % 2 == 0 ? "1.2.77.5" : "1.2.77.6", "P99", i % 2 == 0 ? "Smith^Sam" : "Jones^Jo", "19800808")));
            var paths = files.Select((f, i) =>
            {
                var path = Path.Combine(folder, $"{i}.dcm");
                f.File.Save(path);
                return path;
            }).ToList();
            // Four associations, two per server, each sending every fourth file: each study reaches both servers at once.
            var senders = Enumerable.Range(0, 4).Select(n => SendAllAsync(n % 2 == 0 ? first.Peer : second.Peer, paths.Where((_, i) => i % 4 == n).ToList()));
            Assert.All((await Task.WhenAll(senders)).SelectMany(s => s), s => Assert.Contains(s, new[] { DimseStatus.Success, DimseStatus.CoercionOfDataElements }));

            var ids = new Dictionary<string, HashSet<string>>();
            foreach (var (study, file) in files)
            {
                var record = await second.Server.Index.FindInstanceAsync(file.Dataset.GetString(DicomTag.SOPInstanceUID)!);
                var stored = DicomFile.Open(first.Server.Storage.PathOf(record!.Path)).Dataset.GetString(DicomTag.PatientID)!;
                Assert.Equal(record.PatientId, stored);
                (ids.TryGetValue(study, out var set) ? set : ids[study] = []).Add(stored);
            }
            Assert.All(ids.Values, set => Assert.Single(set));
            string Id(string study) => ids[study].Single();
            Assert.StartsWith("2.25.", Id("1.2.77.2"));
            Assert.StartsWith("P77!2.25.", Id("1.2.77.3"));
            Assert.Equal(Id("1.2.77.3"), Id("1.2.77.4"));
            Assert.Equal(["P99", "P99!"], new[] { Id("1.2.77.5"), Id("1.2.77.6") }.Select(id => id.StartsWith("P99!", StringComparison.Ordinal) ? "P99!" : id).Order());
            Assert.Equal((5L, 6L, 6L, 25L), await first.Server.Index.CountAsync());
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
