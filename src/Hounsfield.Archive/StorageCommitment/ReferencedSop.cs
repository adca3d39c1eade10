namespace Hounsfield.Archive.StorageCommitment;

/// <summary>An item of Referenced SOP Sequence (0008,1199): an instance to commit, or one committed.</summary>
public sealed record ReferencedSop(string SopClassUid, string SopInstanceUid);
