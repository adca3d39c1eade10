using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hounsfield.Dicom.Network.Security;

/// <summary>
/// Establishes TLS on a connection (PS3.15 Annex B, BCP 195 / RFC 9325): TLS 1.2 and 1.3 only,
/// no renegotiation, AEAD cipher suites with forward secrecy, and certificate chains validated
/// against our own trust store when one is configured.
/// </summary>
internal static class DicomTls
{
    private const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    public static async Task<SslStream> AuthenticateAsServerAsync(Stream inner, DicomTlsServerOptions options, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        var auth = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = SslStreamCertificateContext.Create(options.Certificate, options.Intermediates, offline: true),
            ClientCertificateRequired = options.ClientVerification != TlsPeerVerification.None,
            EnabledSslProtocols = Protocols,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            AllowRenegotiation = false,
            RemoteCertificateValidationCallback = (_, cert, chain, errors) =>
                Verify(cert, chain, errors, options.ClientVerification, options.TrustedCertificates, ClientAuth, checkName: false),
        };
        if (options.UseBcp195CipherSuites) auth.CipherSuitesPolicy = Bcp195Policy();
        try
        {
            await ssl.AuthenticateAsServerAsync(auth, cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static async Task<SslStream> AuthenticateAsClientAsync(Stream inner, string host, DicomTlsClientOptions options, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        var auth = new SslClientAuthenticationOptions
        {
            TargetHost = options.TargetHost ?? host,
            EnabledSslProtocols = Protocols,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            AllowRenegotiation = false,
            RemoteCertificateValidationCallback = (_, cert, chain, errors) =>
                Verify(cert, chain, errors, options.ServerVerification, options.TrustedCertificates, ServerAuth, options.CheckHostName),
        };
        if (options.Certificate is not null)
        {
            auth.ClientCertificateContext = SslStreamCertificateContext.Create(options.Certificate, options.Intermediates, offline: true);
        }
        if (options.UseBcp195CipherSuites) auth.CipherSuitesPolicy = Bcp195Policy();
        try
        {
            await ssl.AuthenticateAsClientAsync(auth, cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The peer-certificate decision. With a configured trust store the chain is rebuilt against it
    /// alone (CustomRootTrust), so the system's CAs grant nothing; otherwise the platform's verdict stands.
    /// </summary>
    internal static bool Verify(
        X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors, TlsPeerVerification mode,
        X509Certificate2Collection trusted, Oid purpose, bool checkName)
    {
        if (mode == TlsPeerVerification.None) return true;
        if (certificate is null) return mode == TlsPeerVerification.Optional;
        if (checkName && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
        if (trusted.Count == 0) return (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None;

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(purpose);
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                if (element.Certificate.Thumbprint != leaf.Thumbprint) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        return chain.Build(leaf);
    }

    /// <summary>
    /// BCP 195 (RFC 9325 §4.2) suites: TLS 1.3 AEAD suites and TLS 1.2 ECDHE/DHE with AES-GCM or
    /// ChaCha20-Poly1305. Only Linux lets an application choose; elsewhere the OS policy applies.
    /// </summary>
    private static CipherSuitesPolicy? Bcp195Policy()
    {
        if (!OperatingSystem.IsLinux()) return null;
        return new CipherSuitesPolicy(
        [
            TlsCipherSuite.TLS_AES_128_GCM_SHA256,
            TlsCipherSuite.TLS_AES_256_GCM_SHA384,
            TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
            TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
            TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
            TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
            TlsCipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
            TlsCipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384,
        ]);
    }
}
