using Hounsfield.Dicom.Network.Tests.Security;
using Hounsfield.Interop.Tests.Client;
using Hounsfield.Interop.Tests.Support;
using static Hounsfield.Interop.Tests.Network.InteropNetwork;

namespace Hounsfield.Interop.Tests.Network;

public sealed partial class CliInteropTests
{
    [Fact]
    public async Task MoveListenWithTls_ReceivesTheSubOperationsOfServeOverTls()
    {
        // One certificate for both roles: serve listens and calls HFMOVE with it, the client calls and listens with it.
        using var certs = new TestCertificates();
        var (cert, key) = TestCertificates.WritePem(certs.Both, _folder, "both");
        var ca = Path.Combine(_folder, "ca.pem");
        await File.WriteAllTextAsync(ca, certs.Ca.ExportCertificatePem());
        var tlsPort = FreePort();
        var listenPort = FreePort();
        var config = Path.Combine(_folder, "serve.json");
        await File.WriteAllTextAsync(config, System.Text.Json.JsonSerializer.Serialize(new
        {
            DataDirectory = Path.Combine(_folder, "data"),
            Network = new { BindAddress = "127.0.0.1", Tls = new { Port = tlsPort, Certificate = cert, PrivateKey = key, CertificateAuthorities = ca } },
            RemoteAEs = new { HFMOVE = new { Host = "127.0.0.1", Port = listenPort, Tls = true } },
        }));
        await using var serve = Hounsfield("serve", "--config", config, "--port", "0");
        await serve.WaitForOutputAsync("listening on", TestTimeout);
        string[] tls = ["--tls", "--cert", cert, "--key", key, "--ca", ca];
        var peer = $"HOUNSFIELD@127.0.0.1:{Text(tlsPort)}";
        var sources = ClientStudies.Write(Path.Combine(_folder, "send"), "1.2.826.0.1.3680043.2.1125.74");
        await Task.Run(() => HounsfieldCli.Run(["store", peer, Path.Combine(_folder, "send"), .. tls]).EnsureSuccess());

        var output = Path.Combine(_folder, "received");
        var move = await Task.Run(() => HounsfieldCli.Run(["move", peer, "--dest", "HFMOVE", "--listen", $"127.0.0.1:{Text(listenPort)}", "--out", output,
            "-k", "StudyInstanceUID=1.2.826.0.1.3680043.2.1125.74.2", .. tls]));
        Assert.True(move.ExitCode == 0, $"{move.Output}\n{move.Error}\nserve:\n{serve.Output}");
        Assert.Matches(@"received\s+4", move.Output);
        ClientStudies.AssertSameInstances(ClientStudies.OfStudy(sources, 2), Directory.GetFiles(output));

        // Listening with TLS needs our certificate and key, checked before anything is sent.
        var noCertificate = await Task.Run(() => HounsfieldCli.Run("move", peer, "--dest", "HFMOVE", "--listen", $"127.0.0.1:{Text(listenPort)}", "--out", Path.Combine(_folder, "none"),
            "-k", "StudyInstanceUID=1.2.3", "--tls", "--ca", ca));
        Assert.Equal(1, noCertificate.ExitCode);
        Assert.Contains("--tls with a listening port needs --cert and --key", noCertificate.Error);

        serve.Terminate();
        Assert.Equal(0, await serve.WaitForExitAsync(TestTimeout));
    }
}
