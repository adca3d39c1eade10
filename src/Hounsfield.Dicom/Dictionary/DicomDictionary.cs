using System.Collections.Concurrent;

namespace Hounsfield.Dicom;

/// <summary>
/// The PS3.6 data dictionary (generated from <c>shared/dicom-standard/data-elements.tsv</c>) plus
/// command group elements (PS3.7 E.1) and any private dictionaries registered at run time.
/// </summary>
public static partial class DicomDictionary
{
    private static readonly DicomDictionaryEntry[] StandardEntries = CreateStandardEntries();

    // Plain dictionaries: a frozen one reads a little faster but costs ~100 ms to build at start-up.
    private static readonly Dictionary<uint, DicomDictionaryEntry> ByTag = IndexByTag(StandardEntries);

    // Repeating groups: few enough that a scan is cheaper than any index.
    private static readonly DicomDictionaryEntry[] Masked = Array.FindAll(StandardEntries, e => e.Mask != 0xFFFFFFFF);

    private static readonly Dictionary<string, DicomDictionaryEntry> ByKeyword = IndexByKeyword(StandardEntries);

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

    private static DicomDictionaryEntry[] CreateStandardEntries()
    {
        var table = StandardTable;
        var entries = new List<DicomDictionaryEntry>(5200);
        while (!table.IsEmpty)
        {
            var end = table.IndexOf((byte)'\n');
            var line = end < 0 ? table : table[..end];
            table = end < 0 ? default : table[(end + 1)..];
            if (line.IsEmpty) continue;
            var tag = Field(ref line);
            var mask = Field(ref line);
            var keyword = Field(ref line);
            var name = Field(ref line);
            var vrs = Field(ref line);
            var vm = Field(ref line);
            entries.Add(new DicomDictionaryEntry(
                uint.Parse(tag, System.Globalization.NumberStyles.AllowHexSpecifier),
                uint.Parse(mask, System.Globalization.NumberStyles.AllowHexSpecifier),
                System.Text.Encoding.UTF8.GetString(keyword),
                System.Text.Encoding.UTF8.GetString(name),
                ParseVRs(vrs),
                System.Text.Encoding.UTF8.GetString(vm),
                line.SequenceEqual("Y"u8)));
        }
        return [.. entries];
    }

    private static ReadOnlySpan<byte> Field(ref ReadOnlySpan<byte> line)
    {
        var bar = line.IndexOf((byte)'|');
        var field = line[..bar];
        line = line[(bar + 1)..];
        return field;
    }

    private static DicomVR[] ParseVRs(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty) return [];
        var vrs = new DicomVR[(text.Length + 1) / 3];
        for (var i = 0; i < vrs.Length; i++) vrs[i] = DicomVRExtensions.FromBytes(text[i * 3], text[i * 3 + 1]);
        return vrs;
    }

    private static Dictionary<uint, DicomDictionaryEntry> IndexByTag(DicomDictionaryEntry[] entries)
    {
        var index = new Dictionary<uint, DicomDictionaryEntry>(entries.Length);
        foreach (var e in entries)
            if (e.Mask == 0xFFFFFFFF) index[e.Tag.Value] = e;
        return index;
    }

    private static Dictionary<string, DicomDictionaryEntry> IndexByKeyword(DicomDictionaryEntry[] entries)
    {
        var index = new Dictionary<string, DicomDictionaryEntry>(entries.Length, StringComparer.Ordinal);
        foreach (var e in entries)
            if (e.Keyword.Length > 0) index.TryAdd(e.Keyword, e);
        return index;
    }
}
