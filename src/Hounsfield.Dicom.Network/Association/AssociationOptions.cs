using Hounsfield.Dicom.Network.Security;
using Hounsfield.Dicom.Network.UpperLayer;

namespace Hounsfield.Dicom.Network;

/// <summary>Timeouts, PDU limits and identification for one association (either side).</summary>
public sealed class AssociationOptions
{
    /// <summary>Our default Maximum Length Received: 256 KiB, large enough that a PDU amortizes its syscalls.</summary>
    public const uint DefaultMaxPduLength = 256 * 1024;

    /// <summary>TCP connect timeout (requestor). Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// ACSE timeout: how long to wait for A-ASSOCIATE-AC/RJ (or for the A-ASSOCIATE-RQ once a
    /// connection is accepted), and for a TLS handshake. Default 30 s.
    /// </summary>
    public TimeSpan AcseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a requestor waits for the A-RELEASE-RP after its A-RELEASE-RQ; when none comes the
    /// association is aborted. Default 30 s. <see cref="Timeout.InfiniteTimeSpan"/> waits for ever.
    /// </summary>
    public TimeSpan ReleaseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>DIMSE timeout, for the DIMSE layer: how long to wait for a response or the next message. Default 60 s; <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan DimseTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>ARTIM timer (PS3.8 §9.1.5): wait for A-ASSOCIATE-RQ after accept, and for the peer to close after RJ/RP/ABORT. Default 30 s.</summary>
    public TimeSpan ArtimTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Maximum Length Received we advertise (PS3.8 D.1): the largest P-DATA-TF we accept. 0 means
    /// "no maximum"; even then one PDU is capped at <see cref="PduReader.UnlimitedPDataGuard"/>.
    /// </summary>
    public uint MaxPduLength { get; set; } = DefaultMaxPduLength;

    /// <summary>Largest A-ASSOCIATE-RQ/AC we accept (they are not governed by the maximum length). Default 1 MiB.</summary>
    public int MaxAssociatePduLength { get; set; } = PduReader.DefaultMaxAssociatePduLength;

    /// <summary>
    /// Cap on the P-DATA-TF PDUs we send, applied when the peer allows more (or has no maximum), so
    /// the send buffer stays bounded. Default 1 MiB.
    /// </summary>
    public int MaxSendPduLength { get; set; } = 1 << 20;

    /// <summary>Implementation Class UID we send.</summary>
    public string ImplementationClassUid { get; set; } = DicomUid.ImplementationClassUid;

    /// <summary>Implementation Version Name we send.</summary>
    public string ImplementationVersionName { get; set; } = DicomUid.ImplementationVersionName;

    /// <summary>TLS for an outgoing association (requestor); null for plain TCP.</summary>
    public DicomTlsClientOptions? Tls { get; set; }

    /// <summary>Receives a line per state transition and PDU, for diagnostics; null for none.</summary>
    public Action<string>? Trace { get; set; }

    /// <summary>A copy, so per-association changes do not leak into shared options.</summary>
    public AssociationOptions Clone() => (AssociationOptions)MemberwiseClone();
}
