using Hounsfield.Dicom.Network.Tests.Security;
using Hounsfield.Interop.Tests.Network;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Client;

/// <summary>
/// A peer named in the client configuration with <c>tls</c> is called over TLS with the configured
/// files, here DCMTK's <c>storescp +tls</c> (which requires our certificate); the options still override them.
/// </summary>
public sealed class ClientPeerTlsTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly TestCertificates _certs = new();

    public void Dispose()
    {
        _certs.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_named_tls_peer_is_echoed_over_tls_with_the_configured_files()
    {
        var (serverCert, serverKey) = TestCertificates.WritePem(_certs.Server, _dir.Path, "server");
        var (cert, key) = TestCertificates.WritePem(_certs.Client, _dir.Path, "client");
        await File.WriteAllTextAsync(_dir.File("ca.pem"), _certs.Ca.ExportCertificatePem());
        var port = InteropNetwork.FreePort();
        await using var storescp = DcmtkProcess.Start("storescp", "+tls", serverKey, serverCert, "+cf", _dir.File("ca.pem"), "-aet", "TLSSCP",
            "-od", _dir.Path, InteropNetwork.Text(port));
        var address = $"TLSSCP@127.0.0.1:{InteropNetwork.Text(port)}";
        // Paths relative to the configuration file.
        var config = _dir.File("client.json");
        await File.WriteAllTextAsync(config, $$"""
            { "peers": {
                "secure": { "address": "{{address}}", "tls": { "ca": "ca.pem", "cert": "{{Path.GetFileName(cert)}}", "key": "{{Path.GetFileName(key)}}" } },
                "anonymous": { "address": "{{address}}", "tls": { "ca": "ca.pem" } },
                "plain": "{{address}}" } }
            """);
        var environment = new Dictionary<string, string?> { ["HOUNSFIELD_CLIENT_CONFIG"] = config };
        PeerResult Echo(params string[] args) => HounsfieldCli.RunWith(environment, ["echo", .. args, "--connect-timeout", "5", "--association-timeout", "5"]);

        var secure = await Task.Run(() => Echo("secure"));
        for (var deadline = DateTime.UtcNow.AddSeconds(15); secure.ExitCode != 0 && !storescp.HasExited && DateTime.UtcNow < deadline; secure = await Task.Run(() => Echo("secure")))
            await Task.Delay(100); // storescp still starting
        Assert.True(secure.ExitCode == 0, $"{secure.Output}{secure.Error}\nstorescp:\n{storescp.Output}");
        // storescp requires a client certificate: without one, or without TLS, the association fails.
        Assert.NotEqual(0, (await Task.Run(() => Echo("anonymous"))).ExitCode);
        Assert.NotEqual(0, (await Task.Run(() => Echo("plain"))).ExitCode);
        // The options override the configured files.
        var overridden = await Task.Run(() => Echo("anonymous", "--cert", cert, "--key", key));
        Assert.True(overridden.ExitCode == 0, overridden.Output + overridden.Error);
        storescp.Stop();
    }

    [Fact]
    public async Task A_certificate_without_its_key_is_a_clear_error()
    {
        var config = _dir.File("half.json");
        await File.WriteAllTextAsync(config, """{ "peers": { "half": { "address": "A@127.0.0.1:1", "tls": { "cert": "me.pem" } } } }""");

        var result = await Task.Run(() => HounsfieldCli.RunWith(new Dictionary<string, string?> { ["HOUNSFIELD_CLIENT_CONFIG"] = config }, "echo", "half"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("peers.half.tls: cert and key go together", result.Error);
    }
}
