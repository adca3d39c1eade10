using Hounsfield.Dicom;

namespace Hounsfield.Cli.Commands;

/// <summary>
/// Builds a query identifier from <c>-k</c> keys as DCMTK writes them: <c>Keyword=Value</c>,
/// <c>(gggg,eeee)=Value</c>, or nested <c>Sequence[0].Keyword=Value</c>; a key without '=' asks
/// for the attribute to be returned (zero length).
/// </summary>
internal static class QueryKeys
{
    public static void Apply(DicomDataset identifier, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            var equals = key.IndexOf('=');
            var path = (equals < 0 ? key : key[..equals]).Trim();
            var value = equals < 0 ? null : key[(equals + 1)..];
            var (target, tag) = Resolve(identifier, path);
            var vr = target.GetDictionaryEntry(tag)?.VR ?? throw new CommandException($"{tag} is not in the dictionary; give a known attribute");
            if (vr == DicomVR.SQ)
            {
                if (!target.Contains(tag)) target.SetSequence(tag);
                continue;
            }
            if (string.IsNullOrEmpty(value)) target.SetEmpty(tag, vr);
            else target.Set(tag, vr, value.Split('\\'));
        }
    }

    private static (DicomDataset Target, DicomTag Tag) Resolve(DicomDataset root, string path)
    {
        var current = root;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            var (name, index) = ParseIndexed(parts[i]);
            var sequenceTag = Tag(name);
            var sequence = current.GetSequence(sequenceTag) ?? current.SetSequence(sequenceTag);
            while (sequence.Count <= index) sequence.Add(new DicomDataset());
            current = sequence[index];
        }
        return (current, Tag(parts[^1]));
    }

    private static (string Name, int Index) ParseIndexed(string part)
    {
        var open = part.IndexOf('[');
        if (open < 0) return (part, 0);
        if (!part.EndsWith(']') || !int.TryParse(part[(open + 1)..^1], out var index) || index < 0)
            throw new CommandException($"'{part}' is not Sequence[n]");
        return (part[..open], index);
    }

    private static DicomTag Tag(string text) =>
        DicomTag.TryParse(text, out var tag) ? tag : throw new CommandException($"'{text}' is not a DICOM keyword or (gggg,eeee) tag");
}
