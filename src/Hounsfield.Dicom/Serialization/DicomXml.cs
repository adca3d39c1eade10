using System.Text;
using System.Xml;

namespace Hounsfield.Dicom.Serialization;

/// <summary>
/// The Native DICOM Model of PS3.19 Annex A.1 (the XML that PS3.18 also uses), both directions.
/// <list type="bullet">
/// <item>The root is <c>NativeDicomModel</c> in the namespace <c>http://dicom.nema.org/PS3.19/models/NativeDICOM</c>
/// with <c>xml:space="preserve"</c>; each element is a <c>DicomAttribute</c> with <c>tag</c> ("GGGGEEEE"),
/// <c>vr</c>, <c>keyword</c> (when the dictionary knows it) and, for private data elements,
/// <c>privateCreator</c> with the tag written "gggg00ee" (the block is not sent).</item>
/// <item>Values are <c>Value number="n"</c> (an empty value is an empty element), person names are
/// <c>PersonName number="n"</c> with <c>Alphabetic</c>/<c>Ideographic</c>/<c>Phonetic</c> groups of
/// <c>FamilyName</c>, <c>GivenName</c>, <c>MiddleName</c>, <c>NamePrefix</c>, <c>NameSuffix</c>,
/// sequence items are <c>Item number="n"</c>; AT values are "GGGGEEEE"; IS and DS keep their text;
/// FL and FD NaN and infinities are "NaN", "INF", "-INF" (xsd:double).</item>
/// <item>OB, OD, OF, OL, OV, OW and UN are <c>InlineBinary</c> (base64, little endian) or
/// <c>BulkData uri="…"</c> per <see cref="DicomBulkDataOptions"/>; a <c>BulkData uuid="…"</c> is read
/// as the URI <c>urn:uuid:…</c>. Encapsulated pixel data is handled as in <see cref="DicomJson"/>.</item>
/// <item>Characters XML 1.0 cannot carry (C0 controls other than TAB, LF, CR) are written as U+FFFD.
/// Character sets are handled as in <see cref="DicomJson"/>.</item>
/// </list>
/// </summary>
public static class DicomXml
{
    /// <summary>The namespace of the Native DICOM Model.</summary>
    public const string Namespace = DicomXmlWriter.Namespace;

    /// <summary>The data set as a Native DICOM Model document (declared UTF-8).</summary>
    public static string Serialize(DicomDataset dataset, DicomXmlOptions? options = null)
    {
        using var buffer = new MemoryStream();
        Write(buffer, dataset, options);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes the data set as a Native DICOM Model document (UTF-8) to <paramref name="stream"/>, streaming.</summary>
    public static void Write(Stream stream, DicomDataset dataset, DicomXmlOptions? options = null)
    {
        options ??= DicomXmlOptions.Default;
        using var writer = XmlWriter.Create(stream, WriterSettings(options));
        new DicomXmlWriter(writer, options).WriteDocument(dataset);
    }

    /// <summary>Writes the data set as a <c>NativeDicomModel</c> element at the writer's position.</summary>
    public static void Write(XmlWriter writer, DicomDataset dataset, DicomXmlOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        new DicomXmlWriter(writer, options ?? DicomXmlOptions.Default).WriteDocument(dataset);
        writer.Flush();
    }

    /// <summary>Reads a Native DICOM Model document.</summary>
    /// <exception cref="DicomFormatException">The text is not a Native DICOM Model document.</exception>
    public static DicomDataset Deserialize(string xml, DicomXmlOptions? options = null)
    {
        using var reader = XmlReader.Create(new StringReader(xml), ReaderSettings());
        return Read(reader, options);
    }

    /// <summary>Reads a Native DICOM Model document from a stream (encoding as declared, UTF-8 by default).</summary>
    /// <exception cref="DicomFormatException">The stream is not a Native DICOM Model document.</exception>
    public static DicomDataset Read(Stream stream, DicomXmlOptions? options = null)
    {
        using var reader = XmlReader.Create(stream, ReaderSettings());
        return Read(reader, options);
    }

    /// <summary>Reads the <c>NativeDicomModel</c> element at the reader's position.</summary>
    /// <exception cref="DicomFormatException">The content is not a Native DICOM Model.</exception>
    public static DicomDataset Read(XmlReader reader, DicomXmlOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return DicomXmlReader.Read(reader, options ?? DicomXmlOptions.Default);
    }

    private static XmlWriterSettings WriterSettings(DicomXmlOptions options) => new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = options.WriteIndented,
        IndentChars = "  ",
        NewLineChars = "\n",
        // Keeps a CR inside LT/ST/UT text: written as &#xD; rather than normalised away by the reader.
        NewLineHandling = NewLineHandling.Entitize,
        CloseOutput = false,
    };

    private static XmlReaderSettings ReaderSettings() => new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };
}
