using System.Collections.Frozen;
using System.Numerics;

namespace Hounsfield.Dicom;

/// <summary>
/// A UID and, when it is in the PS3.6 registry, its keyword, name and type. Registry UIDs are
/// generated as static fields (<c>DicomUid.CTImageStorage</c>).
/// </summary>
public sealed partial class DicomUid : IEquatable<DicomUid>
{
    /// <summary>Hounsfield's Implementation Class UID (PS3.7 D.3.3.2), under the 2.25 UUID arc.</summary>
    public const string ImplementationClassUid = "2.25.276154009947377098311805703582540403740";

    /// <summary>Hounsfield's Implementation Version Name (at most 16 characters).</summary>
    public const string ImplementationVersionName = "HOUNSFIELD_010";

    /// <summary>Creates a UID description.</summary>
    public DicomUid(string value, string keyword, string name, DicomUidType type, bool isRetired)
    {
        Value = value;
        Keyword = keyword;
        Name = name;
        Type = type;
        IsRetired = isRetired;
    }

    /// <summary>The dotted UID.</summary>
    public string Value { get; }

    /// <summary>The registry keyword, or empty.</summary>
    public string Keyword { get; }

    /// <summary>The registry name, or the UID itself when unknown.</summary>
    public string Name { get; }

    /// <summary>The registry type.</summary>
    public DicomUidType Type { get; }

    /// <summary>True when the registry marks the UID retired.</summary>
    public bool IsRetired { get; }

    /// <summary>True when this UID is in the registry.</summary>
    public bool IsKnown => Type != DicomUidType.Unknown;

    /// <summary>
    /// The registry entry for <paramref name="uid"/>, or a new unknown-typed UID for values not in
    /// the registry. Trailing NUL and space padding are ignored.
    /// </summary>
    public static DicomUid Lookup(string uid)
    {
        var trimmed = uid.TrimEnd('\0', ' ');
        return Registry.ByValue.TryGetValue(trimmed, out var known)
            ? known
            : new DicomUid(trimmed, "", trimmed, DicomUidType.Unknown, false);
    }

    /// <summary>The registry entry with this keyword, or null.</summary>
    public static DicomUid? LookupKeyword(string keyword) => Registry.ByKeyword.GetValueOrDefault(keyword);

    /// <summary>Every UID in the registry.</summary>
    public static IReadOnlyCollection<DicomUid> All => Registry.ByValue.Values;

    /// <summary>
    /// A new globally unique UID under the 2.25 arc (PS3.5 B.2): a random UUID written as one
    /// decimal integer.
    /// </summary>
    public static DicomUid Generate()
    {
        Span<byte> bytes = stackalloc byte[16];
        Guid.NewGuid().TryWriteBytes(bytes, bigEndian: true, out _);
        var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        var text = "2.25." + value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new DicomUid(text, "", text, DicomUidType.Unknown, false);
    }

    /// <summary>
    /// True when <paramref name="uid"/> obeys PS3.5 §9.1: 1 to 64 characters, digits and dots,
    /// no empty component and no leading zero in a multi-digit component.
    /// </summary>
    public static bool IsValid(ReadOnlySpan<char> uid)
    {
        if (uid.Length is 0 or > 64) return false;
        var componentStart = 0;
        for (var i = 0; i <= uid.Length; i++)
        {
            if (i < uid.Length && uid[i] != '.')
            {
                if (!char.IsAsciiDigit(uid[i])) return false;
                continue;
            }
            var length = i - componentStart;
            if (length == 0 || (length > 1 && uid[componentStart] == '0')) return false;
            componentStart = i + 1;
        }
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(DicomUid? other) => other is not null && other.Value == Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DicomUid);

    /// <inheritdoc/>
    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    /// <summary>The dotted UID value.</summary>
    public override string ToString() => Value;

    /// <summary>The dotted UID value.</summary>
    public static implicit operator string(DicomUid uid) => uid.Value;

    private static DicomUid[] CreateRegistry()
    {
        var table = RegistryTable;
        var uids = new List<DicomUid>(480);
        while (!table.IsEmpty)
        {
            var end = table.IndexOf((byte)'\n');
            var line = end < 0 ? table : table[..end];
            table = end < 0 ? default : table[(end + 1)..];
            if (line.IsEmpty) continue;
            var value = NextField(ref line);
            var keyword = NextField(ref line);
            var name = NextField(ref line);
            var type = Enum.Parse<DicomUidType>(NextField(ref line));
            uids.Add(new DicomUid(value, keyword, name, type, line.SequenceEqual("Y"u8)));
        }
        return [.. uids];
    }

    private static string NextField(ref ReadOnlySpan<byte> line)
    {
        var bar = line.IndexOf((byte)'|');
        var field = System.Text.Encoding.UTF8.GetString(line[..bar]);
        line = line[(bar + 1)..];
        return field;
    }

    // A nested holder so the registry is built on first use, after DicomUid's generated fields.
    private static class Registry
    {
        public static readonly FrozenDictionary<string, DicomUid> ByValue =
            CreateRegistry().ToFrozenDictionary(u => u.Value, StringComparer.Ordinal);

        public static readonly FrozenDictionary<string, DicomUid> ByKeyword = ByValue.Values
            .Where(u => u.Keyword.Length > 0)
            .ToFrozenDictionary(u => u.Keyword, StringComparer.Ordinal);
    }
}
