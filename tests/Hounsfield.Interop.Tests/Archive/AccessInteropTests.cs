using Hounsfield.Archive;
using Hounsfield.Archive.Access;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Archive;

/// <summary>DCMTK echoscu and storescu against an archive whose access rules narrow what they may do.</summary>
public sealed class AccessInteropTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hf-access-interop-").FullName;
    private ArchiveServer _server = null!;
    private int _port;
    private string _file = null!;

    public async Task InitializeAsync()
    {
        var options = new ArchiveOptions { DataDirectory = Path.Combine(_dir, "data") };
        options.Access.Rules.Add(new AccessRule { CallingAETitle = "BANNED", Services = [] });
        options.Access.Rules.Add(new AccessRule { CallingAETitle = "ECHOONLY", Services = [ArchiveService.Verification] });
        _server = ArchiveServer.Create(options, new DicomHostOptions { Port = 0, BindAddress = System.Net.IPAddress.Loopback });
        await _server.Host.StartAsync();
        _port = _server.Host.Endpoints[0].Port;
        _file = CrashTests.MakeFiles(Path.Combine(_dir, "send"), 1)[0];
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private PeerResult Run(string tool, string callingAE, params string[] more) =>
        PeerTool.Run(tool, ["-aet", callingAE, "-aec", "HOUNSFIELD", "127.0.0.1", _port.ToString(), .. more]);

    [Fact]
    public void A_calling_AE_allowed_nothing_is_rejected_as_not_recognized()
    {
        var echo = Run("echoscu", "BANNED");
        Assert.NotEqual(0, echo.ExitCode);
        Assert.Contains("Calling AE Title Not Recognized", echo.Output + echo.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_calling_AE_allowed_only_verification_may_echo_but_not_store()
    {
        Run("echoscu", "ECHOONLY").EnsureSuccess();
        var store = Run("storescu", "ECHOONLY", _file);
        Assert.NotEqual(0, store.ExitCode);
        Assert.Equal(0L, (await _server.Index.CountAsync()).Instances);
        Run("storescu", "ANYONE", _file).EnsureSuccess();
        Assert.Equal(1L, (await _server.Index.CountAsync()).Instances);
    }
}
