namespace Hounsfield.Archive.Routing;

/// <summary>One message waiting for, or sent to, a destination.</summary>
/// <param name="Id">Queue identifier.</param>
/// <param name="Destination">AE title of the destination (a known peer).</param>
/// <param name="Kind">What is sent.</param>
/// <param name="SopInstanceUid">The stored instance for <see cref="OutboundJobKind.Store"/>, otherwise the SOP Instance UID of the notification or the MPPS.</param>
/// <param name="TransferSyntax">Transfer syntax UID to send a stored instance in, or null for its own.</param>
/// <param name="Payload">The data set of a notification or MPPS message, Explicit VR Little Endian; null for a stored instance.</param>
/// <param name="State">Where the job stands.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="NextAttempt">Not sent before this time.</param>
/// <param name="LastError">Why the last attempt failed, or null.</param>
/// <param name="Created">When it was queued.</param>
/// <param name="Updated">When its state last changed.</param>
public sealed record OutboundJob(long Id, string Destination, OutboundJobKind Kind, string SopInstanceUid, string? TransferSyntax,
    byte[]? Payload, OutboundJobState State, int Attempts, DateTimeOffset NextAttempt, string? LastError, DateTimeOffset Created, DateTimeOffset Updated);
