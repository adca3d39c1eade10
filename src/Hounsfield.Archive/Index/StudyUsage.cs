namespace Hounsfield.Archive.Index;

/// <summary>A study as auto delete sees it.</summary>
/// <param name="StudyInstanceUid">Study Instance UID (0020,000D).</param>
/// <param name="PatientId">Patient ID (0010,0020).</param>
/// <param name="LastAccess">When an instance of the study was last stored or retrieved.</param>
/// <param name="LastStore">When an instance of the study was last stored.</param>
/// <param name="Instances">How many instances it has.</param>
/// <param name="Size">The bytes of its files.</param>
public sealed record StudyUsage(string StudyInstanceUid, string PatientId, DateTimeOffset LastAccess, DateTimeOffset LastStore, long Instances, long Size);
