namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>
/// Reason/Diagnostic of an A-ABORT PDU (PS3.8 Table 9-26). Meaningful when the source is the
/// service-provider; a service-user abort sends 0.
/// </summary>
public enum AbortReason : byte
{
    /// <summary>Reason not specified.</summary>
    NotSpecified = 0,

    /// <summary>Unrecognized PDU (unknown PDU type).</summary>
    UnrecognizedPdu = 1,

    /// <summary>Unexpected PDU (a valid PDU that the current state does not allow).</summary>
    UnexpectedPdu = 2,

    /// <summary>Reserved.</summary>
    Reserved = 3,

    /// <summary>Unrecognized PDU parameter (for example an unknown item type).</summary>
    UnrecognizedPduParameter = 4,

    /// <summary>Unexpected PDU parameter.</summary>
    UnexpectedPduParameter = 5,

    /// <summary>Invalid PDU parameter value (bad length, bad field value).</summary>
    InvalidPduParameterValue = 6,
}
