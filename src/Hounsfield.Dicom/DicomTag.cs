using System.Globalization;

namespace Hounsfield.Dicom;

/// <summary>
/// A data element tag (group, element) as defined in PS3.5 §7.1. Well-known tags are
/// generated from the PS3.6 data dictionary as static fields (<c>DicomTag.PatientName</c>).
/// </summary>
public readonly partial struct DicomTag : IEquatable<DicomTag>, IComparable<DicomTag>
{
    /// <summary>Creates a tag from its group and element numbers.</summary>
    public DicomTag(ushort group, ushort element) => Value = ((uint)group << 16) | element;

    /// <summary>Creates a tag from its 32-bit value, group in the high 16 bits.</summary>
    public DicomTag(uint value) => Value = value;

    /// <summary>The tag as one 32-bit number: group in the high half, element in the low half.</summary>
    public uint Value { get; }

    /// <summary>The group number.</summary>
    public ushort Group => (ushort)(Value >> 16);

    /// <summary>The element number.</summary>
    public ushort Element => (ushort)Value;

    /// <summary>True for odd groups other than 0001, 0003, 0005, 0007 and FFFF (PS3.5 §7.8).</summary>
    public bool IsPrivate => (Group & 1) == 1 && Group > 0x0007 && Group != 0xFFFF;

    /// <summary>True for a Private Creator element (gggg,0010-00FF) in a private group.</summary>
    public bool IsPrivateCreator => IsPrivate && Element is >= 0x0010 and <= 0x00FF;

    /// <summary>True for a group length element (gggg,0000).</summary>
    public bool IsGroupLength => Element == 0;

    /// <summary>
    /// For a private data element (gggg,xxee) with xx in 10..FF, the tag of the Private Creator
    /// element that reserves its block, (gggg,00xx); otherwise null.
    /// </summary>
    public DicomTag? PrivateCreatorTag =>
        IsPrivate && Element >= 0x1000 ? new DicomTag(Group, (ushort)(Element >> 8)) : null;

    /// <summary>The dictionary entry for this tag, or null when it is unknown.</summary>
    public DicomDictionaryEntry? DictionaryEntry => DicomDictionary.Lookup(this);

    /// <summary>The PS3.6 keyword, or null when the tag is not in the dictionary.</summary>
    public string? Keyword => DicomDictionary.Lookup(this)?.Keyword;

    /// <summary>Item (FFFE,E000).</summary>
    public static readonly DicomTag Item = new(0xFFFEE000);

    /// <summary>Item Delimitation Item (FFFE,E00D).</summary>
    public static readonly DicomTag ItemDelimitationItem = new(0xFFFEE00D);

    /// <summary>Sequence Delimitation Item (FFFE,E0DD).</summary>
    public static readonly DicomTag SequenceDelimitationItem = new(0xFFFEE0DD);

    /// <summary>
    /// Parses "(gggg,eeee)", "gggg,eeee", "ggggeeee" or a dictionary keyword.
    /// </summary>
    /// <exception cref="FormatException">The text is neither a tag nor a known keyword.</exception>
    public static DicomTag Parse(string text) =>
        TryParse(text, out var tag) ? tag : throw new FormatException($"'{text}' is not a DICOM tag or keyword");

    /// <summary>Parses like <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, out DicomTag tag)
    {
        tag = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.AsSpan().Trim();
        if (s.Length > 2 && s[0] == '(' && s[^1] == ')') s = s[1..^1];
        if (s.Length == 9 && s[4] == ',' && TryHex(s[..4], out var g) && TryHex(s[5..], out var e))
        {
            tag = new DicomTag(g, e);
            return true;
        }
        if (s.Length == 8 && uint.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
        {
            tag = new DicomTag(v);
            return true;
        }
        var entry = DicomDictionary.LookupKeyword(s.ToString());
        if (entry is null) return false;
        tag = entry.Tag;
        return true;
    }

    private static bool TryHex(ReadOnlySpan<char> s, out ushort value) =>
        ushort.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);

    /// <inheritdoc/>
    public bool Equals(DicomTag other) => Value == other.Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DicomTag t && t.Value == Value;

    /// <inheritdoc/>
    public override int GetHashCode() => (int)Value;

    /// <inheritdoc/>
    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);

    /// <summary>"(gggg,eeee)" in upper-case hexadecimal.</summary>
    public override string ToString() => $"({Group:X4},{Element:X4})";

    /// <summary>Tags compare equal when their values are.</summary>
    public static bool operator ==(DicomTag a, DicomTag b) => a.Value == b.Value;

    /// <summary>Tags differ when their values do.</summary>
    public static bool operator !=(DicomTag a, DicomTag b) => a.Value != b.Value;

    /// <summary>Orders by group, then element.</summary>
    public static bool operator <(DicomTag a, DicomTag b) => a.Value < b.Value;

    /// <summary>Orders by group, then element.</summary>
    public static bool operator >(DicomTag a, DicomTag b) => a.Value > b.Value;
}
