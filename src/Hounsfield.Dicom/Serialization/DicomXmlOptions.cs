namespace Hounsfield.Dicom.Serialization;

/// <summary>How data sets are written to and read from the Native DICOM Model (PS3.19 Annex A.1).</summary>
public sealed class DicomXmlOptions
{
    /// <summary>Unindented output, every value in place.</summary>
    public static DicomXmlOptions Default { get; } = new();

    /// <summary>Puts each element on its own line, indented by nesting.</summary>
    public bool WriteIndented { get; init; }

    /// <summary>Bulk data references: when the writer uses them, and how the reader resolves them.</summary>
    public DicomBulkDataOptions BulkData { get; init; } = DicomBulkDataOptions.Default;

    /// <summary>The deepest nesting of sequence items the reader accepts, a guard against crafted input.</summary>
    public int MaxSequenceDepth { get; init; } = 64;
}
