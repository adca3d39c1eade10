namespace Hounsfield.Dicom;

/// <summary>
/// A read-only view of one data element of a <see cref="DicomDataset"/>. Values are decoded on
/// demand by the dataset's typed accessors, with the data set's character set.
/// </summary>
public readonly struct DicomElement
{
    private readonly DicomEntry _entry;

    internal DicomElement(in DicomEntry entry, DicomDataset owner)
    {
        _entry = entry;
        Owner = owner;
    }

    /// <summary>The data set that holds this element.</summary>
    public DicomDataset Owner { get; }

    /// <summary>The tag.</summary>
    public DicomTag Tag => new(_entry.Tag);

    /// <summary>The value representation.</summary>
    public DicomVR VR => _entry.VR;

    /// <summary>Where the value lives: in memory, in a sequence, in fragments or in the source file.</summary>
    public DicomValueKind Kind => _entry.Kind;

    /// <summary>
    /// The value length in bytes for inline and bulk values; for sequences the item count; for
    /// fragments the fragment count.
    /// </summary>
    public long Length => _entry.Kind switch
    {
        DicomValueKind.Inline => _entry.Length,
        DicomValueKind.Bulk => ((DicomBulkData)_entry.Payload!).Length,
        DicomValueKind.Sequence => ((DicomSequence)_entry.Payload!).Count,
        _ => ((DicomFragments)_entry.Payload!).Count,
    };

    /// <summary>The raw little-endian value bytes of an inline value; empty for other kinds.</summary>
    public ReadOnlySpan<byte> Bytes => _entry.InlineSpan;

    /// <summary>The raw value bytes as memory; empty for other kinds.</summary>
    public ReadOnlyMemory<byte> Memory => _entry.InlineMemory;

    /// <summary>The items, when this is a sequence.</summary>
    public DicomSequence? Sequence => _entry.Payload as DicomSequence;

    /// <summary>The fragments, when this is encapsulated pixel data.</summary>
    public DicomFragments? Fragments => _entry.Payload as DicomFragments;

    /// <summary>The reference to the value in its source, when it was left there.</summary>
    public DicomBulkData? BulkData => _entry.Payload as DicomBulkData;

    /// <summary>The dictionary entry for this tag (honouring the private creator), or null.</summary>
    public DicomDictionaryEntry? DictionaryEntry => Owner.GetDictionaryEntry(Tag);

    /// <summary>The whole value as text (charset-decoded strings, or numbers joined by '\').</summary>
    public string GetString() => Owner.GetString(Tag) ?? "";

    /// <summary>"(gggg,eeee) VR Length".</summary>
    public override string ToString() => $"{Tag} {VR} {Length}";
}
