using System.Security.Cryptography.X509Certificates;

namespace Hounsfield.Dicom.Network.Security;

/// <summary>TLS for an outgoing association (PS3.15 B.1, B.9 BCP 195).</summary>
public sealed class DicomTlsClientOptions
{
    /// <summary>Our certificate with private key, for servers that require client authentication; null for none.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>Intermediate CA certificates sent with ours.</summary>
    public X509Certificate2Collection Intermediates { get; set; } = [];

    /// <summary>CA certificates the server certificate must chain to; empty uses the system's trust.</summary>
    public X509Certificate2Collection TrustedCertificates { get; set; } = [];

    /// <summary>Whether the server certificate is verified. Default required.</summary>
    public TlsPeerVerification ServerVerification { get; set; } = TlsPeerVerification.Required;

    /// <summary>
    /// Name expected in the server certificate (SNI and name check); null uses the host we connect
    /// to.
    /// </summary>
    public string? TargetHost { get; set; }

    /// <summary>Check that the server certificate names the host (RFC 9325 §7.3). Default true.</summary>
    public bool CheckHostName { get; set; } = true;

    /// <summary>Restrict cipher suites to BCP 195 (RFC 9325) ones where the platform allows choosing. Default true.</summary>
    public bool UseBcp195CipherSuites { get; set; } = true;

    /// <summary>Client options trusting a CA file or folder, optionally with our PEM certificate and key.</summary>
    public static DicomTlsClientOptions FromPem(string? trustedCaPath, string? certificatePath = null, string? keyPath = null, string? keyPassword = null)
    {
        var options = new DicomTlsClientOptions
        {
            TrustedCertificates = trustedCaPath is null ? [] : DicomTlsCertificates.LoadTrustStore(trustedCaPath),
        };
        if (certificatePath is not null && keyPath is not null)
        {
            options.Certificate = DicomTlsCertificates.LoadPem(certificatePath, keyPath, out var chain, keyPassword);
            options.Intermediates = chain;
        }
        return options;
    }
}
