using System.Net;
using Hounsfield.Archive.Access;
using Hounsfield.Archive.Configuration;
using Hounsfield.Archive.Tests.Support;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;
using Hounsfield.Dicom.Network.UpperLayer;

namespace Hounsfield.Archive.Tests.Access;

public sealed class ServiceAccessTests : IAsyncLifetime
{
    private readonly ArchiveTestServer _archive = new();
    private static readonly string CT = DicomUid.CTImageStorage.Value;
    private static readonly string StudyFind = DicomUid.StudyRootQueryRetrieveInformationModelFind.Value;
    private static readonly string StudyMove = DicomUid.StudyRootQueryRetrieveInformationModelMove.Value;

    public async Task InitializeAsync()
    {
        var access = _archive.Options.Access;
        access.Rules.Add(new AccessRule { CallingAETitle = "QUERYONLY", Services = [ArchiveService.Verification, ArchiveService.Query] });
        access.Rules.Add(new AccessRule { CallingAETitle = "BANNED", Services = [] });
        access.Rules.Add(new AccessRule { CallingAETitle = "LOOPBACK", Network = "127.0.0.0/8", Services = [ArchiveService.Verification] });
        access.Rules.Add(new AccessRule { CallingAETitle = "ELSEWHERE", Network = "10.0.0.0/8", Services = [ArchiveService.Storage] });
        _archive.Options.RemoteAEs["MODALITY"] = new RemoteAEOptions { Host = "127.0.0.1", Port = 1, MoveDestination = false, Services = [ArchiveService.Storage] };
        _archive.Options.RemoteAEs["VIEWER"] = new RemoteAEOptions { Host = "127.0.0.1", Port = 1 };
        await _archive.StartAsync();
        await _archive.StoreAsync(ArchiveTestServer.Instance(study: "1.2.9.1"));
    }

    public async Task DisposeAsync() => await _archive.DisposeAsync();

    private Task<DicomClient> ConnectAsync(string callingAE, params string[] sopClasses)
    {
        var options = new DicomClientOptions { CallingAETitle = callingAE };
        foreach (var sopClass in sopClasses) options.Propose(sopClass);
        return DicomClient.ConnectAsync(_archive.Peer, options);
    }

    private static PresentationContextResult ResultFor(DicomClient client, string sopClass) =>
        client.Association.PresentationContexts.Single(pc => pc.AbstractSyntax == sopClass).Result;

    [Fact]
    public async Task By_default_any_calling_AE_may_use_every_service()
    {
        await using var client = await ConnectAsync("ANYONE", DicomUid.Verification.Value, CT, StudyFind, StudyMove);
        Assert.All(client.Association.PresentationContexts, pc => Assert.True(pc.IsAccepted));
    }

    [Fact]
    public async Task A_rule_narrows_the_presentation_contexts_to_its_services()
    {
        await using var client = await ConnectAsync("QUERYONLY", DicomUid.Verification.Value, CT, StudyFind, StudyMove);
        Assert.Equal(PresentationContextResult.Acceptance, ResultFor(client, DicomUid.Verification.Value));
        Assert.Equal(PresentationContextResult.Acceptance, ResultFor(client, StudyFind));
        Assert.Equal(PresentationContextResult.UserRejection, ResultFor(client, CT));
        Assert.Equal(PresentationContextResult.UserRejection, ResultFor(client, StudyMove));
    }

    [Fact]
    public async Task A_caller_allowed_nothing_is_rejected_as_calling_AE_not_recognized()
    {
        var e = await Assert.ThrowsAsync<AssociationRejectedException>(() => ConnectAsync("BANNED", DicomUid.Verification.Value));
        Assert.Equal(AssociationRejection.CallingAETitleNotRecognized, e.Rejection);
    }

    [Fact]
    public async Task A_network_rule_applies_only_to_callers_from_that_network()
    {
        await using (var client = await ConnectAsync("LOOPBACK", DicomUid.Verification.Value, CT))
        {
            Assert.Equal(PresentationContextResult.Acceptance, ResultFor(client, DicomUid.Verification.Value));
            Assert.Equal(PresentationContextResult.UserRejection, ResultFor(client, CT));
        }
        // The 10/8 rule does not match a loopback caller: the defaults apply.
        await using var other = await ConnectAsync("ELSEWHERE", DicomUid.Verification.Value, CT);
        Assert.All(other.Association.PresentationContexts, pc => Assert.True(pc.IsAccepted));
    }

    [Fact]
    public async Task A_known_AE_gets_the_services_its_entry_lists()
    {
        await using var client = await ConnectAsync("MODALITY", DicomUid.Verification.Value, CT, StudyFind);
        Assert.Equal(PresentationContextResult.Acceptance, ResultFor(client, CT));
        Assert.Equal(PresentationContextResult.UserRejection, ResultFor(client, StudyFind));
        Assert.Equal(PresentationContextResult.UserRejection, ResultFor(client, DicomUid.Verification.Value));
    }

    [Fact]
    public async Task A_known_AE_that_is_not_a_move_destination_is_refused_with_A801()
    {
        await using var client = await ConnectAsync("ANYONE", StudyMove);
        var identifier = new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "STUDY").Set(DicomTag.StudyInstanceUID, "1.2.9.1");
        var responses = new List<DimseResponse>();
        await foreach (var response in client.SendAsync(new CMoveRequest(StudyMove, "MODALITY", identifier))) responses.Add(response);
        Assert.Equal(DimseStatus.MoveDestinationUnknown, Assert.Single(responses).Status);
        Assert.True(_archive.Options.Peers.ContainsKey("VIEWER"));
        Assert.False(_archive.Options.Peers.ContainsKey("MODALITY"));
    }

    [Fact]
    public void Storage_contexts_a_CGET_sends_on_belong_to_retrieve()
    {
        var access = new ServiceAccess(new ArchiveOptions());
        Assert.Equal(ArchiveService.Storage, access.Classify(CT, DicomRole.Scp));
        Assert.Equal(ArchiveService.Retrieve, access.Classify(CT, DicomRole.Scu));
        Assert.Equal(ArchiveService.Retrieve, access.Classify(DicomUid.PatientRootQueryRetrieveInformationModelGet.Value, DicomRole.Scp));
        Assert.Equal(ArchiveService.Worklist, access.Classify("1.2.840.10008.5.1.4.31", DicomRole.Scp));
        Assert.Null(access.Classify("1.2.3.4.5.6", DicomRole.Scp));
    }

    [Fact]
    public void Known_AEs_only_refuses_strangers_and_keeps_known_ones()
    {
        var options = new ArchiveOptions { Access = { KnownAEsOnly = true } };
        options.RemoteAEs["VIEWER"] = new RemoteAEOptions { Host = "h", Port = 104 };
        var access = new ServiceAccess(options);
        Assert.Empty(access.ServicesFor("STRANGER", IPAddress.Loopback));
        Assert.Equal(Enum.GetValues<ArchiveService>().Length, access.ServicesFor("VIEWER", IPAddress.Loopback).Count);
    }

    [Theory]
    [InlineData("192.168.1.7", "192.168.0.0/16", true)]
    [InlineData("192.169.1.7", "192.168.0.0/16", false)]
    [InlineData("10.1.2.3", "10.1.2.3", true)]
    [InlineData("::1", "::1/128", true)]
    public void Networks_are_addresses_or_CIDR_blocks(string address, string network, bool contains) =>
        Assert.Equal(contains, ServiceAccess.ParseNetwork(network).Contains(IPAddress.Parse(address)));
}
