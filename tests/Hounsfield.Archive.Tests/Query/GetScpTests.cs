using System.Collections.Concurrent;
using Hounsfield.Archive.Tests.Support;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Tests.Query;

public sealed class GetScpTests
{
    private static async Task<ArchiveTestServer> SeededAsync(string database)
    {
        var archive = await ArchiveTestServer.StartAsync(database);
        for (var i = 0; i < 5; i++) await archive.StoreAsync(ArchiveTestServer.Instance(study: "1.2.8.1"));
        await archive.StoreAsync(ArchiveTestServer.Instance(study: "1.2.8.2", patientId: "P2"));
        return archive;
    }

    [Theory, Databases]
    public async Task A_study_comes_back_over_the_same_association(string database)
    {
        await using var archive = await SeededAsync(database);
        var received = new ConcurrentBag<string>();
        var model = DicomUid.StudyRootQueryRetrieveInformationModelGet.Value;
        var options = new DicomClientOptions
        {
            IncomingRequestHandler = (request, _, _) =>
            {
                var store = (CStoreRequest)request;
                received.Add(store.File!.Dataset.GetString(DicomTag.SOPInstanceUID)!);
                return Task.FromResult(request.CreateResponse(DimseStatus.Success));
            },
        }.Propose(model);
        options.PresentationContexts.Add(new PresentationContextProposal(DicomUid.CTImageStorage.Value, DicomClientOptions.DefaultTransferSyntaxes, ScuRole: false, ScpRole: true));
        await using var client = await DicomClient.ConnectAsync(archive.Peer, options);
        var responses = new List<CGetResponse>();
        await foreach (var response in client.SendAsync(new CGetRequest(model, new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "STUDY").Set(DicomTag.StudyInstanceUID, "1.2.8.1"))))
            responses.Add((CGetResponse)response);
        var final = responses[^1];
        Assert.Equal(DimseStatus.Success, final.Status);
        Assert.Equal((ushort)5, final.Completed);
        Assert.Equal(5, received.Count);
        Assert.Equal(5, responses.Count(r => r.Status.IsPending));
    }

    [Theory, Databases]
    public async Task Without_a_storage_context_every_sub_operation_fails(string database)
    {
        await using var archive = await SeededAsync(database);
        var model = DicomUid.StudyRootQueryRetrieveInformationModelGet.Value;
        await using var client = await DicomClient.ConnectAsync(archive.Peer, new DicomClientOptions().Propose(model));
        var final = (CGetResponse)await client.SendAndWaitAsync(new CGetRequest(model, new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "STUDY").Set(DicomTag.StudyInstanceUID, "1.2.8.2")));
        Assert.Equal(DimseStatus.OutOfResourcesUnableToPerformSubOperations, final.Status);
        Assert.Equal((ushort)1, final.Failed);
    }
}
