namespace Hounsfield.Dicom.Network.Security;

/// <summary>How strictly the peer's certificate is checked (PS3.15 B.1: peers authenticate with X.509 certificates).</summary>
public enum TlsPeerVerification
{
    /// <summary>The peer must present a certificate that chains to a trusted CA.</summary>
    Required,

    /// <summary>A certificate is asked for; if one is presented it must chain to a trusted CA, but none is also accepted.</summary>
    Optional,

    /// <summary>No verification: any certificate, or none, is accepted. Encryption without authentication; for tests.</summary>
    None,
}
