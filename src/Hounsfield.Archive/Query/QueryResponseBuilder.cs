using Hounsfield.Archive.Coercion;
using Hounsfield.Dicom;

namespace Hounsfield.Archive.Query;

/// <summary>
/// Builds a C-FIND response identifier: every requested key, filled from the match or empty, in the
/// character set the query asked for when it holds the values, else in ISO_IR 192 (PS3.4 C.4.1.1.3.2).
/// </summary>
internal static class QueryResponseBuilder
{
    public static DicomDataset Build(DicomQuery query, DicomDataset match, QueryOptions options)
    {
        var response = new DicomDataset();
        response.CopyFrom(match, DicomTag.SpecificCharacterSet);
        response.Set(DicomTag.QueryRetrieveLevel, query.Identifier.GetString(DicomTag.QueryRetrieveLevel)!.Trim());
        foreach (var key in query.Identifier)
        {
            var tag = key.Tag;
            if (tag == DicomTag.SpecificCharacterSet || tag == DicomTag.QueryRetrieveLevel) continue;
            if (tag == DicomTag.RetrieveAETitle) response.Set(tag, options.RetrieveAETitle);
            else if (tag == DicomTag.InstanceAvailability) response.Set(tag, "ONLINE");
            else Fill(response, key, match);
        }
        CharacterSetConversion.ToRequested(response, query.Identifier.CharacterSet);
        return response;
    }

    /// <summary>A response of a model without levels (e.g. the Modality Worklist): the keys of <paramref name="identifier"/> filled from <paramref name="match"/>.</summary>
    public static DicomDataset Build(DicomDataset identifier, DicomDataset match)
    {
        var response = new DicomDataset();
        response.CopyFrom(match, DicomTag.SpecificCharacterSet);
        foreach (var key in identifier)
            if (key.Tag != DicomTag.SpecificCharacterSet) Fill(response, key, match);
        CharacterSetConversion.ToRequested(response, identifier.CharacterSet);
        return response;
    }

    private static void Fill(DicomDataset response, DicomElement key, DicomDataset match)
    {
        var tag = key.Tag;
        if (key.Kind == DicomValueKind.Sequence && match.GetSequence(tag) is { } stored) response.Set(tag, Project(key.Sequence!, stored));
        else if (match.Contains(tag)) response.CopyFrom(match, tag);
        else response.SetEmpty(tag, key.VR);
    }

    // Sequence return keys: each stored item reduced to the keys the request's item names (all when it names none).
    private static DicomSequence Project(DicomSequence keys, DicomSequence stored)
    {
        var result = new DicomSequence();
        var wanted = keys.Count > 0 ? keys[0] : null;
        foreach (var item in stored)
        {
            if (wanted is null || wanted.Count == 0)
            {
                result.Add(item.Clone());
                continue;
            }
            var projected = new DicomDataset();
            projected.CopyFrom(item, DicomTag.SpecificCharacterSet);
            foreach (var key in wanted)
            {
                if (key.Kind == DicomValueKind.Sequence && item.GetSequence(key.Tag) is { } inner) projected.Set(key.Tag, Project(key.Sequence!, inner));
                else if (item.Contains(key.Tag)) projected.CopyFrom(item, key.Tag);
                else projected.SetEmpty(key.Tag, key.VR);
            }
            result.Add(projected);
        }
        return result;
    }
}
