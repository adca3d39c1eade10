using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Hounsfield.Dicom;

/// <summary>
/// The PS3.6 data dictionary (generated from <c>shared/dicom-standard/data-elements.tsv</c>) plus
/// command group elements (PS3.7 E.1) and any private dictionaries registered at run time.
/// </summary>
public static partial class DicomDictionary
{
    private static readonly DicomDictionaryEntry[] StandardEntries = CreateStandardEntries();

    private static readonly FrozenDictionary<uint, DicomDictionaryEntry> ByTag =
        StandardEntries.Where(e => e.Mask == 0xFFFFFFFF).ToFrozenDictionary(e => e.Tag.Value);

    // Repeating groups: few enough that a scan is cheaper than any index.
    private static readonly DicomDictionaryEntry[] Masked = StandardEntries.Where(e => e.Mask != 0xFFFFFFFF).ToArray();

    private static readonly FrozenDictionary<string, DicomDictionaryEntry> ByKeyword = StandardEntries
        .Where(e => e.Keyword.Length > 0)
        .GroupBy(e => e.Keyword)
        .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    private static readonly DicomDictionaryEntry GroupLength =
        new(0x00000000, 0x0000FFFF, "GroupLength", "Group Length", [DicomVR.UL], "1", false);

    private static readonly DicomDictionaryEntry PrivateCreator =
        new(0x00010010, 0x0001FF00, "PrivateCreator", "Private Creator", [DicomVR.LO], "1", false);

    private static readonly ConcurrentDictionary<(string Creator, ushort Group, byte Element), DicomDictionaryEntry> Private = new();

    /// <summary>All entries of the standard dictionary, in tag order.</summary>
    public static IReadOnlyList<DicomDictionaryEntry> Entries => StandardEntries;

    /// <summary>
    /// The entry for a public tag, a repeating-group tag, a group length or a private creator
    /// element; null for private data elements (use the overload with the creator) and unknown tags.
    /// </summary>
    public static DicomDictionaryEntry? Lookup(DicomTag tag)
    {
        if (ByTag.TryGetValue(tag.Value, out var entry)) return entry;
        if (tag.IsGroupLength) return GroupLength;
        if (tag.IsPrivateCreator) return PrivateCreator;
        if (tag.IsPrivate) return null;
        foreach (var masked in Masked)
            if (masked.Matches(tag)) return masked;
        return null;
    }

    /// <summary>
    /// The entry for a private data element given the value of the Private Creator that reserved
    /// its block; falls back to the public lookup for non-private tags.
    /// </summary>
    public static DicomDictionaryEntry? Lookup(DicomTag tag, string? privateCreator)
    {
        if (!tag.IsPrivate || privateCreator is null || tag.Element < 0x1000) return Lookup(tag);
        return Private.GetValueOrDefault((privateCreator.Trim(), tag.Group, (byte)tag.Element));
    }

    /// <summary>The entry with this keyword, or null.</summary>
    public static DicomDictionaryEntry? LookupKeyword(string keyword) => ByKeyword.GetValueOrDefault(keyword);

    /// <summary>
    /// Registers a private data element: <paramref name="element"/> is the low byte of the element
    /// number, which is fixed by the creator whatever block the creator is given in a data set.
    /// </summary>
    public static void RegisterPrivate(string creator, ushort group, byte element, string keyword, string name,
        DicomVR vr, string valueMultiplicity = "1")
    {
        var key = (creator.Trim(), group, element);
        Private[key] = new DicomDictionaryEntry(((uint)group << 16) | element, 0xFFFF00FF, keyword, name, [vr],
            valueMultiplicity, false, creator.Trim());
    }

    private static partial DicomDictionaryEntry[] CreateStandardEntries();
}
