using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Client;

/// <summary>
/// The calling AE and the client defaults configured once: the command line beats the client
/// configuration file, which beats $HOUNSFIELD_AET, which beats the built-in default; named peers
/// and their fallback character set; the timeouts as options and settings.
/// </summary>
public sealed class ClientConfigurationTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly ConcurrentQueue<string> _callingAETitles = new();
    private DicomHost _host = null!;
    private string _address = "";

    public async Task InitializeAsync()
    {
        var options = new DicomHostOptions { AETitle = "CFGSCP", Port = 0, BindAddress = IPAddress.Loopback };
        options.AssociationFilter = request =>
        {
            _callingAETitles.Enqueue(request.CallingAETitle);
            return null;
        };
        // A patient whose name is UTF-8 with no (0008,0005), as a peer configured for ISO_IR 192 sends it without saying so.
        _host = new DicomHost(options).AddVerification().Handle<CFindRequest>(async (request, context, ct) =>
        {
            var match = new DicomDataset().Set(DicomTag.SpecificCharacterSet, "ISO_IR 192").Set(DicomTag.QueryRetrieveLevel, "PATIENT")
                .Set(DicomTag.PatientName, "Müller^Anna").Set(DicomTag.PatientID, "P1");
            match.Remove(DicomTag.SpecificCharacterSet);
            await context.SendPendingAsync(new CFindResponse(request, DimseStatus.Pending, match), ct);
            return request.CreateResponse(DimseStatus.Success);
        }, DicomUid.PatientRootQueryRetrieveInformationModelFind);
        await _host.StartAsync();
        _address = $"CFGSCP@127.0.0.1:{_host.Endpoints[0].Port}";
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _dir.Dispose();
    }

    private string WriteConfig(string json)
    {
        var path = _dir.File($"client-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static Task<PeerResult> CliAsync(Dictionary<string, string?> environment, params string[] args) =>
        Task.Run(() => HounsfieldCli.RunWith(environment, args));

    private async Task<string> CallingAETitleOfEchoAsync(Dictionary<string, string?> environment, params string[] args)
    {
        while (_callingAETitles.TryDequeue(out _))
        {
        }
        var result = await CliAsync(environment, ["echo", .. args]);
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        return Assert.Single(_callingAETitles);
    }

    [Fact]
    public async Task Calling_AE_title_comes_from_the_command_line_then_the_file_then_the_environment()
    {
        var config = WriteConfig($$"""{ "aet": "FROMFILE", "peers": { "pacs": "{{_address}}" } }""");
        var withFile = new Dictionary<string, string?> { ["HOUNSFIELD_CLIENT_CONFIG"] = config, ["HOUNSFIELD_AET"] = "FROMENV" };
        var withoutFile = new Dictionary<string, string?> { ["HOUNSFIELD_AET"] = "FROMENV" };

        Assert.Equal("HOUNSFIELD", await CallingAETitleOfEchoAsync(new(), _address));
        Assert.Equal("FROMENV", await CallingAETitleOfEchoAsync(withoutFile, _address));
        Assert.Equal("FROMFILE", await CallingAETitleOfEchoAsync(withFile, "pacs"));
        Assert.Equal("FROMCLI", await CallingAETitleOfEchoAsync(withFile, "pacs", "--aet", "FROMCLI"));
    }

    [Fact]
    public async Task The_file_is_found_under_XDG_CONFIG_HOME()
    {
        var home = _dir.File("xdg");
        Directory.CreateDirectory(Path.Combine(home, "hounsfield"));
        File.WriteAllText(Path.Combine(home, "hounsfield", "client.json"), $$"""{ "aet": "XDGAE", "peers": { "archive": "{{_address}}" } }""");
        Assert.Equal("XDGAE", await CallingAETitleOfEchoAsync(new() { ["XDG_CONFIG_HOME"] = home }, "archive"));
    }

    [Fact]
    public async Task A_named_peer_brings_its_fallback_charset_and_the_option_still_wins()
    {
        var config = WriteConfig($$"""
            // comments are allowed
            { "peers": { "utf8pacs": { "address": "{{_address}}", "fallbackCharset": "ISO_IR 192" }, "plain": "{{_address}}" } }
            """);
        var environment = new Dictionary<string, string?> { ["HOUNSFIELD_CLIENT_CONFIG"] = config };
        string[] query = ["--model", "patient", "--level", "PATIENT", "-k", "PatientName", "-k", "PatientID", "--csv"];

        var named = await CliAsync(environment, ["find", "utf8pacs", .. query]);
        Assert.True(named.ExitCode == 0, named.Output + named.Error);
        Assert.Contains("Müller^Anna,P1", Utf8(named.Output));
        var plain = await CliAsync(environment, ["find", "plain", .. query]);
        Assert.DoesNotContain("Müller", Utf8(plain.Output));
        var overridden = await CliAsync(environment, ["find", "utf8pacs", .. query, "--fallback-charset", "ISO_IR 100"]);
        Assert.Contains("MÃ¼ller^Anna,P1", Utf8(overridden.Output));
    }

    [Fact]
    public async Task Unknown_peer_names_and_bad_settings_are_clear_errors()
    {
        var config = WriteConfig($$"""{ "peers": { "pacs": "{{_address}}" } }""");
        var unknown = await CliAsync(new() { ["HOUNSFIELD_CLIENT_CONFIG"] = config }, "echo", "nosuchpeer");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains($"'nosuchpeer' is not a peer: write AET@HOST:PORT or a name from the client configuration's peers ({config})", unknown.Error);

        var typo = WriteConfig("""{ "aetitle": "X" }""");
        var bad = await CliAsync(new() { ["HOUNSFIELD_CLIENT_CONFIG"] = typo }, "echo", _address);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains($"client configuration {typo}: unknown setting 'aetitle'", bad.Error);

        var missing = await CliAsync(new() { ["HOUNSFIELD_CLIENT_CONFIG"] = _dir.File("absent.json") }, "echo", _address);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("which does not exist", missing.Error);

        var negative = await CliAsync(new(), "echo", _address, "--release-timeout", "-1");
        Assert.Equal(1, negative.ExitCode);
        Assert.Contains("--release-timeout must be 0 (no time-out) or a number of seconds", negative.Error);
    }

    [Fact]
    public async Task Association_timeout_from_the_option_and_from_the_file_ends_a_silent_peer()
    {
        // Accepts the TCP connection and never answers the A-ASSOCIATE-RQ; closes once the requestor aborts.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var connections = new List<Task>();
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true) connections.Add(CloseOnAbortAsync(await silent.AcceptSocketAsync(stop.Token)));
            }
            catch (OperationCanceledException)
            {
            }
        });
        try
        {
            var byOption = await CliAsync(new(), "echo", $"SILENT@127.0.0.1:{port}", "--association-timeout", "1");
            Assert.Equal(1, byOption.ExitCode);
            Assert.Contains("no A-ASSOCIATE-AC or -RJ within the ACSE timeout of 1 s; aborted", byOption.Error);

            var config = WriteConfig($$"""{ "associationTimeout": 1.5, "peers": { "silent": "SILENT@127.0.0.1:{{port}}" } }""");
            var byFile = await CliAsync(new() { ["HOUNSFIELD_CLIENT_CONFIG"] = config }, "echo", "silent");
            Assert.Equal(1, byFile.ExitCode);
            Assert.Contains("no A-ASSOCIATE-AC or -RJ within the ACSE timeout of 1.5 s; aborted", byFile.Error);
        }
        finally
        {
            await stop.CancelAsync();
            await accepting;
            await Task.WhenAll(connections).WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    // Reads PDUs without answering any, and closes the connection when the requestor's A-ABORT comes (or it closes first).
    private static async Task CloseOnAbortAsync(Socket socket)
    {
        using var _ = socket;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var header = new byte[6];
        try
        {
            while (true)
            {
                await stream.ReadExactlyAsync(header);
                await stream.ReadExactlyAsync(new byte[System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(2))]);
                if (header[0] == 0x07) return;
            }
        }
        catch (Exception e) when (e is EndOfStreamException or IOException)
        {
            // The requestor closed the connection.
        }
    }

    [Fact]
    public async Task Release_timeout_from_the_option_and_from_the_file_aborts_a_peer_that_never_answers_the_release()
    {
        var policy = new AcceptorPolicy().Accept(DicomUid.Verification.Value, DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.ImplicitVRLittleEndian);
        await using var listener = new DicomListener(policy, AnswerEchoButNotReleaseAsync);
        var port = listener.Listen(new IPEndPoint(IPAddress.Loopback, 0)).Port;

        var byOption = await CliAsync(new(), "echo", $"MUTE@127.0.0.1:{port}", "--release-timeout", "1");
        Assert.Equal(1, byOption.ExitCode);
        Assert.Contains("C-ECHO 1/1: 0000H", byOption.Output);
        Assert.Contains("no A-RELEASE-RP within the release timeout of 1 s; aborted", byOption.Error);

        var config = WriteConfig($$"""{ "releaseTimeout": 0.5, "peers": { "mute": "MUTE@127.0.0.1:{{port}}" } }""");
        var byFile = await CliAsync(new() { ["HOUNSFIELD_CLIENT_CONFIG"] = config }, "echo", "mute");
        Assert.Equal(1, byFile.ExitCode);
        Assert.Contains("no A-RELEASE-RP within the release timeout of 0.5 s; aborted", byFile.Error);
    }

    // Answers one C-ECHO, then leaves the A-RELEASE-RQ unanswered until the requestor gives up.
    private static async Task AnswerEchoButNotReleaseAsync(Dicom.Network.Association association, CancellationToken cancellationToken)
    {
        var command = new MemoryStream();
        byte context = 0;
        while (await association.ReceiveAsync(cancellationToken) is { } pdv)
        {
            command.Write(pdv.Data.Span);
            context = pdv.PresentationContextId;
            if (pdv.IsCommand && pdv.IsLastFragment) break;
        }
        command.Position = 0;
        var response = new MemoryStream();
        ((DimseRequest)DimseMessage.ReadCommand(command)).CreateResponse(DimseStatus.Success).WriteCommand(response);
        await association.SendPDataAsync(context, isCommand: true, response.ToArray(), cancellationToken);
        Assert.Null(await association.ReceiveAsync(cancellationToken)); // the A-RELEASE-RQ
        // Well after the requestor's release timeout (1 s at most here), end the connection: the
        // requestor has aborted by then and waits for the close (its A-ABORT is not read in Sta8).
        await Task.Delay(TimeSpan.FromSeconds(8), cancellationToken);
        await association.AbortAsync();
    }

    private static string Utf8(string latin1Output) => System.Text.Encoding.UTF8.GetString(System.Text.Encoding.Latin1.GetBytes(latin1Output));
}
