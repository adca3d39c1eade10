using Hounsfield.Dicom;

namespace Hounsfield.Archive.Query;

/// <summary>
/// The matching of PS3.4 C.2.2.2: universal (zero length), single value, list of UID, wildcard
/// (* and ?), range (DA, TM, DT, open-ended), and sequence matching; multi-valued stored
/// attributes match when any value does; person names match any component group.
/// <paramref name="combinedDateTime"/> names DA keys whose TM partner (the value) is matched with them
/// as one DT range when both are ranges of the same form (C.2.2.2.5.4; always so for the Scheduled
/// Procedure Step Start Date and Time of the Modality Worklist, PS3.4 K.6.1.2.2).
/// <paramref name="fuzzyPersonNames"/> matches PN keys by <see cref="FuzzySemanticMatching.Key"/>.
/// </summary>
public sealed class AttributeMatcher(bool fuzzyPersonNames = false, IReadOnlyDictionary<DicomTag, DicomTag>? combinedDateTime = null)
{
    /// <summary>True when <paramref name="stored"/> satisfies every key of <paramref name="keys"/> except the ones in <paramref name="skip"/>.</summary>
    public bool Matches(DicomDataset keys, DicomDataset stored, IReadOnlySet<DicomTag>? skip = null)
    {
        HashSet<DicomTag>? combined = null;
        foreach (var (date, time) in combinedDateTime ?? new Dictionary<DicomTag, DicomTag>())
        {
            if (CombinedRange(keys, date, time) is not { } range) continue;
            if (!MatchesAny([stored.GetString(date) + stored.GetString(time)], [range], (v, q) => v.Length >= 8 && InRange(DicomVR.DT, v, q))) return false;
            (combined ??= []).Add(date);
            combined.Add(time);
        }
        foreach (var key in keys)
        {
            if (skip?.Contains(key.Tag) == true || combined?.Contains(key.Tag) == true || key.Tag == DicomTag.SpecificCharacterSet || key.Tag == DicomTag.QueryRetrieveLevel) continue;
            if (!Matches(key, stored)) return false;
        }
        return true;
    }

    // A date range and a time range whose low and high ends are both given or both open, concatenated as one DT range.
    private static string? CombinedRange(DicomDataset keys, DicomTag date, DicomTag time)
    {
        var d = keys.GetString(date)?.Trim();
        var t = keys.GetString(time)?.Trim();
        if (string.IsNullOrEmpty(d) || string.IsNullOrEmpty(t) || !d.Contains('-') || !t.Contains('-')) return null;
        var (dLow, dHigh) = (d[..d.IndexOf('-')].Trim(), d[(d.IndexOf('-') + 1)..].Trim());
        var (tLow, tHigh) = (t[..t.IndexOf('-')].Trim().Replace(":", ""), t[(t.IndexOf('-') + 1)..].Trim().Replace(":", ""));
        if (dLow.Length > 0 != tLow.Length > 0 || dHigh.Length > 0 != tHigh.Length > 0) return null;
        return dLow + tLow + "-" + dHigh + tHigh;
    }

    /// <summary>True when <paramref name="stored"/> satisfies the one key <paramref name="key"/>.</summary>
    public bool Matches(DicomElement key, DicomDataset stored)
    {
        if (key.Kind == DicomValueKind.Sequence) return MatchesSequence(key.Sequence!, stored.GetSequence(key.Tag));
        if (key.Length == 0) return true;
        var query = key.Owner.GetString(key.Tag) ?? "";
        if (query.Length == 0 || query == "*") return true;
        var values = stored.GetStrings(key.Tag);
        if (values.Length == 0) return false;
        return key.VR switch
        {
            DicomVR.UI => MatchesAny(values, query.Split('\\'), static (v, q) => v == q),
            DicomVR.DA or DicomVR.TM or DicomVR.DT when query.Contains('-') => MatchesAny(values, [query], (v, q) => InRange(key.VR, v, q)),
            DicomVR.PN when fuzzyPersonNames => MatchesAny([.. values.Select(FuzzySemanticMatching.Key)], [FuzzySemanticMatching.Key(query)], MatchesPersonName),
            DicomVR.PN => MatchesAny(values, [query], MatchesPersonName),
            _ => MatchesAny(values, key.VR.IsMultiValuedString() ? query.Split('\\') : [query], (v, q) => Wildcard.Matches(q, v)),
        };
    }

