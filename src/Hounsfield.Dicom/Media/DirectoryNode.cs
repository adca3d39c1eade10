namespace Hounsfield.Dicom.Media;

/// <summary>A directory record being built, with the records of its lower-level entity.</summary>
internal sealed class DirectoryNode(DicomDataset record)
{
    private readonly Dictionary<string, DirectoryNode> _byKey = new(StringComparer.Ordinal);

    public DicomDataset Record { get; } = record;

    public List<DirectoryNode> Children { get; } = [];

    /// <summary>The child record for <paramref name="key"/> (patient, study or series identity), made on first use.</summary>
    public DirectoryNode Child(string key, Func<DicomDataset> create)
    {
        if (_byKey.TryGetValue(key, out var child)) return child;
        child = new DirectoryNode(create());
        _byKey[key] = child;
        Children.Add(child);
        return child;
    }

    /// <summary>This node's descendants in the order they are written: each record before the entity below it.</summary>
    public IEnumerable<DirectoryNode> DepthFirst()
    {
        foreach (var child in Children)
        {
            yield return child;
            foreach (var below in child.DepthFirst()) yield return below;
        }
    }
}
