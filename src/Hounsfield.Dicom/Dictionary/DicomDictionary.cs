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

    private static partial ReadOnlySpan<byte> StandardEntryData { get; }

    // Parses the generated entry lines (see DicomDictionary.g.cs); entries with the same VRs share
    // one read-only VR list.
    private static DicomDictionaryEntry[] CreateStandardEntries()
    {
        var data = StandardEntryData;
        var entries = new List<DicomDictionaryEntry>(data.Count((byte)'\n'));
        var vrLists = new Dictionary<string, DicomVR[]>(StringComparer.Ordinal);
        Span<Range> fields = stackalloc Range[7];
        foreach (var range in data.Split((byte)'\n'))
        {
            var line = data[range].TrimStart((byte)' ').TrimEnd((byte)'\r');
            if (line.IsEmpty) continue;
            var count = 0;
            foreach (var field in line.Split((byte)'\t'))
            {
                if (count == fields.Length) throw new InvalidDataException("a generated dictionary line has more than 7 fields");
                fields[count++] = field;
            }
            if (count != 7) throw new InvalidDataException("a generated dictionary line does not have 7 fields");
            var vrText = Text(line[fields[4]]);
            if (!vrLists.TryGetValue(vrText, out var vrs))
            {
                vrs = vrText.Length == 0 ? [] : vrText.Split(' ').Select(v => DicomVRExtensions.FromBytes((byte)v[0], (byte)v[1])).ToArray();
                vrLists[vrText] = vrs;
            }
            entries.Add(new DicomDictionaryEntry(Hex(line[fields[0]]), Hex(line[fields[1]]), Text(line[fields[2]]), Text(line[fields[3]]),
                vrs, Text(line[fields[5]]), line[fields[6]].SequenceEqual("Y"u8)));
        }
        return [.. entries];

        static string Text(ReadOnlySpan<byte> utf8) => utf8.IsEmpty ? "" : System.Text.Encoding.UTF8.GetString(utf8);

        static uint Hex(ReadOnlySpan<byte> utf8) => uint.Parse(utf8, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture);
    }
}
