namespace Hounsfield.Dicom;

public sealed partial class DicomDataset
{
    /// <summary>
    /// Adds or replaces an element with <paramref name="values"/>, encoded for the dictionary VR of
    /// <paramref name="tag"/> (strings, numbers, dates and times, tags, UIDs, person names).
    /// </summary>
    /// <exception cref="ArgumentException">The tag is not in the dictionary; use the overload with a VR.</exception>
    public DicomDataset Set<T>(DicomTag tag, params T[] values) => Set(tag, DefaultVR<T>(tag), values);

    /// <summary>Adds or replaces an element with <paramref name="values"/> encoded as <paramref name="vr"/>.</summary>
    public DicomDataset Set<T>(DicomTag tag, DicomVR vr, params T[] values)
    {
        var characterSet = tag == DicomTag.SpecificCharacterSet ? DicomCharacterSet.Default : CharacterSet;
        var bytes = DicomValueEncoder.Encode(vr, (ReadOnlySpan<T>)values, characterSet);
        SetEntry(DicomEntry.Inline(tag.Value, vr, bytes, 0, bytes.Length));
        return this;
    }

    /// <summary>Adds or replaces an element with no value (zero length), keeping the dictionary VR unless one is given.</summary>
    public DicomDataset SetEmpty(DicomTag tag, DicomVR? vr = null)
    {
        var v = vr ?? (tag.DictionaryEntry?.VR ?? DicomVR.UN);
        SetEntry(v == DicomVR.SQ
            ? DicomEntry.Of(tag.Value, v, DicomValueKind.Sequence, new DicomSequence())
            : DicomEntry.Inline(tag.Value, v, [], 0, 0));
        return this;
    }

    /// <summary>Adds or replaces an element with raw little-endian bytes, which must be valid for <paramref name="vr"/>.</summary>
    public DicomDataset SetBytes(DicomTag tag, DicomVR vr, byte[] bytes)
    {
        SetEntry(DicomEntry.Inline(tag.Value, vr, bytes, 0, bytes.Length));
        return this;
    }

    /// <summary>Adds or replaces a sequence element; returns the sequence so items can be added.</summary>
    public DicomSequence SetSequence(DicomTag tag, params DicomDataset[] items)
    {
        var sequence = new DicomSequence(items);
        SetEntry(DicomEntry.Of(tag.Value, DicomVR.SQ, DicomValueKind.Sequence, sequence));
        return sequence;
    }

    /// <summary>Adds or replaces a sequence element with an existing sequence.</summary>
    public DicomDataset Set(DicomTag tag, DicomSequence sequence)
    {
        SetEntry(DicomEntry.Of(tag.Value, DicomVR.SQ, DicomValueKind.Sequence, sequence));
        return this;
    }

    /// <summary>Adds or replaces encapsulated pixel data (normally Pixel Data, VR OB).</summary>
    public DicomDataset Set(DicomTag tag, DicomFragments fragments)
    {
        SetEntry(DicomEntry.Of(tag.Value, DicomVR.OB, DicomValueKind.Fragments, fragments));
        return this;
    }

    /// <summary>Adds or replaces an element whose value stays in its source until read.</summary>
    public DicomDataset Set(DicomTag tag, DicomVR vr, DicomBulkData bulk)
    {
        SetEntry(DicomEntry.Of(tag.Value, vr, DicomValueKind.Bulk, bulk));
        return this;
    }

    /// <summary>Copies the element with <paramref name="tag"/> from <paramref name="source"/>, if present.</summary>
    public DicomDataset CopyFrom(DicomDataset source, DicomTag tag)
    {
        var index = source.IndexOf(tag.Value);
        if (index < 0) return this;
        var entry = source._entries[index];
        if (entry.Payload is DicomSequence sequence) entry.Payload = sequence.Clone(this);
        SetEntry(entry);
        return this;
    }

    private DicomVR DefaultVR<T>(DicomTag tag)
    {
        var entry = GetDictionaryEntry(tag)
            ?? throw new ArgumentException($"{tag} is not in the data dictionary: give its VR");
        if (entry.ValueRepresentations.Count == 1) return entry.VR;
        // "US or SS" and friends: the value type decides.
        var signed = typeof(T) == typeof(short) || typeof(T) == typeof(int) || typeof(T) == typeof(sbyte);
        foreach (var vr in entry.ValueRepresentations)
            if (signed ? vr == DicomVR.SS : vr is DicomVR.US or DicomVR.OW or DicomVR.OB) return vr;
        return entry.VR;
    }
}
