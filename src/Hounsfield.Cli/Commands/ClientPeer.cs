using Hounsfield.Dicom.Network;

namespace Hounsfield.Cli.Commands;

/// <summary>
/// A peer named in the client configuration: its address, the character set its responses are read
/// in when they carry none, and TLS when the peer is reached over it.
/// </summary>
internal sealed record ClientPeer(DicomPeer Address, string? FallbackCharset, ClientPeerTls? Tls = null);

/// <summary>TLS to a named peer (PS3.15 Annex B): PEM files, each optional (no CA: the system store; no certificate: none offered).</summary>
internal sealed record ClientPeerTls(string? CertificateAuthorities, string? Certificate, string? PrivateKey);
