using Hounsfield.Dicom.Network.UpperLayer;

namespace Hounsfield.Dicom.Network;

/// <summary>
/// The association ended abnormally: the peer sent an A-ABORT (A-ABORT or A-P-ABORT indication),
/// we aborted after a protocol error or timeout, or the transport failed (A-P-ABORT).
/// </summary>
public sealed class AssociationAbortedException : DicomNetworkException
{
    /// <summary>Creates the exception.</summary>
    public AssociationAbortedException(string message, AbortSource source, AbortReason reason, bool byPeer, Exception? inner = null)
        : base(message, inner)
    {
        AbortSource = source;
        Reason = reason;
        ByPeer = byPeer;
    }

    /// <summary>Abort source (service-user or service-provider).</summary>
    public AbortSource AbortSource { get; }

    /// <summary>Abort reason (meaningful for a service-provider abort).</summary>
    public AbortReason Reason { get; }

    /// <summary>True when the peer sent the A-ABORT; false when we aborted or the transport failed.</summary>
    public bool ByPeer { get; }
}
