namespace Hounsfield.Dicom.Network;

/// <summary>
/// The transport connection closed or failed (PS3.8 §9.2 event Evt17), possibly in the middle of a
/// PDU. The association layer turns it into an A-P-ABORT indication.
/// </summary>
public sealed class TransportClosedException : DicomNetworkException
{
    /// <summary>Creates the exception.</summary>
    public TransportClosedException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
