using System.Collections.Concurrent;
using System.Text;

namespace Hounsfield.Dicom;

/// <summary>
/// Decodes and encodes the text of charset-sensitive VRs (SH, LO, ST, LT, PN, UC, UT) for one value
/// of Specific Character Set (0008,0005), PS3.3 C.12.1.1.2 and PS3.5 §6.1. Instances are immutable,
/// thread-safe and cached per distinct value of (0008,0005).
/// </summary>
/// <remarks>
/// Values are decoded whole, before splitting on '\': in GB18030 and GBK the second byte of a
/// character may be 05/12, and in ISO 2022 sets the meaning of a byte depends on what came before it.
/// Decoding never throws: malformed escape sequences, truncated characters and bytes a set lacks
/// become U+FFFD.
/// </remarks>
public sealed class DicomCharacterSet
{
    private const int MaxCachedValues = 512;
    private static readonly ConcurrentDictionary<string, DicomCharacterSet> Cache = new(StringComparer.Ordinal);

    private readonly Iso2022Profile? _profile;
    private readonly int _codePage;

    private DicomCharacterSet(CharacterSetDefinition definition)
    {
        Terms = definition.Terms;
        Warnings = definition.Warnings;
        _profile = definition.Profile;
        _codePage = definition.CodePage;
    }

    /// <summary>The default repertoire ISO-IR 6, used when (0008,0005) is absent or empty. Bytes above 0x7F, which it lacks, are read as Latin-1.</summary>
    public static DicomCharacterSet Default { get; } = FromSpecificCharacterSet(null);

    /// <summary>ISO_IR 192, Unicode in UTF-8.</summary>
    public static DicomCharacterSet Utf8 { get; } = FromSpecificCharacterSet("ISO_IR 192");

    /// <summary>
    /// The character set for the raw text of (0008,0005): one or more Defined Terms separated by '\',
    /// e.g. "ISO_IR 100", "\ISO 2022 IR 87" or "ISO 2022 IR 6\ISO 2022 IR 149". Null or empty gives
    /// <see cref="Default"/>. Unknown terms do not throw: they are replaced or ignored and reported in
    /// <see cref="Warnings"/>.
    /// </summary>
    public static DicomCharacterSet FromSpecificCharacterSet(string? value)
    {
        var key = value ?? string.Empty;
        if (Cache.TryGetValue(key, out var cached)) return cached;
        var created = new DicomCharacterSet(SpecificCharacterSetParser.Parse(value));
        // Values come from files, so the cache is bounded against a stream of distinct garbage.
        return Cache.Count < MaxCachedValues ? Cache.GetOrAdd(key, created) : created;
    }

    /// <summary>The values of (0008,0005) as given, trimmed of padding; empty for the default repertoire. Value 1 may be "".</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>What was wrong with (0008,0005) and what was done about it, e.g. an unknown term replaced by Latin-1.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>True when escape sequences may switch character sets within a value (the "ISO 2022 IR n" terms).</summary>
    public bool UsesCodeExtensions => _profile is { CodeExtensions: true };

    /// <summary>
    /// Decodes a whole raw element value, which may hold several '\'-separated values.
    /// VRs that are not charset-sensitive are read as ASCII, with bytes above 0x7F as Latin-1 so
    /// nothing is lost. Padding is not removed.
    /// </summary>
    public string Decode(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        if (bytes.IsEmpty) return string.Empty;
        if (!vr.IsCharacterSetSensitive()) return Encoding.Latin1.GetString(bytes);
        if (_profile is null)
        {
            return System.Text.Ascii.IsValid(bytes) ? Encoding.Latin1.GetString(bytes) : CodePages.Get(_codePage).GetString(bytes);
        }
        // The common case: plain ASCII, one vectorised scan and one string.
        if (bytes.IndexOfAnyExcept(_profile.PlainBytes) < 0) return Encoding.Latin1.GetString(bytes);
        return Iso2022Decoder.Decode(bytes, _profile, vr);
    }

    /// <summary>
    /// Encodes a whole value (values separated by '\' for multi-valued VRs), choosing escape sequences
    /// as needed. ASCII text always encodes as ASCII. Characters the character set lacks become '?';
    /// use <see cref="CanEncode"/> to check first. VRs that are not charset-sensitive encode as ASCII,
    /// with characters up to U+00FF as Latin-1 bytes to mirror <see cref="Decode"/>.
    /// </summary>
    public byte[] Encode(string text, DicomVR vr)
    {
        if (string.IsNullOrEmpty(text)) return [];
        if (!vr.IsCharacterSetSensitive()) return Encoding.Latin1.GetBytes(text);
        if (System.Text.Ascii.IsValid(text) && !NeedsRomajiCare(text)) return Encoding.ASCII.GetBytes(text);
        if (_profile is null) return CodePages.Get(_codePage).GetBytes(text);
        return Iso2022Encoder.Encode(text, _profile, vr, out _);
    }

    /// <summary>
    /// True when <see cref="Encode"/> represents every character of <paramref name="text"/>, so that
    /// decoding gives the text back. Writers use it to decide whether to switch to <see cref="Utf8"/>.
    /// </summary>
    public bool CanEncode(string text, DicomVR vr)
    {
        if (string.IsNullOrEmpty(text)) return true;
        if (!vr.IsCharacterSetSensitive()) return !text.AsSpan().ContainsAnyExceptInRange('\0', '\u00FF');
        if (System.Text.Ascii.IsValid(text) && !NeedsRomajiCare(text)) return true;
        if (_profile is null)
        {
            try
            {
                CodePages.Get(_codePage, UnmappableCharacters.Throw).GetByteCount(text);
                return true;
            }
            catch (EncoderFallbackException)
            {
                return false;
            }
        }
        Iso2022Encoder.Encode(text, _profile, vr, out var lossy);
        return !lossy;
    }

    /// <summary>An upper bound on the bytes <see cref="Encode"/> produces for <paramref name="text"/> with any VR.</summary>
    public int GetMaxByteCount(string text)
    {
        var length = text?.Length ?? 0;
        if (_profile is null) return CodePages.Get(_codePage).GetMaxByteCount(length);
        return Iso2022Encoder.GetMaxByteCount(length, _profile);
    }

    /// <summary>The value of (0008,0005) this character set was made from, terms joined by '\'.</summary>
    public override string ToString() => Terms.Count == 0 ? "ISO_IR 6 (default)" : string.Join('\\', Terms);

    /// <summary>In Romaji (IR 13) '\' and '~' are not ASCII, so such text takes the slow path, which knows.</summary>
    private bool NeedsRomajiCare(string text) =>
        _profile is { IsRomajiInitial: true } && text.AsSpan().IndexOfAny('\\', '~') >= 0;
}
