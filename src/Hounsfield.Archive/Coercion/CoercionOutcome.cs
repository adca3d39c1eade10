using Hounsfield.Dicom;

namespace Hounsfield.Archive.Coercion;

/// <summary>
/// What <see cref="StoreCoercion"/> did to one instance. Dispose it once the instance is indexed (or
/// given up): until then concurrent instances see its Patient ID decision as if it were stored.
/// </summary>
public sealed class CoercionOutcome(DicomFile file, IReadOnlyList<string> changes, Action? release) : IDisposable
{
    private Action? _release = release;

    /// <summary>The file to store: the received one, or its rewritten copy.</summary>
    public DicomFile File { get; } = file;

    /// <summary>A description of each change; empty when nothing changed.</summary>
    public IReadOnlyList<string> Changes { get; } = changes;

    /// <inheritdoc/>
    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
