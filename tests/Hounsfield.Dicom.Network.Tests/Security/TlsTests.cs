using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Hounsfield.Dicom.Network.Security;
using static Hounsfield.Dicom.Network.Tests.Association.NetworkTestHelpers;

namespace Hounsfield.Dicom.Network.Tests.Security;

/// <summary>TLS listeners and requestors (PS3.15 Annex B) with generated certificates.</summary>
public sealed class TlsTests : IDisposable
{
    private readonly TestCertificates _certs = new();

    public void Dispose() => _certs.Dispose();

    private (DicomListener Listener, int Port) StartTlsListener(TlsPeerVerification clientVerification, DicomListener.AssociationHandler? handler = null)
    {
        var listener = new DicomListener(VerificationPolicy(), handler ?? DicomListener.DrainUntilReleaseAsync,
            new DicomListenerOptions { Association = FastOptions() });
        var tls = new DicomTlsServerOptions(_certs.Server) { TrustedCertificates = _certs.Trust, ClientVerification = clientVerification };
        // A plain port and a separate TLS port on the same listener.
        listener.Listen(new IPEndPoint(IPAddress.Loopback, 0));
        var ep = listener.Listen(new IPEndPoint(IPAddress.Loopback, 0), tls);
        return (listener, ep.Port);
    }

    private AssociationOptions ClientOptions(bool withCertificate, X509Certificate2Collection? trust = null)
    {
        var options = FastOptions();
        options.Tls = new DicomTlsClientOptions
        {
            TrustedCertificates = trust ?? _certs.Trust,
            Certificate = withCertificate ? _certs.Client : null,
        };
        return options;
    }

    [Fact]
    public async Task MutualTls_Establishes_AndBothSidesSeeTheOthersCertificate()
    {
        var serverSaw = new TaskCompletionSource<string?>();
        async Task Handler(Dicom.Network.Association a, CancellationToken ct)
        {
            serverSaw.SetResult(a.RemoteCertificate?.Subject);
            await DicomListener.DrainUntilReleaseAsync(a, ct);
        }
        var (listener, port) = StartTlsListener(TlsPeerVerification.Required, Handler);
        await using var _ = listener;
        Assert.Equal(2, listener.Endpoints.Count);

        await using var a = await Dicom.Network.Association.ConnectAsync("localhost", port, VerificationRequest(), ClientOptions(withCertificate: true));
        Assert.True(a.IsSecure);
        Assert.Equal("CN=localhost", a.RemoteCertificate!.Subject);
        Assert.Equal("CN=HOUNSFIELD-CLIENT", await serverSaw.Task.WaitAsync(TestTimeout));
        await a.SendPDataAsync(1, true, new byte[64]);
        await a.ReleaseAsync();
    }

