using System.Net;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Security;
using Hounsfield.Dicom.Network.Tests.Security;
using Hounsfield.Interop.Tests.Support;
using static Hounsfield.Interop.Tests.Network.InteropNetwork;

namespace Hounsfield.Interop.Tests.Network;

/// <summary>TLS (PS3.15 B.1, DCMTK's BCP 195 non-downgrading profile) against DCMTK at the upper layer, with mutual authentication.</summary>
public sealed class TlsInteropTests : IDisposable
{
    private readonly TestCertificates _certs = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("hounsfield-dcmtk-tls-").FullName;

    public void Dispose()
    {
        _certs.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private string CaFile()
    {
        var path = Path.Combine(_folder, "ca.pem");
        File.WriteAllText(path, _certs.Ca.ExportCertificatePem());
        return path;
    }

    [Fact]
    public async Task EchoscuOverTls_NegotiatesWithOurTlsListener()
    {
        var listener = new DicomListener(VerificationPolicy(), AssociationInteropTests.AnswerEchoAsync, new DicomListenerOptions { Association = FastOptions() });
        await using var _ = listener;
        var port = listener.Listen(new IPEndPoint(IPAddress.Loopback, 0),
            new DicomTlsServerOptions(_certs.Server) { TrustedCertificates = _certs.Trust, ClientVerification = TlsPeerVerification.Required }).Port;
        var established = new TaskCompletionSource<Association>();
        listener.Established += a => established.TrySetResult(a);

        var (cert, key) = TestCertificates.WritePem(_certs.Client, _folder, "client");
        await using var echo = DcmtkProcess.Start("echoscu", "-d", "+tls", key, cert, "+cf", CaFile(),
            "127.0.0.1", Text(port));
        var exit = await echo.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(exit == 0, $"echoscu exited {exit}:\n{echo.Output}");
        Assert.Contains("Association Accepted", echo.Output);
        Assert.Contains("Received Echo Response (Success)", echo.Output);
        var a = await established.Task.WaitAsync(TestTimeout);
        Assert.True(a.IsSecure);
        Assert.Equal("CN=HOUNSFIELD-CLIENT", a.RemoteCertificate?.Subject);
    }

    [Fact]
    public async Task OurTlsRequestor_NegotiatesWithStorescpOverTls()
    {
        var port = FreePort();
        var (cert, key) = TestCertificates.WritePem(_certs.Server, _folder, "server");
        var outDir = Directory.CreateDirectory(Path.Combine(_folder, "out")).FullName;
        await using var storescp = DcmtkProcess.Start("storescp", "-d", "+tls", key, cert, "+cf", CaFile(), "-od", outDir,
            Text(port));
        try
        {
            var options = FastOptions();
            options.Tls = new DicomTlsClientOptions { Certificate = _certs.Client, TrustedCertificates = _certs.Trust, TargetHost = "localhost" };
            var a = await WhenListeningAsync(() => Association.ConnectAsync("127.0.0.1", port, VerificationRequest("HOUNSFIELD", "STORESCP"), options), storescp);
            await using (a)
            {
                Assert.True(a.IsSecure);
                Assert.True(a.PresentationContexts[0].IsAccepted, storescp.Output);
                await a.SendPDataAsync(1, isCommand: true, HandMadeEcho.Request(3));
                var (response, _) = await ReceiveMessageAsync(a, new CancellationTokenSource(TestTimeout).Token);
                Assert.Equal((ushort)0, HandMadeEcho.ReadUS(response, 0x0900));
                await a.ReleaseAsync();
            }
        }
        finally
        {
            storescp.Stop();
        }
    }
}
