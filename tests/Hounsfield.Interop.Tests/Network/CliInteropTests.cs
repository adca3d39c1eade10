using System.Net.Sockets;
using System.Text.RegularExpressions;
using Hounsfield.Dicom.Network.Tests.Security;
using Hounsfield.Interop.Tests.Support;
using Xunit.Abstractions;
using static Hounsfield.Interop.Tests.Network.InteropNetwork;

namespace Hounsfield.Interop.Tests.Network;

/// <summary>
/// The <c>hounsfield echo</c> and <c>hounsfield serve</c> commands as processes (<c>dotnet hounsfield.dll</c>,
/// built with this project) against DCMTK: plain and TLS, started and stopped like a service.
/// </summary>
public sealed partial class CliInteropTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hounsfield-cli-interop-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static DcmtkProcess Hounsfield(params string[] args) => HounsfieldCli.Start(args);

    [GeneratedRegex(@"listening on (?:\S+?):(\d+)")]
    private static partial Regex ListeningPort();

    /// <summary>Waits for serve's "listening on" line and returns the first port in it.</summary>
    private static async Task<int> ListeningPortAsync(DcmtkProcess serve)
    {
        await serve.WaitForOutputAsync("listening on", TestTimeout);
        return int.Parse(ListeningPort().Match(serve.Output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Polls until something accepts TCP connections on <paramref name="port"/> (a tool that has just started).</summary>
    private static async Task WaitForPortAsync(int port, DcmtkProcess owner)
    {
        var deadline = DateTime.UtcNow + TestTimeout;
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !owner.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    [Fact]
    public async Task Serve_AnswersEchoscu_AndStopsCleanlyOnSigterm()
    {
        await using var serve = Hounsfield("serve", "--aet", "CLISCP", "--port", "0");
        var port = await ListeningPortAsync(serve);

        var (exit, text) = await DcmtkProcess.RunAsync(ToolTimeout, "echoscu", "-v", "-aet", "ECHOSCU", "-aec", "CLISCP", "127.0.0.1", Text(port));
        Assert.True(exit == 0, $"echoscu exited {exit}:\n{text}\nserve:\n{serve.Output}");
        Assert.Contains("Received Echo Response (Success)", text);

        var (rejected, rejectedText) = await DcmtkProcess.RunAsync(ToolTimeout, "echoscu", "-aec", "SOMEONE", "127.0.0.1", Text(port));
        Assert.NotEqual(0, rejected);
        Assert.Contains("Called AE Title Not Recognized", rejectedText);

        serve.Terminate();
        var code = await serve.WaitForExitAsync(TestTimeout);
        output.WriteLine(serve.Output);
        Assert.True(code == 0, $"serve exited {code} after SIGTERM:\n{serve.Output}");
        Assert.Contains("stopped", serve.Output);
    }

    [Fact]
    public async Task Echo_AgainstStorescp_PrintsSuccess_AndExitsZero()
    {
        var port = FreePort();
        await using var storescp = DcmtkProcess.Start("storescp", "-aet", "STORESCP", "-od", _folder, Text(port));
        await WaitForPortAsync(port, storescp);

        await using var echo = Hounsfield("echo", $"STORESCP@127.0.0.1:{Text(port)}", "--repeat", "200", "--timeout", "10");
        var exit = await echo.WaitForExitAsync(ToolTimeout);
        output.WriteLine(echo.Output);
        Assert.True(exit == 0, $"hounsfield echo exited {exit}:\n{echo.Output}\nstorescp:\n{storescp.Output}");
        Assert.Contains("Association with STORESCP@127.0.0.1:", echo.Output);
        Assert.Contains("C-ECHO 200/200: 0000H Success", echo.Output);
        Assert.Contains("200 C-ECHOs in", echo.Output);
        Assert.Contains(", 0 failed", echo.Output);
    }

    [Fact]
    public async Task Echo_ToAClosedPort_ExitsNonZeroWithAClearMessage()
    {
        var port = FreePort();
        await using var echo = Hounsfield("echo", $"NOBODY@127.0.0.1:{Text(port)}");
        var exit = await echo.WaitForExitAsync(ToolTimeout);
        output.WriteLine(echo.Output);
        Assert.Equal(1, exit);
        Assert.Matches($@"hounsfield: .*127\.0\.0\.1:{port}", echo.Output);
        Assert.Contains("refused", echo.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", echo.Output);
    }

    [Fact]
    public async Task ServeWithTls_AnswersEchoscuOverTls_WithMutualAuthentication()
    {
        using var certs = new TestCertificates();
        var (serverCert, serverKey) = TestCertificates.WritePem(certs.Server, _folder, "server");
        var (clientCert, clientKey) = TestCertificates.WritePem(certs.Client, _folder, "client");
        var ca = Path.Combine(_folder, "ca.pem");
        await File.WriteAllTextAsync(ca, certs.Ca.ExportCertificatePem());
        var tlsPort = FreePort();

        await using var serve = Hounsfield("serve", "--port", "0", "--tls-port", Text(tlsPort), "--cert", serverCert, "--key", serverKey, "--ca", ca);
        await serve.WaitForOutputAsync("listening on", TestTimeout);
        Assert.Contains($":{tlsPort}", serve.Output);

        var (exit, text) = await DcmtkProcess.RunAsync(ToolTimeout, "echoscu", "-v", "+tls", clientKey, clientCert, "+cf", ca, "-aec", "HOUNSFIELD", "127.0.0.1", Text(tlsPort));
        Assert.True(exit == 0, $"echoscu over TLS exited {exit}:\n{text}\nserve:\n{serve.Output}");
        Assert.Contains("Received Echo Response (Success)", text);

        // Without a client certificate the server refuses the handshake (--ca requires one).
        var (anonymous, _) = await DcmtkProcess.RunAsync(ToolTimeout, "echoscu", "+tla", "+cf", ca, "-aec", "HOUNSFIELD", "127.0.0.1", Text(tlsPort));
        Assert.NotEqual(0, anonymous);

        serve.Terminate();
        Assert.Equal(0, await serve.WaitForExitAsync(TestTimeout));
    }
}
