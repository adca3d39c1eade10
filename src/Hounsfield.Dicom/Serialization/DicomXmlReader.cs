using System.Globalization;
using System.Xml;

namespace Hounsfield.Dicom.Serialization;

/// <summary>
/// Reads Native DICOM Model documents (PS3.19 A.1) with <see cref="XmlReader"/>. Elements are
/// matched by local name, with or without the PS3.19 namespace (DCMTK omits it by default).
/// Values are placed by their "number" attribute. A private data element given as "gggg00ee"
/// with a privateCreator gets the block its creator has (or is given) in the data set, after
/// every Private Creator element of that data set has been read.
/// </summary>
internal sealed class DicomXmlReader
{
    private readonly DicomXmlOptions _options;
    private DatasetAssembler _assembler;
    private int _depth;

    private DicomXmlReader(DicomXmlOptions options)
    {
        _options = options;
        _assembler = new DatasetAssembler(options.BulkData);
    }

    public static DicomDataset Read(XmlReader xml, DicomXmlOptions options)
    {
        try
        {
            xml.MoveToContent();
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "NativeDicomModel")
                throw Format($"expected a NativeDicomModel element, found '{xml.LocalName}'", xml);
            var reader = new DicomXmlReader(options);
            var root = reader.ReadDataset(xml, null);
            reader._assembler.Finish(root);
            return root;
        }
        catch (XmlException e)
        {
            throw new DicomFormatException($"not valid XML: {e.Message}", inner: e);
        }
    }

    // At a NativeDicomModel or Item start element; ends past its end element.
    private DicomDataset ReadDataset(XmlReader xml, DicomTag? sequence)
    {
        if (_depth > _options.MaxSequenceDepth)
            throw Format($"sequences nest deeper than {_options.MaxSequenceDepth}", xml, sequence);
        var dataset = new DicomDataset();
        if (xml.IsEmptyElement)
        {
            xml.Read();
            return dataset;
        }
        var attributes = new List<ParsedAttribute>();
        xml.Read();
        while (xml.NodeType != XmlNodeType.EndElement)
        {
            if (xml.EOF) throw Format("the document ended inside a data set", xml);
            if (xml.NodeType != XmlNodeType.Element) xml.Read();
            else if (xml.LocalName == "DicomAttribute") attributes.Add(ReadAttribute(xml));
            else xml.Skip();
        }
        xml.Read();
        Apply(dataset, attributes);
        return dataset;
    }

    private ParsedAttribute ReadAttribute(XmlReader xml)
    {
        var tagText = xml.GetAttribute("tag");
        if (tagText is null || !TagText.TryParse(tagText, out var tag)) throw Format($"'{tagText}' is not a tag (eight hexadecimal digits)", xml);
        var vrText = xml.GetAttribute("vr");
        var vr = DicomVR.None;
        if (vrText is not null && !DicomVRExtensions.TryParse(vrText, out vr)) throw Format($"'{vrText}' is not a DICOM VR", xml, tag);
        var attribute = new ParsedAttribute(tag, vr, xml.GetAttribute("privateCreator"));
        if (xml.IsEmptyElement)
        {
            xml.Read();
            return attribute;
        }
        xml.Read();
        while (xml.NodeType != XmlNodeType.EndElement)
        {
            if (xml.EOF) throw Format("the document ended inside a DicomAttribute", xml, tag);
            if (xml.NodeType != XmlNodeType.Element)
            {
                xml.Read();
                continue;
            }
            switch (xml.LocalName)
            {
                case "Value":
                    var number = Number(xml);
                    Place(attribute.Values ??= [], number, xml.ReadElementContentAsString());
                    break;
                case "PersonName":
                    number = Number(xml);
                    Place(attribute.Values ??= [], number, ReadPersonName(xml));
                    break;
                case "Item":
                    number = Number(xml);
                    _depth++;
                    Place(attribute.Items ??= [], number, ReadDataset(xml, tag));
                    _depth--;
                    break;
                case "InlineBinary":
                    attribute.Binary = ReadBase64(xml, tag);
                    break;
                case "BulkData":
                    attribute.Uri = xml.GetAttribute("uri") ?? (xml.GetAttribute("uuid") is { } uuid ? "urn:uuid:" + uuid : null);
                    xml.Skip();
                    break;
                default:
                    xml.Skip();
                    break;
            }
        }
        xml.Read();
        return attribute;
    }

    // Creators first, so that each private data element finds its block whatever the order of the document.
    private void Apply(DicomDataset dataset, List<ParsedAttribute> attributes)
    {
        foreach (var attribute in attributes)
            if (attribute.IsPrivateCreator) Apply(dataset, attribute, attribute.Tag);
        foreach (var attribute in attributes)
            if (!attribute.IsPrivateCreator) Apply(dataset, attribute, ResolveTag(dataset, attribute));
    }

    private void Apply(DicomDataset dataset, ParsedAttribute attribute, DicomTag tag)
    {
        var vr = attribute.VR != DicomVR.None ? attribute.VR : dataset.GetDictionaryEntry(tag)?.VR ?? DicomVR.UN;
        if (attribute.Uri is not null)
        {
            _assembler.SetBulk(dataset, tag, vr, attribute.Uri);
        }
        else if (attribute.Binary is not null)
        {
            _assembler.SetBinary(dataset, tag, vr, attribute.Binary);
        }
        else if (attribute.Items is not null || vr == DicomVR.SQ)
        {
            var items = new List<DicomDataset>();
            foreach (var item in attribute.Items ?? []) items.Add(item ?? new DicomDataset());
            DatasetAssembler.SetSequence(dataset, tag, items);
        }
        else if (attribute.Values is not null)
        {
            _assembler.SetValues(dataset, tag, vr, attribute.Values);
        }
        else
        {
            DatasetAssembler.SetEmpty(dataset, tag, vr);
        }
    }

    private static DicomTag ResolveTag(DicomDataset dataset, ParsedAttribute attribute)
    {
        var tag = attribute.Tag;
        if (attribute.PrivateCreator is not { } creator || !tag.IsPrivate) return tag;
        if (tag.Element <= 0xFF) return dataset.GetPrivateTag(tag.Group, creator, (byte)tag.Element);
        if (tag.Element < 0x1000) return tag;
        // A writer that sent the block anyway: keep it when it is free or already this creator's.
        var creatorTag = new DicomTag(tag.Group, (ushort)(tag.Element >> 8));
        var existing = dataset.GetString(creatorTag);
        if (existing is null)
        {
            dataset.Set(creatorTag, DicomVR.LO, creator);
            return tag;
        }
        return existing.Trim() == creator.Trim() ? tag : dataset.GetPrivateTag(tag.Group, creator, (byte)tag.Element);
    }

    private static string ReadPersonName(XmlReader xml)
    {
        var groups = new string?[3];
        if (xml.IsEmptyElement)
        {
            xml.Read();
            return "";
        }
        xml.Read();
        while (xml.NodeType != XmlNodeType.EndElement)
        {
            if (xml.EOF) throw Format("the document ended inside a PersonName", xml);
            if (xml.NodeType != XmlNodeType.Element)
            {
                xml.Read();
                continue;
            }
            // "SingleByte" is the name PS3.19-2011 gave the alphabetic group.
            var index = xml.LocalName == "SingleByte" ? 0 : Array.IndexOf(PersonNameText.GroupNames, xml.LocalName);
            if (index < 0) xml.Skip();
            else groups[index] = ReadComponents(xml);
        }
        xml.Read();
        return PersonNameText.Join(groups, '=');
    }

    private static string ReadComponents(XmlReader xml)
    {
        var components = new string?[5];
        if (xml.IsEmptyElement)
        {
            xml.Read();
            return "";
        }
        xml.Read();
        while (xml.NodeType != XmlNodeType.EndElement)
        {
            if (xml.EOF) throw Format("the document ended inside a person name group", xml);
            if (xml.NodeType != XmlNodeType.Element)
            {
                xml.Read();
                continue;
            }
            var index = Array.IndexOf(PersonNameText.ComponentNames, xml.LocalName);
            if (index < 0) xml.Skip();
            else components[index] = xml.ReadElementContentAsString();
        }
        xml.Read();
        return PersonNameText.Join(components, '^');
    }

    private static byte[] ReadBase64(XmlReader xml, DicomTag tag)
    {
        if (xml.IsEmptyElement)
        {
            xml.Read();
            return [];
        }
        using var bytes = new MemoryStream();
        var buffer = new byte[48 * 1024];
        try
        {
            int n;
            while ((n = xml.ReadElementContentAsBase64(buffer, 0, buffer.Length)) > 0) bytes.Write(buffer, 0, n);
        }
        catch (Exception e) when (e is FormatException or XmlException)
        {
            throw new DicomFormatException("InlineBinary is not valid base64", tag: tag, inner: e);
        }
        return bytes.ToArray();
    }

    private static int Number(XmlReader xml) =>
        int.TryParse(xml.GetAttribute("number"), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : 0;

    // Number n goes to index n - 1; gaps are empty values; a missing number appends.
    private static void Place<T>(List<T?> list, int number, T value) where T : class
    {
        if (number == 0)
        {
            list.Add(value);
            return;
        }
        if (number > 1 << 20) throw new DicomFormatException($"value number {number} is out of range");
        while (list.Count < number) list.Add(null);
        list[number - 1] = value;
    }

    private static DicomFormatException Format(string message, XmlReader xml, DicomTag? tag = null) =>
        new(xml is IXmlLineInfo { LineNumber: > 0 } info ? $"{message} (line {info.LineNumber})" : message, tag: tag);

    private sealed class ParsedAttribute(DicomTag tag, DicomVR vr, string? privateCreator)
    {
        public DicomTag Tag { get; } = tag;
        public DicomVR VR { get; } = vr;
        public string? PrivateCreator { get; } = privateCreator;

        /// <summary>A Private Creator element itself: (gggg,0010-00FF) with no privateCreator of its own.</summary>
        public bool IsPrivateCreator => Tag.IsPrivateCreator && PrivateCreator is null;
        public List<string?>? Values { get; set; }
        public List<DicomDataset?>? Items { get; set; }
        public byte[]? Binary { get; set; }
        public string? Uri { get; set; }
    }
}
