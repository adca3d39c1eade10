using System.Collections.Concurrent;

namespace Hounsfield.Dicom;

/// <summary>
/// A transfer syntax and the encoding rules it implies (PS3.5 §10 and Annex A): VR explicitness,
/// byte order, deflate, and whether pixel data is encapsulated.
/// </summary>
public sealed class DicomTransferSyntax : IEquatable<DicomTransferSyntax>
{
    private static readonly ConcurrentDictionary<string, DicomTransferSyntax> Cache = new(StringComparer.Ordinal);

    private DicomTransferSyntax(DicomUid uid)
    {
        Uid = uid;
        var v = uid.Value;
        IsExplicitVR = v != ImplicitVRLittleEndianUid;
        IsBigEndian = v == ExplicitVRBigEndianUid;
        IsDeflated = v is DeflatedUid or JpipReferencedDeflateUid;
        IsEncapsulated = !(v is ImplicitVRLittleEndianUid or ExplicitVRLittleEndianUid or ExplicitVRBigEndianUid
            or DeflatedUid or JpipReferencedUid or JpipReferencedDeflateUid);
        IsLossy = LossyUids.Contains(v);
    }

    private const string ImplicitVRLittleEndianUid = "1.2.840.10008.1.2";
    private const string ExplicitVRLittleEndianUid = "1.2.840.10008.1.2.1";
    private const string ExplicitVRBigEndianUid = "1.2.840.10008.1.2.2";
    private const string DeflatedUid = "1.2.840.10008.1.2.1.99";
    private const string JpipReferencedUid = "1.2.840.10008.1.2.4.94";
    private const string JpipReferencedDeflateUid = "1.2.840.10008.1.2.4.95";

    private static readonly HashSet<string> LossyUids =
    [
        "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.52", "1.2.840.10008.1.2.4.53",
        "1.2.840.10008.1.2.4.54", "1.2.840.10008.1.2.4.55", "1.2.840.10008.1.2.4.56", "1.2.840.10008.1.2.4.59",
        "1.2.840.10008.1.2.4.60", "1.2.840.10008.1.2.4.61", "1.2.840.10008.1.2.4.62", "1.2.840.10008.1.2.4.63",
        "1.2.840.10008.1.2.4.64", "1.2.840.10008.1.2.4.81", "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.93",
        "1.2.840.10008.1.2.4.100", "1.2.840.10008.1.2.4.100.1", "1.2.840.10008.1.2.4.101",
        "1.2.840.10008.1.2.4.101.1", "1.2.840.10008.1.2.4.102", "1.2.840.10008.1.2.4.102.1",
        "1.2.840.10008.1.2.4.103", "1.2.840.10008.1.2.4.103.1", "1.2.840.10008.1.2.4.104",
        "1.2.840.10008.1.2.4.104.1", "1.2.840.10008.1.2.4.105", "1.2.840.10008.1.2.4.105.1",
        "1.2.840.10008.1.2.4.106", "1.2.840.10008.1.2.4.106.1", "1.2.840.10008.1.2.4.107",
        "1.2.840.10008.1.2.4.108", "1.2.840.10008.1.2.4.203", "1.2.840.10008.1.2.4.204",
    ];

    /// <summary>The transfer syntax UID.</summary>
    public DicomUid Uid { get; }

    /// <summary>True unless this is Implicit VR Little Endian.</summary>
    public bool IsExplicitVR { get; }

    /// <summary>True only for the retired Explicit VR Big Endian.</summary>
    public bool IsBigEndian { get; }

    /// <summary>True when the data set is deflated (RFC 1951) after the file meta information.</summary>
    public bool IsDeflated { get; }

    /// <summary>True when Pixel Data is encapsulated in fragments (all compressed syntaxes).</summary>
    public bool IsEncapsulated { get; }

    /// <summary>True when the pixel encoding may lose information.</summary>
    public bool IsLossy { get; }

    /// <summary>The registry name, e.g. "Explicit VR Little Endian".</summary>
    public string Name => Uid.Name;

    /// <summary>Implicit VR Little Endian, the DICOM default.</summary>
    public static readonly DicomTransferSyntax ImplicitVRLittleEndian = Get(ImplicitVRLittleEndianUid);

    /// <summary>Explicit VR Little Endian.</summary>
    public static readonly DicomTransferSyntax ExplicitVRLittleEndian = Get(ExplicitVRLittleEndianUid);

    /// <summary>Explicit VR Big Endian (retired).</summary>
    public static readonly DicomTransferSyntax ExplicitVRBigEndian = Get(ExplicitVRBigEndianUid);

    /// <summary>Deflated Explicit VR Little Endian.</summary>
    public static readonly DicomTransferSyntax DeflatedExplicitVRLittleEndian = Get(DeflatedUid);

    /// <summary>The four syntaxes whose pixel data is not encapsulated and that we read and write natively.</summary>
    public static IReadOnlyList<DicomTransferSyntax> Uncompressed { get; } =
        [ImplicitVRLittleEndian, ExplicitVRLittleEndian, ExplicitVRBigEndian, DeflatedExplicitVRLittleEndian];

    /// <summary>
    /// The transfer syntax with this UID. UIDs outside the registry are taken as Explicit VR Little
    /// Endian with encapsulated pixel data, which PS3.5 §10 requires of every new syntax.
    /// </summary>
    public static DicomTransferSyntax Get(string uid)
    {
        var trimmed = uid.TrimEnd('\0', ' ');
        if (Cache.TryGetValue(trimmed, out var cached)) return cached;
        // Only registry syntaxes are cached: UIDs read from untrusted files must not grow a static table.
        var created = new DicomTransferSyntax(DicomUid.Lookup(trimmed));
        return created.Uid.IsKnown ? Cache.GetOrAdd(trimmed, created) : created;
    }

    /// <summary>
    /// Finds a syntax by UID, registry keyword (ExplicitVRLittleEndian) or registry name; null when
    /// the text names no transfer syntax.
    /// </summary>
    public static DicomTransferSyntax? Parse(string text)
    {
        var t = text.Trim();
        if (DicomUid.IsValid(t)) return Get(t);
        var byKeyword = DicomUid.LookupKeyword(t);
        if (byKeyword?.Type == DicomUidType.TransferSyntax) return Get(byKeyword.Value);
        var byName = DicomUid.All.FirstOrDefault(u =>
            u.Type == DicomUidType.TransferSyntax && string.Equals(u.Name, t, StringComparison.OrdinalIgnoreCase));
        return byName is null ? null : Get(byName.Value);
    }

    /// <inheritdoc/>
    public bool Equals(DicomTransferSyntax? other) => other is not null && other.Uid.Value == Uid.Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DicomTransferSyntax);

    /// <inheritdoc/>
    public override int GetHashCode() => Uid.GetHashCode();

    /// <summary>The registry name.</summary>
    public override string ToString() => Uid.Name;
}
