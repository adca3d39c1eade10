using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hounsfield.Dicom.Serialization;

/// <summary>
/// The DICOM JSON Model of PS3.18 Annex F, both directions.
/// <list type="bullet">
/// <item>Attributes are named "GGGGEEEE" in tag order, with "vr" and a "Value" array that is left
/// out when the element is empty; empty values among several are null; PN values are objects of
/// "Alphabetic", "Ideographic" and "Phonetic" strings; AT values are "GGGGEEEE" strings; sequence
/// items are nested objects (an empty item is {}); group lengths are not written.</item>
/// <item>IS and DS are JSON numbers when their text is a valid JSON number, written exactly as
/// stored ("1.50" stays 1.50), and strings otherwise ("+.5", "012"), so no text is ever changed;
/// SV and UV are numbers up to 2^53 and strings beyond. The reader takes numbers and strings
/// alike and keeps a number's literal text.</item>
/// <item>FL and FD NaN and infinities, which JSON numbers cannot hold, are the strings "NaN",
/// "Infinity", "-Infinity" unless <see cref="DicomJsonOptions.NonFiniteNumbers"/> says to refuse.</item>
/// <item>OB, OD, OF, OL, OV, OW and UN are "InlineBinary" (base64 of the little-endian Value Field)
/// or, per <see cref="DicomBulkDataOptions"/>, a "BulkDataURI". Encapsulated pixel data is the
/// base64 of its whole item-encoded Value Field (F.2.7: "the Value Field"); the reader turns such
/// Pixel Data back into fragments.</item>
/// <item>Text is Unicode; Specific Character Set (0008,0005) is kept as the source's (F.2.2 note 3).
/// Reading encodes text in the declared character set, switching the data set to ISO_IR 192 only
/// when the text cannot be encoded otherwise.</item>
/// <item>Private elements keep their tags; their Private Creator elements are ordinary attributes.</item>
/// </list>
/// </summary>
public static class DicomJson
{
    /// <summary>The data set as one DICOM JSON object.</summary>
    public static string Serialize(DicomDataset dataset, DicomJsonOptions? options = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        options ??= DicomJsonOptions.Default;
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions(options))) new DicomJsonWriter(writer, options).WriteDataset(dataset);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The data sets as a top-level array of DICOM JSON objects (a QIDO-RS response, F.2.1).</summary>
    public static string Serialize(IEnumerable<DicomDataset> datasets, DicomJsonOptions? options = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        options ??= DicomJsonOptions.Default;
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions(options))) WriteArray(writer, datasets, options);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the data set as one DICOM JSON object (UTF-8) to <paramref name="stream"/>, streaming.</summary>
    public static void Write(Stream stream, DicomDataset dataset, DicomJsonOptions? options = null)
    {
        options ??= DicomJsonOptions.Default;
        using var writer = new Utf8JsonWriter(stream, WriterOptions(options));
        new DicomJsonWriter(writer, options).WriteDataset(dataset);
    }

    /// <summary>Writes the data sets as a top-level array of DICOM JSON objects to <paramref name="stream"/>, streaming.</summary>
    public static void Write(Stream stream, IEnumerable<DicomDataset> datasets, DicomJsonOptions? options = null)
    {
        options ??= DicomJsonOptions.Default;
        using var writer = new Utf8JsonWriter(stream, WriterOptions(options));
        WriteArray(writer, datasets, options);
    }

    /// <summary>
    /// Writes the data set as one DICOM JSON object at the writer's current position (as a value,
    /// so it can be nested in a larger document); the writer's own options govern the layout.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, DicomDataset dataset, DicomJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        new DicomJsonWriter(writer, options ?? DicomJsonOptions.Default).WriteDataset(dataset);
        writer.Flush();
    }

    /// <summary>Reads one DICOM JSON object.</summary>
    /// <exception cref="DicomFormatException">The text is not DICOM JSON, or is an array (use <see cref="DeserializeMany"/>).</exception>
    public static DicomDataset Deserialize(string json, DicomJsonOptions? options = null) =>
        Read(Encoding.UTF8.GetBytes(json), options);

    /// <summary>Reads a top-level array of DICOM JSON objects, or a single object as a list of one.</summary>
    /// <exception cref="DicomFormatException">The text is not DICOM JSON.</exception>
    public static IReadOnlyList<DicomDataset> DeserializeMany(string json, DicomJsonOptions? options = null) =>
        ReadMany(Encoding.UTF8.GetBytes(json), options);

    /// <summary>Reads one DICOM JSON object from UTF-8 bytes.</summary>
    /// <exception cref="DicomFormatException">The bytes are not DICOM JSON, or hold an array.</exception>
    public static DicomDataset Read(ReadOnlySpan<byte> utf8Json, DicomJsonOptions? options = null) =>
        DicomJsonReader.Read(utf8Json, options ?? DicomJsonOptions.Default, single: true)[0];

    /// <summary>Reads a top-level array of DICOM JSON objects (or one object) from UTF-8 bytes.</summary>
    /// <exception cref="DicomFormatException">The bytes are not DICOM JSON.</exception>
    public static IReadOnlyList<DicomDataset> ReadMany(ReadOnlySpan<byte> utf8Json, DicomJsonOptions? options = null) =>
        DicomJsonReader.Read(utf8Json, options ?? DicomJsonOptions.Default, single: false);

    /// <summary>Reads one DICOM JSON object from a UTF-8 stream (read to its end).</summary>
    /// <exception cref="DicomFormatException">The stream is not DICOM JSON, or holds an array.</exception>
    public static DicomDataset Read(Stream utf8Json, DicomJsonOptions? options = null)
    {
        var bytes = ReadToEnd(utf8Json);
        return Read(bytes.AsSpan(), options);
    }

    /// <summary>Reads a top-level array of DICOM JSON objects (or one object) from a UTF-8 stream.</summary>
    /// <exception cref="DicomFormatException">The stream is not DICOM JSON.</exception>
    public static IReadOnlyList<DicomDataset> ReadMany(Stream utf8Json, DicomJsonOptions? options = null)
    {
        var bytes = ReadToEnd(utf8Json);
        return ReadMany(bytes.AsSpan(), options);
    }

    private static void WriteArray(Utf8JsonWriter writer, IEnumerable<DicomDataset> datasets, DicomJsonOptions options)
    {
        var datasetWriter = new DicomJsonWriter(writer, options);
        writer.WriteStartArray();
        foreach (var dataset in datasets) datasetWriter.WriteDataset(dataset);
        writer.WriteEndArray();
    }

    private static JsonWriterOptions WriterOptions(DicomJsonOptions options) => new()
    {
        Indented = options.WriteIndented,
        Encoder = options.Encoder ?? JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    private static ArraySegment<byte> ReadToEnd(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new MemoryStream(stream.CanSeek ? (int)Math.Min(int.MaxValue, Math.Max(0, stream.Length - stream.Position)) : 0);
        stream.CopyTo(buffer);
        return new ArraySegment<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
