using Hounsfield.Dicom;

namespace Hounsfield.Archive.Worklist;

/// <summary>A stored worklist item with its key and the moment it expires (null: never).</summary>
public sealed record WorklistEntry(string Key, DicomDataset Item, DateTimeOffset? Expires);
