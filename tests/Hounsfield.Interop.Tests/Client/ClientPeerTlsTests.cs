using System.Net;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Security;
using Hounsfield.Dicom.Network.Tests.Security;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Client;

/// <summary>A peer named in the client configuration with <c>tls</c> is called over TLS with the configured files; the options still override them.</summary>
public sealed class ClientPeerTlsTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly TestCertificates _certs = new();
    private DicomHost _host = null!;
    private int _tlsPort;

    public async Task InitializeAsync()
    {
        var options = new DicomHostOptions
        {
            AETitle = "TLSSCP", Port = null, TlsPort = 0, BindAddress = IPAddress.Loopback,
            Tls = new DicomTlsServerOptions(_certs.Server) { TrustedCertificates = _certs.Trust, ClientVerification = TlsPeerVerification.Required },
        };
        _host = new DicomHost(options).AddVerification();
        await _host.StartAsync();
        _tlsPort = _host.Endpoints[0].Port;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _certs.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_named_tls_peer_is_echoed_over_tls_with_the_configured_files()
    {
        var (cert, key) = TestCertificates.WritePem(_certs.Client, _dir.Path, "client");
        await File.WriteAllTextAsync(_dir.File("ca.pem"), _certs.Ca.ExportCertificatePem());
        var address = $"TLSSCP@127.0.0.1:{_tlsPort}";
        // Paths relative to the configuration file.
        var config = _dir.File("client.json");
        await File.WriteAllTextAsync(config, $$"""
            { "peers": {
                "secure": { "address": "{{address}}", "tls": { "ca": "ca.pem", "cert": "{{Path.GetFileName(cert)}}", "key": "{{Path.GetFileName(key)}}" } },
                "anonymous": { "address": "{{address}}", "tls": { "ca": "ca.pem" } },
                "plain": "{{address}}" } }
            """);
        var environment = new Dictionary<string, string?> { ["HOUNSFIELD_CLIENT_CONFIG"] = config };

        var secure = await Task.Run(() => HounsfieldCli.RunWith(environment, "echo", "secure"));
        Assert.True(secure.ExitCode == 0, secure.Output + secure.Error);
        // The server requires a client certificate: without one, or without TLS, the association fails.
        var anonymous = await Task.Run(() => HounsfieldCli.RunWith(environment, "echo", "anonymous", "--connect-timeout", "5", "--association-timeout", "5"));
        Assert.NotEqual(0, anonymous.ExitCode);
        var plain = await Task.Run(() => HounsfieldCli.RunWith(environment, "echo", "plain", "--connect-timeout", "5", "--association-timeout", "5"));
        Assert.NotEqual(0, plain.ExitCode);
        // The options override the configured files.
        var overridden = await Task.Run(() => HounsfieldCli.RunWith(environment, "echo", "anonymous", "--cert", cert, "--key", key));
        Assert.True(overridden.ExitCode == 0, overridden.Output + overridden.Error);
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
