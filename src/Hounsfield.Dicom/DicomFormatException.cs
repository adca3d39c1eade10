namespace Hounsfield.Dicom;

/// <summary>
/// The bytes are not a well-formed DICOM data set or file. The message names the stream offset
/// and, when known, the tag being read.
/// </summary>
public class DicomFormatException : Exception
{
    /// <summary>Creates the exception for a problem at <paramref name="offset"/>, in <paramref name="tag"/> when known.</summary>
    public DicomFormatException(string message, long offset = -1, DicomTag? tag = null, Exception? inner = null)
        : base(Describe(message, offset, tag), inner)
    {
        Offset = offset;
        Tag = tag;
    }

    /// <summary>The byte offset in the stream where the problem was found, or -1.</summary>
    public long Offset { get; }

    /// <summary>The tag of the element being read, when known.</summary>
    public DicomTag? Tag { get; }

    private static string Describe(string message, long offset, DicomTag? tag)
    {
        var where = (offset >= 0, tag.HasValue) switch
        {
            (true, true) => $" at offset {offset} in {tag}",
            (true, false) => $" at offset {offset}",
            (false, true) => $" in {tag}",
            _ => "",
        };
        return message + where;
    }
}
