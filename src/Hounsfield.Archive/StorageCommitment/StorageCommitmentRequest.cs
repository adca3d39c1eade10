namespace Hounsfield.Archive.StorageCommitment;

/// <summary>A received commitment request and where its report stands.</summary>
/// <param name="TransactionUid">Transaction UID (0008,1195), echoed in the report.</param>
/// <param name="CallingAETitle">The requestor, to whom the report goes.</param>
/// <param name="State">pending (report not yet delivered), sent, or failed (given up).</param>
/// <param name="Attempts">Delivery attempts so far.</param>
/// <param name="References">The instances to commit.</param>
/// <param name="LastError">Why the last delivery failed, or null.</param>
/// <param name="Created">When the N-ACTION was received.</param>
public sealed record StorageCommitmentRequest(string TransactionUid, string CallingAETitle, string State, int Attempts,
    IReadOnlyList<ReferencedSop> References, string? LastError, DateTimeOffset Created)
{
    /// <summary>The report is still to be delivered.</summary>
    public const string Pending = "pending";
    /// <summary>The requestor answered the report with success.</summary>
    public const string Sent = "sent";
    /// <summary>Delivery was given up after the configured attempts.</summary>
    public const string Failed = "failed";
}
