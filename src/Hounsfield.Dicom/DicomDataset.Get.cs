namespace Hounsfield.Dicom;

public sealed partial class DicomDataset
{
    /// <summary>
    /// The whole value as text: strings decoded with the data set's character set and trimmed of
    /// padding, numbers formatted invariantly; several values are joined by '\'. Null when the
    /// element is absent, a sequence, or left in its source.
    /// </summary>
    public string? GetString(DicomTag tag)
    {
        var index = IndexOf(tag.Value);
        if (index < 0 || _entries[index].Kind != DicomValueKind.Inline) return null;
        ref var e = ref _entries[index];
        return DicomValueDecoder.GetText(e.InlineSpan, e.VR, CharacterSet);
    }

    /// <summary>Every value as text; empty when the element is absent or empty.</summary>
    public string[] GetStrings(DicomTag tag)
    {
        var index = IndexOf(tag.Value);
        if (index < 0 || _entries[index].Kind != DicomValueKind.Inline) return [];
        ref var e = ref _entries[index];
        return DicomValueDecoder.GetTexts(e.InlineSpan, e.VR, CharacterSet);
    }

    /// <summary>The number of values (VM) of an element; 0 when absent or empty; items for a sequence.</summary>
    public int GetValueCount(DicomTag tag)
    {
        var index = IndexOf(tag.Value);
        if (index < 0) return 0;
        ref var e = ref _entries[index];
        return e.Kind switch
        {
            DicomValueKind.Inline => DicomValueDecoder.CountValues(e.InlineSpan, e.VR),
            DicomValueKind.Sequence => ((DicomSequence)e.Payload!).Count,
            _ => 1,
        };
    }

    /// <summary>
    /// Value <paramref name="index"/> converted to <typeparamref name="T"/>: string, any .NET number
    /// type, DateOnly, TimeOnly, DateTime, DateTimeOffset, DicomTag, DicomUid or DicomPersonName.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The element is absent.</exception>
    /// <exception cref="FormatException">The value is missing at that index or does not convert.</exception>
    public T GetValue<T>(DicomTag tag, int index = 0)
    {
        if (!Contains(tag)) throw new KeyNotFoundException($"{tag} {tag.Keyword} is not in the data set");
        return TryGetValue(tag, index, out T value)
            ? value
            : throw new FormatException($"{tag} {tag.Keyword} has no value {index} convertible to {typeof(T).Name}");
    }

    /// <summary>Value <paramref name="index"/>, or <paramref name="defaultValue"/> when absent or not convertible.</summary>
    public T GetValueOrDefault<T>(DicomTag tag, int index, T defaultValue) =>
        TryGetValue(tag, index, out T value) ? value : defaultValue;

    /// <summary>The first value, if present and convertible.</summary>
    public bool TryGetValue<T>(DicomTag tag, out T value) => TryGetValue(tag, 0, out value);

    /// <summary>Value <paramref name="index"/>, if present and convertible.</summary>
    public bool TryGetValue<T>(DicomTag tag, int index, out T value)
    {
        value = default!;
        var i = IndexOf(tag.Value);
        if (i < 0 || _entries[i].Kind != DicomValueKind.Inline) return false;
        ref var e = ref _entries[i];
        return DicomValueConverter.TryConvert(e.InlineSpan, e.VR, CharacterSet, index, out value);
    }

    /// <summary>Every value converted to <typeparamref name="T"/>; values that do not convert raise <see cref="FormatException"/>.</summary>
    public T[] GetValues<T>(DicomTag tag)
    {
        var count = GetValueCount(tag);
        var result = new T[count];
        for (var i = 0; i < count; i++) result[i] = GetValue<T>(tag, i);
        return result;
    }

    /// <summary>The items of a sequence element, or null when absent or not a sequence.</summary>
    public DicomSequence? GetSequence(DicomTag tag)
    {
        var i = IndexOf(tag.Value);
        return i < 0 ? null : _entries[i].Payload as DicomSequence;
    }

    /// <summary>The encapsulated pixel data, or null when absent or native.</summary>
    public DicomFragments? GetFragments(DicomTag tag)
    {
        var i = IndexOf(tag.Value);
        return i < 0 ? null : _entries[i].Payload as DicomFragments;
    }

    /// <summary>The parsed person name, or null when absent or empty.</summary>
    public DicomPersonName? GetPersonName(DicomTag tag) =>
        GetString(tag) is { Length: > 0 } text ? DicomPersonName.Parse(text) : null;

    /// <summary>
    /// The raw little-endian bytes of a binary or string value, reading a bulk value from its source.
    /// Empty when the element is absent, a sequence or encapsulated.
    /// </summary>
    public ReadOnlyMemory<byte> GetBytes(DicomTag tag)
    {
        var i = IndexOf(tag.Value);
        if (i < 0) return default;
        ref var e = ref _entries[i];
        return e.Kind switch
        {
            DicomValueKind.Inline => e.InlineMemory,
            DicomValueKind.Bulk => ((DicomBulkData)e.Payload!).ReadAllBytes(),
            _ => default,
        };
    }
}
