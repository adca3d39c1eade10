namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>
/// A received PDU is malformed: unknown type, a length that does not fit, a length beyond our
/// limit, or an unknown mandatory item. The association answers with an A-ABORT carrying
/// <see cref="AbortReason"/> (PS3.8 §9.2 event Evt19).
/// </summary>
public sealed class PduFormatException : DicomNetworkException
{
    /// <summary>Creates the exception; <paramref name="offset"/> is the byte offset inside the PDU, or -1.</summary>
    public PduFormatException(string message, AbortReason reason, long offset = -1)
        : base(offset >= 0 ? $"{message} (at PDU offset {offset})" : message)
    {
        Reason = reason;
        Offset = offset;
    }

    /// <summary>The A-ABORT reason to send to the peer.</summary>
    public AbortReason Reason { get; }

    /// <summary>Byte offset inside the PDU where the problem was found, or -1.</summary>
    public long Offset { get; }
}
