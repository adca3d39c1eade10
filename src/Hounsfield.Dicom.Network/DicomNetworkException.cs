namespace Hounsfield.Dicom.Network;

/// <summary>
/// A failure of DICOM network communication: a protocol violation by the peer, a transport error,
/// a timeout, an abort or a rejected association. Subclasses say which.
/// </summary>
public class DicomNetworkException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DicomNetworkException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
