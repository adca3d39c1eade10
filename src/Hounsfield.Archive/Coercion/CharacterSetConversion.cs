using Hounsfield.Dicom;

namespace Hounsfield.Archive.Coercion;

/// <summary>Re-encodes every text value of a data set, its sequence items included, in ISO_IR 192 (UTF-8).</summary>
internal static class CharacterSetConversion
{
    public const string Utf8 = "ISO_IR 192";

    /// <summary>Converts <paramref name="dataset"/>; false when it needed nothing (no other character set declared).</summary>
    public static bool ToUtf8(DicomDataset dataset)
    {
        var declared = new List<DicomDataset>();
        var texts = new List<(DicomDataset Owner, DicomTag Tag, DicomVR VR, string Text)>();
        Collect(dataset, declared, texts);
        if (declared.Count == 0) return false;
        // Every value is decoded before any declaration changes, then written again in UTF-8.
        foreach (var owner in declared) owner.Set(DicomTag.SpecificCharacterSet, DicomVR.CS, Utf8);
        foreach (var (owner, tag, vr, text) in texts) owner.Set(tag, vr, text);
        return true;
    }

    private static void Collect(DicomDataset dataset, List<DicomDataset> declared, List<(DicomDataset, DicomTag, DicomVR, string)> texts)
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
                texts.Add((dataset, element.Tag, element.VR, element.GetString()));
            }
        }
    }
}