    private static bool MatchesAny(string[] stored, string[] queries, Func<string, string, bool> match)
    {
        foreach (var value in stored)
            foreach (var query in queries)
                if (match(value, query)) return true;
        return false;
    }

    // A query without '=' is compared with each component group of the stored name.
    private static bool MatchesPersonName(string stored, string query)
    {
        if (Wildcard.Matches(query, stored)) return true;
        if (query.Contains('=')) return false;
        foreach (var group in stored.Split('='))
            if (group.Length > 0 && Wildcard.Matches(query, group.TrimEnd('^'))) return true;
        return false;
    }

    // An item whose keys all match universally matches every entity, with or without the sequence (C.2.2.2.6).
    private bool MatchesSequence(DicomSequence keys, DicomSequence? stored)
    {
        if (keys.Count == 0 || IsUniversal(keys[0])) return true;
        if (stored is null || stored.Count == 0) return false;
        foreach (var item in stored)
            if (Matches(keys[0], item)) return true;
        return false;
    }

    private static bool IsUniversal(DicomDataset keys)
    {
        foreach (var key in keys)
        {
            if (key.Tag == DicomTag.SpecificCharacterSet) continue;
            if (key.Kind == DicomValueKind.Sequence ? key.Sequence!.Count > 0 && !IsUniversal(key.Sequence[0]) : key.Length > 0 && key.Owner.GetString(key.Tag)?.Trim() is { Length: > 0 } v && v != "*")
                return false;
        }
        return true;
    }

    // Range matching compares the values as fixed-width text, which orders DA, TM and DT correctly
    // once both sides are padded to the same precision.
    private static bool InRange(DicomVR vr, string stored, string range)
    {
        var dash = vr == DicomVR.DT ? DateTimeRangeDash(range) : range.IndexOf('-');
        var low = range[..dash].Trim();
        var high = range[(dash + 1)..].Trim();
        var value = Normalize(vr, stored, upper: false);
        if (value is null) return false;
        if (low.Length > 0 && string.CompareOrdinal(value, Normalize(vr, low, upper: false)) < 0) return false;
        if (high.Length > 0 && string.CompareOrdinal(Normalize(vr, stored, upper: true), Normalize(vr, high, upper: true)) > 0) return false;
        return true;
    }

    // In DT a '-' may also start a UTC offset (&ZZXX); the range separator is the '-' that is not
    // followed by exactly four digits ending the value.
    private static int DateTimeRangeDash(string range)
    {
        for (var i = 0; i < range.Length; i++)
        {
            if (range[i] != '-') continue;
            var rest = range[(i + 1)..];
            var isOffset = i > 0 && rest.Length >= 4 && rest[..4].All(char.IsAsciiDigit) && (rest.Length == 4 || rest[4] == '-');
            if (!isOffset) return i;
        }
        return range.IndexOf('-');
    }

    // Pads a partial value to full precision: missing digits become the lowest (or highest) value.
    private static string? Normalize(DicomVR vr, string value, bool upper)
    {
        var v = value.Replace(":", "").Replace(".", vr == DicomVR.DA ? "" : ".").Trim();
        if (vr == DicomVR.DA)
        {
            if (v.Length != 8) return null;
            return v;
        }
        var full = vr == DicomVR.TM ? "000000.000000" : "00010101000000.000000";
        var top = vr == DicomVR.TM ? "235959.999999" : "99991231235959.999999";
        var plus = v.IndexOfAny(['+', '-'], vr == DicomVR.DT ? 4 : v.Length);
        if (plus > 0) v = v[..plus];
        if (v.Length > full.Length) v = v[..full.Length];
        return v + (upper ? top : full)[v.Length..];
    }
}
