namespace Hounsfield.Archive.Index;

/// <summary>What happens when an instance with a stored SOP Instance UID arrives again.</summary>
public enum DuplicatePolicy
{
    /// <summary>Keep the stored copy, discard the new one, answer success (0000H).</summary>
    KeepFirst,
    /// <summary>Replace the stored copy with the new one, answer success (0000H).</summary>
    Replace,
    /// <summary>Keep the stored copy and refuse the new one with 0111H (duplicate SOP instance).</summary>
    Reject,
}

/// <summary>The outcome of indexing an instance.</summary>
/// <param name="Kind">What was done.</param>
/// <param name="ObsoletePath">A stored file that is no longer referenced and must be deleted (the new file when kept out, the old one when replaced).</param>
public readonly record struct IndexOutcome(IndexOutcomeKind Kind, string? ObsoletePath);

/// <summary>What indexing did with an instance.</summary>
public enum IndexOutcomeKind
{
    /// <summary>A new instance was indexed.</summary>
    Stored,
    /// <summary>The instance was already indexed; the stored copy was kept.</summary>
    DuplicateKept,
    /// <summary>The instance was already indexed; the new copy replaced it.</summary>
    Replaced,
    /// <summary>The instance was already indexed and the policy refuses duplicates.</summary>
    DuplicateRejected,
}

/// <summary>A stored instance to retrieve: its SOP class and instance, the syntax it is stored in, and its file relative to the storage area.</summary>
public sealed record StoredInstance(string SopClassUid, string SopInstanceUid, string TransferSyntaxUid, string Path);

/// <summary>The archive's index (patient / study / series / instance), SQLite or PostgreSQL behind one interface.</summary>
public interface IArchiveIndex : IAsyncDisposable
{
    /// <summary>Indexes a stored instance (committed when the task completes; whether the commit waited for the disk is the implementation's to document).</summary>
    Task<IndexOutcome> StoreAsync(InstanceRecord record, DuplicatePolicy policy, CancellationToken cancellationToken = default);

    /// <summary>Whether an instance is indexed: a cheaper question than <see cref="FindInstanceAsync"/>, asked of every received instance.</summary>
    Task<bool> ContainsInstanceAsync(string sopInstanceUid, CancellationToken cancellationToken = default);

    /// <summary>The stored record of an instance, or null.</summary>
    Task<InstanceRecord?> FindInstanceAsync(string sopInstanceUid, CancellationToken cancellationToken = default);

    /// <summary>The matches of a C-FIND, each as its response identifier, in index order.</summary>
    IAsyncEnumerable<Hounsfield.Dicom.DicomDataset> FindAsync(Query.DicomQuery query, Query.QueryOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// The stored instances that a C-MOVE or C-GET identifier selects, at or below its level; once
    /// enumerated to the end, their studies count as accessed now (see <see cref="LeastRecentlyUsedStudiesAsync"/>).
    /// </summary>
    IAsyncEnumerable<StoredInstance> FindInstancesAsync(Query.DicomQuery query, CancellationToken cancellationToken = default);

    /// <summary>Counts of patients, studies, series and instances.</summary>
    Task<(long Patients, long Studies, long Series, long Instances)> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="count"/> studies, least recently accessed first, skipping those stored
    /// into since <paramref name="storedBefore"/> (an association may still be sending them).
    /// </summary>
    Task<IReadOnlyList<StudyUsage>> LeastRecentlyUsedStudiesAsync(int count, DateTimeOffset storedBefore, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes a study (and its patient when it has no other study) from the index, committed when
    /// the task completes, and returns the paths of the files it referenced, for the caller to delete.
    /// Empty when the study is not (or no longer) indexed, or was stored into since <paramref name="storedBefore"/>
    /// (checked in the deleting transaction: another server may have stored into it meanwhile).
    /// </summary>
    Task<IReadOnlyList<string>> DeleteStudyAsync(string studyInstanceUid, DateTimeOffset storedBefore, CancellationToken cancellationToken = default);

    /// <summary>The file path (relative to the storage area) of every indexed instance, in no particular order.</summary>
    IAsyncEnumerable<string> PathsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The Patient ID of a study: the one recorded by <see cref="RecordStudyPatientIdAsync"/>, else the
    /// one it is indexed with; null for a study not seen yet.
    /// </summary>
    Task<string?> StudyPatientIdAsync(string studyInstanceUid, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records <paramref name="patientId"/> as the Patient ID of a study unless one is recorded already
    /// (by this or another server); returns the one recorded, committed.
    /// </summary>
    Task<string> RecordStudyPatientIdAsync(string studyInstanceUid, string patientId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records <paramref name="claim"/> unless its Patient ID, or an ID made from the same original for the
    /// same patient, is recorded already; returns, committed, the claim recorded for that patient (the
    /// given one, or an earlier one with another ID), else the claim of whoever holds the ID.
    /// </summary>
    Task<PatientIdClaim> ClaimPatientIdAsync(PatientIdClaim claim, CancellationToken cancellationToken = default);
}
