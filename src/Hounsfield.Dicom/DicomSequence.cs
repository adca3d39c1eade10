using System.Collections.ObjectModel;

namespace Hounsfield.Dicom;

/// <summary>
/// The items of a sequence element (SQ). Each item is a <see cref="DicomDataset"/> whose
/// <see cref="DicomDataset.Parent"/> is the data set holding the sequence, so that items without
/// their own Specific Character Set inherit the enclosing one.
/// </summary>
public sealed class DicomSequence : Collection<DicomDataset>
{
    private DicomDataset? _owner;

    /// <summary>Creates an empty sequence.</summary>
    public DicomSequence() { }

    /// <summary>Creates a sequence holding <paramref name="items"/>.</summary>
    public DicomSequence(IEnumerable<DicomDataset> items)
    {
        foreach (var item in items) Add(item);
    }

    /// <summary>Wraps a list the reader filled; <see cref="Owner"/> is set when the holding data set is built.</summary>
    internal DicomSequence(List<DicomDataset> items) : base(items) { }

    /// <summary>The data set that holds this sequence.</summary>
    public DicomDataset? Owner
    {
        get => _owner;
        internal set
        {
            _owner = value;
            // Indexing, not foreach: the enumerator of Collection<T> is a boxed allocation.
            var items = Items;
            for (var i = 0; i < items.Count; i++) items[i].Parent = value;
        }
    }

    /// <inheritdoc/>
    protected override void InsertItem(int index, DicomDataset item)
    {
        item.Parent = _owner;
        base.InsertItem(index, item);
    }

    /// <inheritdoc/>
    protected override void SetItem(int index, DicomDataset item)
    {
        item.Parent = _owner;
        base.SetItem(index, item);
    }

    internal DicomSequence Clone(DicomDataset newOwner)
    {
        var copy = new DicomSequence();
        foreach (var item in this) copy.Add(item.Clone());
        copy.Owner = newOwner;
        return copy;
    }
}
