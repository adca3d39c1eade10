namespace Hounsfield.Archive.Hl7;

/// <summary>The message error condition codes of HL7 table 0357, sent in ERR-3.</summary>
public enum Hl7ErrorCode
{
    /// <summary>Segment sequence error.</summary>
    SegmentSequenceError = 100,
    /// <summary>Required field missing.</summary>
    RequiredFieldMissing = 101,
    /// <summary>Data type error.</summary>
    DataTypeError = 102,
    /// <summary>Table value not found.</summary>
    TableValueNotFound = 103,
    /// <summary>Unsupported message type.</summary>
    UnsupportedMessageType = 200,
    /// <summary>Unsupported event code.</summary>
    UnsupportedEventCode = 201,
    /// <summary>Unsupported version id.</summary>
    UnsupportedVersionId = 203,
    /// <summary>Unknown key identifier.</summary>
    UnknownKeyIdentifier = 204,
    /// <summary>Application internal error.</summary>
    ApplicationInternalError = 207,
}
