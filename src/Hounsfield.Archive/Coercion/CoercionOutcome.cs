using Hounsfield.Dicom;

namespace Hounsfield.Archive.Coercion;

/// <summary>What <see cref="StoreCoercion"/> did to one instance.</summary>
public sealed class CoercionOutcome(DicomFile file, IReadOnlyList<string> changes)
{
    /// <summary>The file to store: the received one, or its rewritten copy.</summary>
    public DicomFile File { get; } = file;

    /// <summary>A description of each change; empty when nothing changed.</summary>
    public IReadOnlyList<string> Changes { get; } = changes;
}
