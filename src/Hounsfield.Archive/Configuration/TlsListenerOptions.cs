using Hounsfield.Dicom.Network.Security;

namespace Hounsfield.Archive.Configuration;

/// <summary>The TLS port and our identity on it (PEM files); also used when we call a remote AE over TLS.</summary>
public sealed class TlsListenerOptions
{
    /// <summary>The TLS port; null for none (the certificate may still serve outgoing TLS).</summary>
    public int? Port { get; set; }

    /// <summary>Our certificate (PEM).</summary>
    public string Certificate { get; set; } = "";

    /// <summary>Its private key (PEM).</summary>
    public string PrivateKey { get; set; } = "";

    /// <summary>A CA bundle (PEM): peers' certificates must chain to it; null trusts the system store.</summary>
    public string? CertificateAuthorities { get; set; }

    /// <summary>Client certificates on our TLS port: Required (default when a CA bundle is given), Optional or None.</summary>
    public TlsPeerVerification? ClientVerification { get; set; }
}
