using System.Security.Cryptography.X509Certificates;

namespace Hounsfield.Dicom.Network.Security;

/// <summary>TLS for a listening port (PS3.15 B.1, B.9 BCP 195): our certificate and how clients are verified.</summary>
public sealed class DicomTlsServerOptions
{
    /// <summary>Creates options with our certificate (which must carry its private key).</summary>
    public DicomTlsServerOptions(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>Our certificate, with private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Intermediate CA certificates sent with ours.</summary>
    public X509Certificate2Collection Intermediates { get; set; } = [];

    /// <summary>CA certificates client certificates must chain to; empty uses the system's trust.</summary>
    public X509Certificate2Collection TrustedCertificates { get; set; } = [];

    /// <summary>Whether clients must present a certificate. Default required (mutual authentication).</summary>
    public TlsPeerVerification ClientVerification { get; set; } = TlsPeerVerification.Required;

    /// <summary>Restrict cipher suites to BCP 195 (RFC 9325) ones where the platform allows choosing. Default true.</summary>
    public bool UseBcp195CipherSuites { get; set; } = true;

    /// <summary>Server options from PEM certificate and key files (the certificate file may hold the chain).</summary>
    public static DicomTlsServerOptions FromPem(string certificatePath, string keyPath, string? trustedCaPath = null, string? keyPassword = null)
    {
        var cert = DicomTlsCertificates.LoadPem(certificatePath, keyPath, out var chain, keyPassword);
        return new DicomTlsServerOptions(cert)
        {
            Intermediates = chain,
            TrustedCertificates = trustedCaPath is null ? [] : DicomTlsCertificates.LoadTrustStore(trustedCaPath),
        };
    }
}
