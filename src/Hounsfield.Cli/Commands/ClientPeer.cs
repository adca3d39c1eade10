using Hounsfield.Dicom.Network;

namespace Hounsfield.Cli.Commands;

/// <summary>A peer named in the client configuration, with the character set its responses are read in when they carry none.</summary>
internal sealed record ClientPeer(DicomPeer Address, string? FallbackCharset);
