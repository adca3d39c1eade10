using System.Text.Encodings.Web;

namespace Hounsfield.Dicom.Serialization;

/// <summary>How data sets are written to and read from the DICOM JSON Model (PS3.18 Annex F).</summary>
public sealed class DicomJsonOptions
{
    /// <summary>Compact output, numbers as JSON numbers where they are valid ones, every value in place.</summary>
    public static DicomJsonOptions Default { get; } = new();

    /// <summary>Indents the output (as dcm2json does).</summary>
    public bool WriteIndented { get; init; }

    /// <summary>
    /// Writes IS, DS, SV and UV values always as JSON strings. By default they are JSON numbers
    /// when their text is a valid JSON number and fits exactly (see <see cref="DicomJson"/>), and strings otherwise.
    /// </summary>
    public bool NumbersAsStrings { get; init; }

    /// <summary>What to do with FL and FD values that are NaN or infinite, which JSON numbers cannot hold.</summary>
    public DicomJsonNonFiniteNumbers NonFiniteNumbers { get; init; } = DicomJsonNonFiniteNumbers.AsStrings;

    /// <summary>Bulk data URIs: when the writer uses them, and how the reader resolves them.</summary>
    public DicomBulkDataOptions BulkData { get; init; } = DicomBulkDataOptions.Default;

    /// <summary>
    /// The text escaper for the writer; by default <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>,
    /// which keeps non-ASCII characters readable (the output is DICOM JSON, not HTML).
    /// </summary>
    public JavaScriptEncoder? Encoder { get; init; }

    /// <summary>The deepest nesting of JSON arrays and objects the reader accepts (three levels per sequence).</summary>
    public int MaxDepth { get; init; } = 256;
}

/// <summary>How FL and FD values that are NaN or infinite are written to JSON.</summary>
public enum DicomJsonNonFiniteNumbers
{
    /// <summary>As the JSON strings "NaN", "Infinity" and "-Infinity" (the reader accepts them back). Not in PS3.18, but lossless.</summary>
    AsStrings,

    /// <summary>Refuse: writing throws <see cref="InvalidOperationException"/>, as strict PS3.18 output must.</summary>
    Throw,
}
