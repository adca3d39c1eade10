namespace Hounsfield.Archive.StorageCommitment;

/// <summary>An item of Failed SOP Sequence (0008,1198) with its Failure Reason (0008,1197), PS3.4 J.3.3.1.</summary>
public sealed record FailedSop(string SopClassUid, string SopInstanceUid, ushort FailureReason)
{
    /// <summary>0110H: processing failure (e.g. the stored file no longer parses or carries other UIDs).</summary>
    public const ushort ProcessingFailure = 0x0110;
    /// <summary>0112H: no such object instance.</summary>
    public const ushort NoSuchObjectInstance = 0x0112;
    /// <summary>0119H: class-instance conflict (stored under another SOP class).</summary>
    public const ushort ClassInstanceConflict = 0x0119;
}
