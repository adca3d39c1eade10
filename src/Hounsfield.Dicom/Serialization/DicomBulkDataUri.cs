using System.Globalization;

namespace Hounsfield.Dicom.Serialization;

/// <summary>
/// Our <c>file:</c> bulk data URIs, which point into a Part 10 file instead of copying its values:
/// <c>file:///absolute/path.dcm?offset=N&amp;length=M</c> names the M bytes starting at byte N of the
/// file. They are the element's Value Field as stored, which is little endian because only values
/// that need no byte swapping are referenced this way; for encapsulated pixel data they are the
/// whole item-encoded Value Field, from the Basic Offset Table item to the Sequence Delimitation Item.
/// Without the query the URI names the whole file.
/// </summary>
public static class DicomBulkDataUri
{
    /// <summary>The URI for <paramref name="length"/> bytes at <paramref name="offset"/> in the file at <paramref name="path"/>.</summary>
    public static string ForFile(string path, long offset, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var file = new Uri(Path.GetFullPath(path)).AbsoluteUri;
        return string.Create(CultureInfo.InvariantCulture, $"{file}?offset={offset}&length={length}");
    }

    /// <summary>
    /// Parses a <c>file:</c> URI; <paramref name="length"/> is -1 when the URI names the rest of
    /// the file from <paramref name="offset"/>.
    /// </summary>
    public static bool TryParseFile(string uri, out string path, out long offset, out long length)
    {
        path = "";
        offset = 0;
        length = -1;
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile) return false;
        path = parsed.LocalPath;
        var query = parsed.Query.AsSpan().TrimStart('?');
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var eq = pair.IndexOf('=');
            if (eq < 0) continue;
            var name = pair[..eq];
            if (!long.TryParse(pair[(eq + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return false;
            if (name.SequenceEqual("offset")) offset = number;
            else if (name.SequenceEqual("length")) length = number;
        }
        return true;
    }

    /// <summary>
    /// A <see cref="DicomBulkDataOptions.Resolver"/> for <c>file:</c> URIs: the value becomes a
    /// reference into the file, read when used. Other URIs, and files that do not exist, give null.
    /// </summary>
    public static DicomBulkData? ResolveFile(DicomBulkDataReference reference)
    {
        if (!TryParseFile(reference.Uri, out var path, out var offset, out var length)) return null;
        var info = new FileInfo(path);
        if (!info.Exists || offset > info.Length) return null;
        if (length < 0) length = info.Length - offset;
        return new DicomBulkData(DicomBulkDataSource.FromFile(path), offset, length);
    }

    /// <summary>
    /// A <see cref="DicomBulkDataOptions.UriFor"/> for a data set read from the file at
    /// <paramref name="path"/> (with <see cref="DicomFile.Open"/>): values left in the file, and
    /// encapsulated pixel data, get a <c>file:</c> URI instead of being read. Values that need
    /// byte swapping (big endian files) and values already in memory stay in place.
    /// </summary>
    public static Func<DicomElement, string?> FileReferences(string path)
    {
        var fullPath = Path.GetFullPath(path);
        return element => element.Kind switch
        {
            DicomValueKind.Bulk when element.BulkData is { SwapUnit: 1 } bulk && bulk.Source is not DicomBulkDataUriSource =>
                ForFile(fullPath, bulk.Offset, bulk.Length),
            DicomValueKind.Fragments when EncapsulatedValueField.TryLocateInSource(element.Fragments!, out _, out var offset, out var length) =>
                ForFile(fullPath, offset, length),
            _ => null,
        };
    }
}
