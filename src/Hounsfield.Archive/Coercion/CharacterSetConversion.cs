using Hounsfield.Dicom;

namespace Hounsfield.Archive.Coercion;

/// <summary>
/// Re-encodes every text value of a data set, its sequence items included, in another Specific
/// Character Set: ISO_IR 192 (UTF-8) for storage, or the query's character set for C-FIND responses.
/// </summary>
internal static class CharacterSetConversion
{
    public const string Utf8 = "ISO_IR 192";

    /// <summary>Converts <paramref name="dataset"/> to UTF-8; false when it needed nothing (no other character set declared).</summary>
    public static bool ToUtf8(DicomDataset dataset)
    {
        // Most data sets declare nothing or UTF-8: decide that from the declarations alone.
        if (!DeclaresOtherThanUtf8(dataset)) return false;
        var declared = new List<DicomDataset>();
        var texts = new List<Text>();
        Collect(dataset, declared, texts);
        if (declared.Count == 0) return false;
        // Every value is decoded before any declaration changes, then written again in UTF-8.
        foreach (var owner in declared) owner.Set(DicomTag.SpecificCharacterSet, DicomVR.CS, Utf8);
        Rewrite(texts);
        return true;
    }

    /// <summary>
    /// Re-encodes a C-FIND response identifier for a query that asked for <paramref name="requested"/>
    /// (PS3.4 C.4.1.1.3.2): in the requested character set when it holds every value, in the default
    /// repertoire without (0008,0005) when nothing was requested and every value is ASCII, otherwise
    /// in ISO_IR 192. The one declaration is made at the top level; items inherit it.
    /// </summary>
    public static void ToRequested(DicomDataset response, DicomCharacterSet requested)
    {
        // Nothing asked for and nothing declared: the values are in the default repertoire as they are.
        if (requested.Terms.Count == 0 && !response.Contains(DicomTag.SpecificCharacterSet) && !ItemsDeclare(response)) return;
        var texts = new List<Text>();
        Collect(response, [], texts);
        var terms = Choose(texts, requested);
        // Most responses are already in the set chosen (ASCII, or UTF-8 as stored): nothing to re-encode.
        if (response.GetStrings(DicomTag.SpecificCharacterSet).SequenceEqual(terms) && !ItemsDeclare(response)) return;
        RemoveDeclarations(response);
        if (terms.Length > 0) response.Set(DicomTag.SpecificCharacterSet, DicomVR.CS, terms);
        Rewrite(texts);
    }

    // An unsupported request (a term we do not know) is answered as if none was made: the SCP may
    // answer in another character set (C.4.1.1.3.2).
    private static string[] Choose(List<Text> texts, DicomCharacterSet requested)
    {
        if (requested.Terms.Count > 0 && requested.Warnings.Count == 0 && texts.TrueForAll(t => requested.CanEncode(t.Value, t.VR)))
            return [.. requested.Terms];
        if (texts.TrueForAll(t => System.Text.Ascii.IsValid(t.Value))) return [];
        return [Utf8];
    }

    private static void Rewrite(List<Text> texts)
    {
        foreach (var (owner, tag, vr, value) in texts) owner.Set(tag, vr, value);
    }

    private static bool DeclaresOtherThanUtf8(DicomDataset dataset) => Declares(dataset, own => own.Length > 0 && own != Utf8);

    private static bool ItemsDeclare(DicomDataset dataset) => ItemsDeclare(dataset, _ => true);

    // Whether the data set, or an item at any depth, has a (0008,0005) that "which" picks (given trimmed).
    private static bool Declares(DicomDataset dataset, Func<string, bool> which) =>
        dataset.Contains(DicomTag.SpecificCharacterSet) && which(dataset.GetString(DicomTag.SpecificCharacterSet)?.Trim() ?? "")
        || ItemsDeclare(dataset, which);

    private static bool ItemsDeclare(DicomDataset dataset, Func<string, bool> which)
    {
        foreach (var element in dataset)
            if (element.Sequence is { } sequence)
                foreach (var item in sequence)
                    if (Declares(item, which)) return true;
        return false;
    }

    private static void RemoveDeclarations(DicomDataset dataset)
    {
        dataset.Remove(DicomTag.SpecificCharacterSet);
        foreach (var element in dataset)
            if (element.Sequence is { } sequence)
                foreach (var item in sequence) RemoveDeclarations(item);
    }

    // Items may carry their own (0008,0005); "declared" lists every data set that declares one other than UTF-8.
    private static void Collect(DicomDataset dataset, List<DicomDataset> declared, List<Text> texts)
    {
        var own = dataset.GetString(DicomTag.SpecificCharacterSet)?.Trim();
        if (!string.IsNullOrEmpty(own) && own != Utf8) declared.Add(dataset);
        foreach (var element in dataset)
        {
            if (element.Sequence is { } sequence)
            {
                foreach (var item in sequence) Collect(item, declared, texts);
            }
            else if (element.Kind == DicomValueKind.Inline && element.VR.IsCharacterSetSensitive() && element.Length > 0)
            {
                texts.Add(new Text(dataset, element.Tag, element.VR, element.GetString()));
            }
        }
    }

    private readonly record struct Text(DicomDataset Owner, DicomTag Tag, DicomVR VR, string Value);
}
