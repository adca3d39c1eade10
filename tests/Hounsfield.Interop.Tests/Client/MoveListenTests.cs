using System.Net;
using Hounsfield.Archive;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;
using Hounsfield.Interop.Tests.Network;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Client;

/// <summary>`hounsfield move --listen`: one command issues the C-MOVE and receives its sub-operations.</summary>
public sealed class MoveListenTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly int _listenPort = InteropNetwork.FreePort();
    private ArchiveServer _server = null!;
    private List<string> _sources = [];
    private string _peer = "";

    public async Task InitializeAsync()
    {
        var options = new ArchiveOptions { DataDirectory = _dir.File("data") };
        options.Peers["HFMOVE"] = new DicomPeer("HFMOVE", "127.0.0.1", _listenPort);
        _server = ArchiveServer.Create(options, new DicomHostOptions { Port = 0, BindAddress = IPAddress.Loopback });
        await _server.Host.StartAsync();
        _peer = $"HOUNSFIELD@127.0.0.1:{_server.Host.Endpoints[0].Port}";
        _sources = ClientStudies.Write(_dir.File("send"), "1.2.826.0.1.3680043.2.1125.71");
        HounsfieldCli.Run("store", _peer, _dir.File("send")).EnsureSuccess();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Move_listen_receives_a_study_and_a_series_into_the_folder()
    {
        var output = _dir.File("study");
        var result = await Task.Run(() => HounsfieldCli.Run("move", _peer, "--dest", "HFMOVE", "--listen", $"127.0.0.1:{_listenPort}", "--out", output,
            "-k", "StudyInstanceUID=1.2.826.0.1.3680043.2.1125.71.2").EnsureSuccess());
        Assert.Matches(@"received\s+4", result.Output);
        ClientStudies.AssertSameInstances(ClientStudies.OfStudy(_sources, 2), Directory.GetFiles(output));

        var series = _dir.File("series");
        await Task.Run(() => HounsfieldCli.Run("move", _peer, "--dest", "HFMOVE", "--listen", $"127.0.0.1:{_listenPort}", "--out", series, "--level", "SERIES",
            "-k", "StudyInstanceUID=1.2.826.0.1.3680043.2.1125.71.1", "-k", "SeriesInstanceUID=1.2.826.0.1.3680043.2.1125.71.1.2").EnsureSuccess());
        ClientStudies.AssertSameInstances(_sources.Where(p => p.EndsWith("s1-2-1.dcm") || p.EndsWith("s1-2-2.dcm")), Directory.GetFiles(series));

        // A list of UIDs and the PATIENT level: each instance must match one of the listed values.
        var both = _dir.File("both");
        await Task.Run(() => HounsfieldCli.Run("move", _peer, "--dest", "HFMOVE", "--listen", $"127.0.0.1:{_listenPort}", "--out", both,
            "-k", @"StudyInstanceUID=1.2.826.0.1.3680043.2.1125.71.1\1.2.826.0.1.3680043.2.1125.71.2").EnsureSuccess());
        ClientStudies.AssertSameInstances(_sources, Directory.GetFiles(both));
        var patient = _dir.File("patient");
        await Task.Run(() => HounsfieldCli.Run("move", _peer, "--model", "patient", "--level", "PATIENT", "--dest", "HFMOVE", "--listen", $"127.0.0.1:{_listenPort}",
            "--out", patient, "-k", "PatientID=P1").EnsureSuccess());
        ClientStudies.AssertSameInstances(ClientStudies.OfStudy(_sources, 1), Directory.GetFiles(patient));
    }

    [Fact]
    public async Task Instances_not_asked_for_are_refused_with_FE00()
    {
        // A C-MOVE SCP that sends the requested instance and one of another study as well.
        var port = InteropNetwork.FreePort();
        var extra = ClientStudies.Instance("1.2.826.0.1.3680043.2.1125.72", 9, 1, 1);
        var wanted = ClientStudies.Instance("1.2.826.0.1.3680043.2.1125.72", 1, 1, 1);
        var statuses = new List<DimseStatus>();
        await using var host = new DicomHost(new DicomHostOptions { AETitle = "SLOPPY", Port = 0, BindAddress = IPAddress.Loopback });
        host.Handle<CMoveRequest>(async (request, _, ct) =>
        {
            await using var client = await DicomClient.ConnectAsync(new DicomPeer(request.MoveDestination, "127.0.0.1", port),
                new DicomClientOptions { CallingAETitle = "SLOPPY" }.Propose(DicomUid.CTImageStorage.Value), ct);
            foreach (var ds in new[] { extra, wanted })
            {
                var store = (CStoreResponse)await client.SendAndWaitAsync(new CStoreRequest(DicomUid.CTImageStorage.Value, ds.GetString(DicomTag.SOPInstanceUID)!, ds), ct);
                lock (statuses) statuses.Add(store.Status);
            }
            var final = (CMoveResponse)request.CreateResponse(statuses.All(s => s.IsSuccess) ? DimseStatus.Success : DimseStatus.SubOperationsCompleteWithFailures);
            final.Completed = (ushort)statuses.Count(s => s.IsSuccess);
            final.Failed = (ushort)statuses.Count(s => !s.IsSuccess);
            final.Remaining = 0;
            final.Warning = 0;
            return final;
        }, DicomUid.StudyRootQueryRetrieveInformationModelMove);
        await host.StartAsync();

        var output = _dir.File("sloppy");
        var result = await Task.Run(() => HounsfieldCli.Run("move", $"SLOPPY@127.0.0.1:{host.Endpoints[0].Port}", "--dest", "LOADMGR",
            "--listen", $"127.0.0.1:{port}", "--out", output, "-k", "StudyInstanceUID=1.2.826.0.1.3680043.2.1125.72.1"));
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Equal([new DimseStatus(0xFE00), DimseStatus.Success], statuses);
        Assert.Matches(@"refused\s+1", result.Output);
        Assert.Contains("have not been requested", result.Output);
        Assert.Equal("1.2.826.0.1.3680043.2.1125.72.1.1.1", DicomFile.Open(Assert.Single(Directory.GetFiles(output))).Dataset.GetString(DicomTag.SOPInstanceUID));
    }

    [Fact]
    public void Listen_without_out_is_a_usage_error()
    {
        var result = HounsfieldCli.Run("move", _peer, "--dest", "HFMOVE", "--listen", _listenPort.ToString(), "-k", "StudyInstanceUID=1.2.3");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--listen needs --out", result.Error);
    }

    [Fact]
    public void Listen_on_a_port_in_use_is_a_clear_error()
    {
        var busy = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        try
        {
            var port = ((IPEndPoint)busy.LocalEndpoint).Port;
            var result = HounsfieldCli.Run("move", _peer, "--dest", "HFMOVE", "--listen", $"127.0.0.1:{port}", "--out", _dir.File("busy"), "-k", "StudyInstanceUID=1.2.3");
            Assert.Equal(1, result.ExitCode);
            Assert.Contains($"hounsfield: cannot listen on 127.0.0.1:{port} as HFMOVE", result.Error);
        }
        finally
        {
            busy.Stop();
        }
    }
}
