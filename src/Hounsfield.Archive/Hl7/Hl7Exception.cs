namespace Hounsfield.Archive.Hl7;

/// <summary>
/// A message that is not applied: <see cref="Rejected"/> ones (malformed, unsupported type) are answered
/// AR, the others (a required field missing, an unknown order) AE, with <see cref="Code"/> and the text in ERR.
/// </summary>
public sealed class Hl7Exception(Hl7ErrorCode code, string message, bool rejected = false, string? location = null) : Exception(message)
{
    /// <summary>The HL7 table 0357 code.</summary>
    public Hl7ErrorCode Code { get; } = code;

    /// <summary>True for AR (reject), false for AE (application error).</summary>
    public bool Rejected { get; } = rejected;

    /// <summary>Where the error is, written segment^sequence^field (ERR-2), when known.</summary>
    public string? Location { get; } = location;
}
