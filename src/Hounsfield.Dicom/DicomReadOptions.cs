namespace Hounsfield.Dicom;

/// <summary>How a data set or file is read.</summary>
public sealed class DicomReadOptions
{
    /// <summary>The defaults: values over 64 KiB stay in a seekable source, everything is read.</summary>
    public static DicomReadOptions Default { get; } = new();

    /// <summary>
    /// Binary values (OB, OW, OF, OD, OL, OV, UN) longer than this many bytes, and every fragment of
    /// encapsulated pixel data, stay in a seekable source and are read on demand.
    /// </summary>
    public long BulkDataThreshold { get; init; } = 64 * 1024;

    /// <summary>Stop before the first top-level element with a tag at or above this one (e.g. Pixel Data).</summary>
    public DicomTag? StopAtTag { get; init; }

    /// <summary>
    /// When the source cannot seek, values longer than this are refused rather than buffered
    /// (guards memory against hostile lengths); 0 means no limit beyond what the stream really holds.
    /// </summary>
    public long MaxInMemoryValueLength { get; init; }

    /// <summary>Maximum nesting of sequences, a guard against crafted input.</summary>
    public int MaxSequenceDepth { get; init; } = 64;
}
