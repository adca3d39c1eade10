using System.Net;
using Hounsfield.Dicom.Network;

namespace Hounsfield.Archive.StorageCommitment;

/// <summary>How <see cref="StorageCommitmentScu"/> asks and waits.</summary>
public sealed class StorageCommitmentScuOptions
{
    /// <summary>
    /// Our AE title, timeouts and TLS for the N-ACTION association. The request adds the Storage
    /// Commitment proposal when missing and sets its <see cref="DicomClientOptions.IncomingRequestHandler"/>.
    /// </summary>
    public DicomClientOptions Client { get; set; } = new();

    /// <summary>How long to wait for the N-EVENT-REPORT once the N-ACTION is answered (default 60 s, Philips' Storage Commit Max Reply Waiting Time).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A port to accept the report on, from an association the SCP opens to us (our AE title is
    /// the calling one of <see cref="Client"/>); null waits on the N-ACTION's association only.
    /// With a port (0 picks a free one) the N-ACTION's association is released once answered.
    /// </summary>
    public int? ListenPort { get; set; }

    /// <summary>The address the listening port binds (default all IPv4 addresses).</summary>
    public IPAddress ListenAddress { get; set; } = IPAddress.Any;

    /// <summary>Called with the port actually listened on, once listening (before the N-ACTION is sent).</summary>
    public Action<int>? Listening { get; set; }

    /// <summary>Receives one line per notable event.</summary>
    public Action<string>? Log { get; set; }
}