    [Fact]
    public async Task RequiredClientCertificate_Missing_Fails()
    {
        var (listener, port) = StartTlsListener(TlsPeerVerification.Required);
        await using var _ = listener;
        var failures = CollectFailures(listener);
        // With TLS 1.3 the client may only learn of the refusal after its handshake, on first read.
        await Assert.ThrowsAnyAsync<DicomNetworkException>(async () =>
        {
            await using var a = await Dicom.Network.Association.ConnectAsync("localhost", port, VerificationRequest(), ClientOptions(withCertificate: false));
        });
        await Association.AssociationTests.WaitUntilAsync(() => !failures.IsEmpty);
        Assert.Contains(failures, f => f.Message.Contains("TLS handshake", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OptionalClientCertificate_Missing_IsAccepted()
    {
        var (listener, port) = StartTlsListener(TlsPeerVerification.Optional);
        await using var _ = listener;
        await using var a = await Dicom.Network.Association.ConnectAsync("localhost", port, VerificationRequest(), ClientOptions(withCertificate: false));
        Assert.True(a.IsSecure);
        await a.ReleaseAsync();
    }

    [Fact]
    public async Task ClientCertificateFromAnotherCa_IsRefusedEvenWhenOptional()
    {
        using var other = new TestCertificates("Other CA");
        var (listener, port) = StartTlsListener(TlsPeerVerification.Optional);
        await using var _ = listener;
        var options = FastOptions();
        options.Tls = new DicomTlsClientOptions { TrustedCertificates = _certs.Trust, Certificate = other.Client };
        await Assert.ThrowsAnyAsync<DicomNetworkException>(async () =>
        {
            await using var a = await Dicom.Network.Association.ConnectAsync("localhost", port, VerificationRequest(), options);
        });
    }

    [Fact]
    public async Task ServerFromUntrustedCa_IsRefusedByTheClient()
    {
        using var other = new TestCertificates("Other CA");
        var (listener, port) = StartTlsListener(TlsPeerVerification.None);
        await using var _ = listener;
        var e = await Assert.ThrowsAsync<DicomNetworkException>(() =>
            Dicom.Network.Association.ConnectAsync("localhost", port, VerificationRequest(), ClientOptions(false, other.Trust)));
        Assert.Contains("TLS handshake with localhost", e.Message);
    }

    [Fact]
    public async Task ServerVerificationOff_AcceptsAnyServer()
    {
        using var other = new TestCertificates("Other CA");
        var (listener, port) = StartTlsListener(TlsPeerVerification.None);
        await using var _ = listener;
        var options = ClientOptions(false, other.Trust);
        options.Tls!.ServerVerification = TlsPeerVerification.None;
        await using var a = await Dicom.Network.Association.ConnectAsync("127.0.0.1", port, VerificationRequest(), options);
        await a.ReleaseAsync();
    }

    [Fact]
    public async Task PemAndPkcs12Files_LoadForServerAndClient()
    {
        var folder = Directory.CreateTempSubdirectory("hounsfield-tls-").FullName;
        try
        {
            var (serverCert, serverKey) = TestCertificates.WritePem(_certs.Server, folder, "server");
            var caFolder = Directory.CreateDirectory(Path.Combine(folder, "ca")).FullName;
            File.WriteAllText(Path.Combine(caFolder, "ca.pem"), _certs.Ca.ExportCertificatePem());
            File.WriteAllText(Path.Combine(caFolder, "notes.txt"), "ignored");
            var p12 = Path.Combine(folder, "client.p12");
            File.WriteAllBytes(p12, _certs.Client.Export(X509ContentType.Pkcs12, "pw"));

            var serverTls = DicomTlsServerOptions.FromPem(serverCert, serverKey, caFolder);
            Assert.Single(serverTls.TrustedCertificates);
            var listener = new DicomListener(VerificationPolicy(), DicomListener.DrainUntilReleaseAsync, new DicomListenerOptions { Association = FastOptions() });
            await using var _ = listener;
            var port = listener.Listen(new IPEndPoint(IPAddress.Loopback, 0), serverTls).Port;

            var options = FastOptions();
            options.Tls = DicomTlsClientOptions.FromPem(Path.Combine(caFolder, "ca.pem"));
            options.Tls.Certificate = DicomTlsCertificates.LoadPkcs12(p12, "pw");
            await using var a = await Dicom.Network.Association.ConnectAsync("localhost", port, VerificationRequest(), options);
            Assert.True(a.IsSecure);
            await a.ReleaseAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task OnlyTls12And13_AreNegotiated()
    {
        var (listener, port) = StartTlsListener(TlsPeerVerification.None);
        await using var _ = listener;
        using var tcp = await RawConnectAsync(port);
        await using var ssl = new SslStream(new System.Net.Sockets.NetworkStream(tcp), false, (_, _, _, _) => true);
        await Assert.ThrowsAnyAsync<Exception>(() => ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
#pragma warning disable SYSLIB0039 // TLS 1.1 on purpose: the server must refuse it.
            EnabledSslProtocols = System.Security.Authentication.SslProtocols.Tls11,
#pragma warning restore SYSLIB0039
        }));
    }

    [Fact]
    public void Verify_WithCustomTrust_IgnoresSystemRoots()
    {
        using var other = new TestCertificates("Other CA");
        Assert.True(DicomTls.Verify(_certs.Server, null, SslPolicyErrors.RemoteCertificateChainErrors, TlsPeerVerification.Required,
            _certs.Trust, new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1"), checkName: false));
        Assert.False(DicomTls.Verify(other.Server, null, SslPolicyErrors.None, TlsPeerVerification.Required,
            _certs.Trust, new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1"), checkName: false));
        // A client certificate is not valid for server authentication.
        Assert.False(DicomTls.Verify(_certs.Client, null, SslPolicyErrors.None, TlsPeerVerification.Required,
            _certs.Trust, new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1"), checkName: false));
        Assert.True(DicomTls.Verify(null, null, SslPolicyErrors.RemoteCertificateNotAvailable, TlsPeerVerification.Optional,
            _certs.Trust, new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2"), checkName: false));
        Assert.False(DicomTls.Verify(null, null, SslPolicyErrors.RemoteCertificateNotAvailable, TlsPeerVerification.Required,
            _certs.Trust, new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2"), checkName: false));
    }
}
