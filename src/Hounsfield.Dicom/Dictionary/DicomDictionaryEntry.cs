namespace Hounsfield.Dicom;

/// <summary>
/// One row of a data dictionary: the PS3.6 registry or a private dictionary.
/// Repeating-group entries (50xx, 60xx, (1000,xxx0), ...) carry a <see cref="Mask"/> with the
/// varying bits cleared, and <see cref="Tag"/> holds the first tag of the range.
/// </summary>
public sealed class DicomDictionaryEntry
{
    /// <summary>Creates an entry.</summary>
    public DicomDictionaryEntry(uint tag, uint mask, string keyword, string name, DicomVR[] valueRepresentations,
        string valueMultiplicity, bool isRetired, string? privateCreator = null)
    {
        Tag = new DicomTag(tag);
        Mask = mask;
        Keyword = keyword;
        Name = name;
        ValueRepresentations = valueRepresentations.Length == 0 ? [DicomVR.UN] : valueRepresentations;
        ValueMultiplicity = DicomVM.Parse(valueMultiplicity);
        IsRetired = isRetired;
        PrivateCreator = privateCreator;
    }

    /// <summary>The tag (the first of the range for repeating groups; for private entries the element byte only).</summary>
    public DicomTag Tag { get; }

    /// <summary>Bits of a tag that must equal <see cref="Tag"/> for this entry to apply.</summary>
    public uint Mask { get; }

    /// <summary>The PS3.6 keyword (PatientName), empty for entries that have none.</summary>
    public string Keyword { get; }

    /// <summary>The PS3.6 name (Patient's Name).</summary>
    public string Name { get; }

    /// <summary>The VRs the dictionary allows; the first is used when none is known from the data.</summary>
    public IReadOnlyList<DicomVR> ValueRepresentations { get; }

    /// <summary>The default VR: the first allowed one.</summary>
    public DicomVR VR => ValueRepresentations[0];

    /// <summary>The value multiplicity.</summary>
    public DicomVM ValueMultiplicity { get; }

    /// <summary>True when the standard has retired this attribute.</summary>
    public bool IsRetired { get; }

    /// <summary>For a private dictionary entry, the Private Creator value it belongs to.</summary>
    public string? PrivateCreator { get; }

    /// <summary>True when this entry describes <paramref name="tag"/>.</summary>
    public bool Matches(DicomTag tag) => (tag.Value & Mask) == Tag.Value;

    /// <inheritdoc/>
    public override string ToString() => $"{Tag} {Keyword} {VR} {ValueMultiplicity}";
}
