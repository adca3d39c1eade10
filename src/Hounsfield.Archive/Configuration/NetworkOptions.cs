using System.Net;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Security;

namespace Hounsfield.Archive.Configuration;

/// <summary>
/// The archive's application entity on the network: AE title, ports, TLS, association limits and
/// timeouts. JSON-friendly; <see cref="CreateHostOptions"/> turns it into <see cref="DicomHostOptions"/>.
/// Defaults are those of the network layer.
/// </summary>
public sealed class NetworkOptions
{
    private static readonly DicomHostOptions HostDefaults = new();
    private static readonly AssociationOptions AssociationDefaults = new();

    /// <summary>Our AE title.</summary>
    public string AETitle { get; set; } = HostDefaults.AETitle;

    /// <summary>Answer to any called AE title, not only <see cref="AETitle"/>.</summary>
    public bool AcceptAnyCalledAETitle { get; set; }

    /// <summary>The address to listen on.</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>The plain DICOM port; null for none, 0 for any free one.</summary>
    public int? Port { get; set; } = HostDefaults.Port;

    /// <summary>The TLS port and certificates; null for no TLS.</summary>
    public TlsListenerOptions? Tls { get; set; }

    /// <summary>Most associations at once; 0 = no limit.</summary>
    public int MaxAssociations { get; set; } = HostDefaults.Listener.MaxAssociations;

    /// <summary>Most associations at once from one calling AE title; 0 = no limit.</summary>
    public int MaxAssociationsPerCallingAE { get; set; }

    /// <summary>Most associations at once from one remote address; 0 = no limit.</summary>
    public int MaxAssociationsPerHost { get; set; }

    /// <summary>Operations outstanding at once per association (asynchronous operations window); 0 = unlimited.</summary>
    public int MaxOperations { get; set; } = HostDefaults.MaxOperations;

    /// <summary>Maximum PDU length we receive; 0 = unlimited.</summary>
    public uint MaxPduLength { get; set; } = AssociationDefaults.MaxPduLength;

    /// <summary>TCP connect timeout for associations we open (C-MOVE).</summary>
    public TimeSpan ConnectTimeout { get; set; } = AssociationDefaults.ConnectTimeout;

    /// <summary>ACSE timeout (association negotiation, TLS handshake).</summary>
    public TimeSpan AcseTimeout { get; set; } = AssociationDefaults.AcseTimeout;

    /// <summary>How long we wait for the A-RELEASE-RP of an association we release before aborting it.</summary>
    public TimeSpan ReleaseTimeout { get; set; } = AssociationDefaults.ReleaseTimeout;

    /// <summary>DIMSE timeout: waiting for a response or the next fragment.</summary>
    public TimeSpan DimseTimeout { get; set; } = AssociationDefaults.DimseTimeout;

    /// <summary>ARTIM timeout (PS3.8 §9.1.5).</summary>
    public TimeSpan ArtimTimeout { get; set; } = AssociationDefaults.ArtimTimeout;

    /// <summary>An established association silent this long is aborted.</summary>
    public TimeSpan IdleTimeout { get; set; } = HostDefaults.IdleTimeout;

    /// <summary>On SIGINT/SIGTERM, how long open associations may go on before they are aborted.</summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The host options these settings describe.</summary>
    /// <exception cref="FormatException">The bind address is not an IP address.</exception>
    public DicomHostOptions CreateHostOptions(Action<string>? log = null)
    {
        var host = new DicomHostOptions
        {
            AETitle = AETitle,
            AcceptAnyCalledAETitle = AcceptAnyCalledAETitle,
            BindAddress = IPAddress.TryParse(BindAddress, out var bind) ? bind : throw new FormatException($"Network.BindAddress '{BindAddress}' is not an IP address"),
            Port = Port,
            TlsPort = Tls?.Port,
            MaxOperations = MaxOperations,
            IdleTimeout = IdleTimeout,
            Log = log,
        };
        host.Listener.MaxAssociations = MaxAssociations;
        host.Listener.MaxAssociationsPerCallingAE = MaxAssociationsPerCallingAE;
        host.Listener.MaxAssociationsPerHost = MaxAssociationsPerHost;
        ApplyTo(host.Listener.Association);
        if (Tls is { Port: not null } tls)
        {
            var server = DicomTlsServerOptions.FromPem(tls.Certificate, tls.PrivateKey, tls.CertificateAuthorities);
            server.ClientVerification = tls.ClientVerification ?? (tls.CertificateAuthorities is null ? TlsPeerVerification.None : TlsPeerVerification.Required);
            host.Tls = server;
        }
        return host;
    }

    /// <summary>Copies the timeouts and PDU limit onto association options (ours as acceptor, or for associations we open).</summary>
    public void ApplyTo(AssociationOptions association)
    {
        association.MaxPduLength = MaxPduLength;
        association.ConnectTimeout = ConnectTimeout;
        association.AcseTimeout = AcseTimeout;
        association.ReleaseTimeout = ReleaseTimeout;
        association.DimseTimeout = DimseTimeout;
        association.ArtimTimeout = ArtimTimeout;
    }

    /// <summary>TLS options for calling a remote AE: our certificate and the configured CAs.</summary>
    /// <exception cref="InvalidOperationException">No <see cref="Tls"/> section is configured.</exception>
    public DicomTlsClientOptions CreateTlsClientOptions()
    {
        var tls = Tls ?? throw new InvalidOperationException("a remote AE reached over TLS needs the Network.Tls section (certificate, key, CAs)");
        return DicomTlsClientOptions.FromPem(tls.CertificateAuthorities, tls.Certificate, tls.PrivateKey);
    }
}
