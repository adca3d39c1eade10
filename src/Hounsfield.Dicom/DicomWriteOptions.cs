namespace Hounsfield.Dicom;

/// <summary>How a data set is encoded.</summary>
public sealed class DicomWriteOptions
{
    /// <summary>The defaults: undefined-length sequences and items, no group lengths.</summary>
    public static DicomWriteOptions Default { get; } = new();

    /// <summary>Write sequences and items with explicit lengths instead of delimitation items.</summary>
    public bool ExplicitLengthSequences { get; init; }

    /// <summary>Write a group length element (gggg,0000) at the start of each group (retired except for group 0002).</summary>
    public bool IncludeGroupLengths { get; init; }

    /// <summary>Compression level for Deflated Explicit VR Little Endian.</summary>
    public System.IO.Compression.CompressionLevel DeflateLevel { get; init; } = System.IO.Compression.CompressionLevel.Optimal;
}
