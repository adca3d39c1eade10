using System.Net;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Client;

/// <summary>
/// The client tools against small misbehaving peers built on our own host: every failure gives a
/// clear message and exit code 1, and `store` names the files that were not sent.
/// </summary>
public sealed class BadPeerTests : IDisposable
{
    private const string Root = "1.2.826.0.1.3680043.2.1125.73";
    private readonly TempDirectory _dir = new();
    private readonly List<string> _files;

    public BadPeerTests() => _files = ClientStudies.Write(_dir.File("send"), Root, perSeries: 1);

    public void Dispose() => _dir.Dispose();

    private static async Task<(DicomHost Host, string Peer)> StartAsync(Action<DicomHost> configure)
    {
        var host = new DicomHost(new DicomHostOptions { AETitle = "BAD", Port = 0, BindAddress = IPAddress.Loopback }).AddVerification();
        configure(host);
        await host.StartAsync();
        return (host, $"BAD@127.0.0.1:{host.Endpoints[0].Port}");
    }

    private static Task<PeerResult> CliAsync(params string[] args) => Task.Run(() => HounsfieldCli.Run(args));

    private void AssertNotStored(PeerResult result, IEnumerable<string> files, string reason)
    {
        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}\n{result.Output}\n{result.Error}");
        foreach (var file in files) Assert.Matches($"not stored: {System.Text.RegularExpressions.Regex.Escape(file)}: .*{reason}", result.Output);
    }

    [Fact]
    public async Task A_peer_that_rejects_every_context()
    {
        var (host, peer) = await StartAsync(_ => { });
        await using var _ = host;
        var result = await CliAsync("store", peer, _dir.File("send"));
        AssertNotStored(result, _files, "accepted no presentation context for CT Image Storage");
        Assert.Contains("4 of 4 file(s) were not stored", result.Error);
        var find = await CliAsync("find", peer, "-k", "PatientID");
        Assert.Equal(1, find.ExitCode);
        Assert.Contains("accepted no presentation context for Study Root Query/Retrieve Information Model - FIND", find.Error);
        var get = await CliAsync("get", peer, "--out", _dir.File("got"), "-k", $"StudyInstanceUID={Root}.1");
        Assert.Equal(1, get.ExitCode);
        Assert.Contains("accepted no presentation context for Study Root Query/Retrieve Information Model - GET", get.Error);
    }

    [Fact]
    public async Task A_rejected_association_is_reported_for_every_file()
    {
        var (host, _) = await StartAsync(_ => { });
        await using var _ = host;
        var result = await CliAsync("store", $"SOMEONE@127.0.0.1:{host.Endpoints[0].Port}", _dir.File("send"), "--retry", "1");
        AssertNotStored(result, _files, "association failed: .*rejected");
    }

    [Fact]
    public async Task Failure_statuses_are_reported_per_file_and_warnings_count_as_stored()
    {
        var (host, peer) = await StartAsync(h => h.Handle<CStoreRequest>((request, _, _) => Task.FromResult(
            request.AffectedSopInstanceUid!.StartsWith(Root + ".2.", StringComparison.Ordinal) ? request.CreateResponse(new DimseStatus(0xC123), "disk on fire")
            : request.AffectedSopInstanceUid.EndsWith(".2.1", StringComparison.Ordinal) ? request.CreateResponse(DimseStatus.ElementsDiscarded)
            : request.CreateResponse(DimseStatus.Success)), DicomUid.CTImageStorage));
        await using var _ = host;
        var result = await CliAsync("store", peer, _dir.File("send"));
        AssertNotStored(result, ClientStudies.OfStudy(_files, 2), "C123H Failure disk on fire");
        Assert.Contains("Stored 2 of 4", result.Output);
        Assert.Contains("B006H", result.Output);
        Assert.Contains("2 of 4 file(s) were not stored", result.Error);
    }

    [Fact]
    public async Task A_dropped_association_lists_the_files_not_sent_and_retry_sends_them()
    {
        var stores = 0;
        var (host, peer) = await StartAsync(h => h.Handle<CStoreRequest>(async (request, context, _) =>
        {
            // The second C-STORE of the run is answered with an A-ABORT, once.
            if (Interlocked.Increment(ref stores) == 2) await context.Association.AbortAsync();
            return request.CreateResponse(DimseStatus.Success);
        }, DicomUid.CTImageStorage));
        await using var _ = host;
        var result = await CliAsync("store", peer, _dir.File("send"));
        AssertNotStored(result, _files.Order(StringComparer.Ordinal).Skip(1), "association failed");
        Assert.Contains("Stored 1 of 4", result.Output);

        var retried = await CliAsync("store", peer, _dir.File("send"), "--retry", "2");
        Assert.True(retried.ExitCode == 0, retried.Output + retried.Error);
        Assert.Contains("Stored 4 of 4", retried.Output);
    }

    [Fact]
    public async Task A_peer_that_never_answers_hits_the_dimse_timeout()
    {
        var (host, peer) = await StartAsync(h =>
        {
            h.Handle<CStoreRequest>(async (request, _, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return request.CreateResponse(DimseStatus.Success);
            }, DicomUid.CTImageStorage);
            h.Handle<CFindRequest>(async (request, _, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return request.CreateResponse(DimseStatus.Success);
            }, DicomUid.StudyRootQueryRetrieveInformationModelFind);
        });
        await using var _ = host;
        var store = await CliAsync("store", peer, _dir.File("send"), "--timeout", "2");
        AssertNotStored(store, _files, "no DIMSE message from BAD within 2 s");
        var find = await CliAsync("find", peer, "-k", "PatientID=*", "--timeout", "2");
        Assert.Equal(1, find.ExitCode);
        Assert.Contains("no DIMSE message from BAD within 2 s", find.Error);
    }

    [Fact]
    public async Task Find_failure_status_and_unreachable_peer()
    {
        var (host, peer) = await StartAsync(h => h.Handle<CFindRequest>((request, _, _) =>
            Task.FromResult(request.CreateResponse(DimseStatus.OutOfResourcesUnableToCalculateMatches, "index offline")), DicomUid.StudyRootQueryRetrieveInformationModelFind));
        await using var _ = host;
        var find = await CliAsync("find", peer, "-k", "PatientID=*");
        Assert.Equal(1, find.ExitCode);
        Assert.Contains("A701H", find.Error);
        var closed = await CliAsync("echo", $"BAD@127.0.0.1:{Network.InteropNetwork.FreePort()}");
        Assert.Equal(1, closed.ExitCode);
        Assert.Contains("hounsfield:", closed.Error);
    }

    [Fact]
    public async Task Fallback_charset_decodes_responses_without_specific_character_set()
    {
        // UTF-8 bytes of "Müller^Anna" with no (0008,0005): what a peer configured for ISO_IR 192 sends without saying so.
        var (host, peer) = await StartAsync(h => h.Handle<CFindRequest>(async (request, context, ct) =>
        {
            var match = new DicomDataset().Set(DicomTag.SpecificCharacterSet, "ISO_IR 192").Set(DicomTag.QueryRetrieveLevel, "PATIENT")
                .Set(DicomTag.PatientName, "Müller^Anna").Set(DicomTag.PatientID, "P1");
            match.Remove(DicomTag.SpecificCharacterSet);
            await context.SendPendingAsync(new CFindResponse(request, DimseStatus.Pending, match), ct);
            return request.CreateResponse(DimseStatus.Success);
        }, DicomUid.PatientRootQueryRetrieveInformationModelFind));
        await using var _ = host;
        var assumed = await CliAsync("find", peer, "--model", "patient", "--level", "PATIENT", "-k", "PatientName", "-k", "PatientID", "--csv", "--fallback-charset", "ISO_IR 192");
        Assert.True(assumed.ExitCode == 0, assumed.Output + assumed.Error);
        Assert.Contains("Müller^Anna,P1", System.Text.Encoding.UTF8.GetString(System.Text.Encoding.Latin1.GetBytes(assumed.Output)));
        var plain = await CliAsync("find", peer, "--model", "patient", "--level", "PATIENT", "-k", "PatientName", "-k", "PatientID", "--csv");
        Assert.DoesNotContain("Müller", System.Text.Encoding.UTF8.GetString(System.Text.Encoding.Latin1.GetBytes(plain.Output)));
        var wrong = await CliAsync("find", peer, "--fallback-charset", "LATIN-9000");
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("not a Specific Character Set term", wrong.Error);
    }

    [Fact]
    public async Task Move_failures_name_the_failed_instances()
    {
        var (host, peer) = await StartAsync(h => h.Handle<CMoveRequest>((request, _, _) =>
        {
            var final = new CMoveResponse(request, DimseStatus.OutOfResourcesUnableToPerformSubOperations,
                new DicomDataset().Set(DicomTag.FailedSOPInstanceUIDList, $"{Root}.1.1.1", $"{Root}.1.2.1"))
            { Completed = 0, Failed = 2, Warning = 0, Remaining = 0, ErrorComment = "destination unreachable" };
            return Task.FromResult<DimseResponse>(final);
        }, DicomUid.StudyRootQueryRetrieveInformationModelMove));
        await using var _ = host;
        var result = await CliAsync("move", peer, "--dest", "ELSEWHERE", "-k", $"StudyInstanceUID={Root}.1");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"failed: {Root}.1.2.1", result.Output);
        Assert.Matches(@"failed\s+2", result.Output);
        Assert.Contains("C-MOVE did not complete: A702H Failure destination unreachable, 2 sub-operation(s) failed", result.Error);
    }

    [Fact]
    public async Task A_get_cut_off_in_the_middle_keeps_what_arrived_and_fails()
    {
        var first = ClientStudies.Instance(Root, 1, 1, 1);
        var (host, peer) = await StartAsync(h =>
        {
            h.AcceptStorageForGet(DicomUid.CTImageStorage);
            h.Handle<CGetRequest>(async (request, context, ct) =>
            {
                await context.StoreAsync(new DicomFile(first), ct);
                await context.Association.AbortAsync();
                return request.CreateResponse(DimseStatus.Success);
            }, DicomUid.StudyRootQueryRetrieveInformationModelGet);
        });
        await using var _ = host;
        var output = _dir.File("got");
        var result = await CliAsync("get", peer, "--out", output, "-k", $"StudyInstanceUID={Root}.1");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("hounsfield: ", result.Error);
        Assert.Contains("abort", result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal($"{Root}.1.1.1", DicomFile.Open(Assert.Single(Directory.GetFiles(output))).Dataset.GetString(DicomTag.SOPInstanceUID));
    }
}
