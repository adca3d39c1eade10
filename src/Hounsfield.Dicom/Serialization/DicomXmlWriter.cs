using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Xml;

namespace Hounsfield.Dicom.Serialization;

/// <summary>
/// Streams data sets as Native DICOM Model documents (PS3.19 A.1) to an <see cref="XmlWriter"/>:
/// one DicomAttribute per element with its tag, VR, keyword and (for private data elements)
/// privateCreator, numbered Value, PersonName and Item children, InlineBinary or BulkData.
/// </summary>
internal sealed class DicomXmlWriter(XmlWriter xml, DicomXmlOptions options)
{
    public const string Namespace = "http://dicom.nema.org/PS3.19/models/NativeDICOM";
    private const int ChunkSize = 48 * 1024;
    private byte[]? _chunk;

    public void WriteDocument(DicomDataset dataset)
    {
        if (xml.WriteState == WriteState.Start) xml.WriteStartDocument();
        xml.WriteStartElement("NativeDicomModel", Namespace);
        xml.WriteAttributeString("xml", "space", null, "preserve");
        WriteDataset(dataset);
        xml.WriteEndElement();
    }

    private void WriteDataset(DicomDataset dataset)
    {
        foreach (var element in dataset)
        {
            if (element.Tag.IsGroupLength) continue;
            WriteAttribute(element);
        }
    }

    private void WriteAttribute(in DicomElement element)
    {
        var tag = element.Tag;
        // A.1.5: a private data element is "gggg00ee" with its creator named; the block is not sent.
        var creator = tag.PrivateCreatorTag is { } creatorTag ? element.Owner.GetString(creatorTag) : null;
        if (string.IsNullOrEmpty(creator)) creator = null;
        var vr = element.Kind == DicomValueKind.Sequence ? DicomVR.SQ : element.VR;
        if (!DicomVRExtensions.IsKnown(vr)) vr = DicomVR.UN;
        xml.WriteStartElement("DicomAttribute", Namespace);
        xml.WriteAttributeString("tag", TagText.Format(creator is null ? tag : new DicomTag(tag.Group, (ushort)(tag.Element & 0xFF))));
        xml.WriteAttributeString("vr", vr.ToString());
        if (!tag.IsPrivateCreator && element.DictionaryEntry?.Keyword is { Length: > 0 } keyword) xml.WriteAttributeString("keyword", keyword);
        if (creator is not null) xml.WriteAttributeString("privateCreator", XmlText.Clean(creator));
        if (BulkDataPolicy.UriFor(element, options.BulkData) is { } uri)
        {
            xml.WriteStartElement("BulkData", Namespace);
            if (uri.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase)) xml.WriteAttributeString("uuid", uri["urn:uuid:".Length..]);
            else xml.WriteAttributeString("uri", uri);
            xml.WriteEndElement();
        }
        else
        {
            switch (element.Kind)
            {
                case DicomValueKind.Sequence:
                    WriteItems(element.Sequence!);
                    break;
                case DicomValueKind.Fragments:
                    xml.WriteStartElement("InlineBinary", Namespace);
                    EncapsulatedValueField.Write(element.Fragments!, _chunk ??= new byte[ChunkSize], (buffer, count) => xml.WriteBase64(buffer, 0, count));
                    xml.WriteEndElement();
                    break;
                case DicomValueKind.Bulk when vr.IsBulkCapable():
                    WriteBulkBinary(element.BulkData!);
                    break;
                case DicomValueKind.Bulk:
                    WriteValue(element.BulkData!.ReadAllBytes(), vr, element);
                    break;
                default:
                    WriteValue(element.Memory, vr, element);
                    break;
            }
        }
        xml.WriteEndElement();
    }

    private void WriteValue(ReadOnlyMemory<byte> memory, DicomVR vr, in DicomElement element)
    {
        var bytes = memory.Span;
        if (bytes.IsEmpty) return;
        switch (vr)
        {
            case DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.OW or DicomVR.UN:
                xml.WriteStartElement("InlineBinary", Namespace);
                var segment = MemoryMarshal.TryGetArray(memory, out var array) ? array : new ArraySegment<byte>(memory.ToArray());
                xml.WriteBase64(segment.Array!, segment.Offset, segment.Count);
                xml.WriteEndElement();
                return;
            case DicomVR.SQ:
                return;
            case DicomVR.PN:
                WritePersonNames(DicomValueDecoder.GetTexts(bytes, vr, element.Owner.CharacterSet));
                return;
            case DicomVR.AT:
                for (int i = 0, n = 1; i + 4 <= bytes.Length; i += 4, n++)
                    WriteValueElement(n, TagText.Format(new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(bytes[i..]), BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i + 2)..]))));
                return;
        }
        if (vr.IsString())
        {
            var values = DicomValueDecoder.GetTexts(bytes, vr, element.Owner.CharacterSet);
            for (var i = 0; i < values.Length; i++) WriteValueElement(i + 1, values[i]);
            return;
        }
        var size = vr.ValueSize();
        if (size == 0) return;
        for (int i = 0, n = 1; i + size <= bytes.Length; i += size, n++) WriteValueElement(n, FormatNumber(bytes[i..], vr));
    }

    private void WriteValueElement(int number, string text)
    {
        xml.WriteStartElement("Value", Namespace);
        xml.WriteAttributeString("number", number.ToString(CultureInfo.InvariantCulture));
        if (text.Length > 0) xml.WriteString(XmlText.Clean(text));
        xml.WriteEndElement();
    }

    private void WritePersonNames(string[] values)
    {
        Span<string> groups = new string[3];
        Span<string> components = new string[5];
        for (var i = 0; i < values.Length; i++)
        {
            xml.WriteStartElement("PersonName", Namespace);
            xml.WriteAttributeString("number", (i + 1).ToString(CultureInfo.InvariantCulture));
            PersonNameText.SplitGroups(values[i], groups);
            for (var g = 0; g < 3; g++)
            {
                if (groups[g].Length == 0) continue;
                xml.WriteStartElement(PersonNameText.GroupNames[g], Namespace);
                PersonNameText.SplitComponents(groups[g], components);
                for (var c = 0; c < 5; c++)
                {
                    if (components[c].Length == 0) continue;
                    xml.WriteElementString(PersonNameText.ComponentNames[c], Namespace, XmlText.Clean(components[c]));
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
    }

    private void WriteItems(DicomSequence items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            xml.WriteStartElement("Item", Namespace);
            xml.WriteAttributeString("number", (i + 1).ToString(CultureInfo.InvariantCulture));
            WriteDataset(items[i]);
            xml.WriteEndElement();
        }
    }

    private void WriteBulkBinary(DicomBulkData bulk)
    {
        if (bulk.Length == 0) return;
        xml.WriteStartElement("InlineBinary", Namespace);
        var chunk = _chunk ??= new byte[ChunkSize];
        for (long done = 0; done < bulk.Length;)
        {
            var n = (int)Math.Min(chunk.Length, bulk.Length - done);
            bulk.Read(done, chunk.AsSpan(0, n));
            xml.WriteBase64(chunk, 0, n);
            done += n;
        }
        xml.WriteEndElement();
    }

    // Numbers in their shortest round-trip form; non-finite floats in the xsd:double spelling.
    private static string FormatNumber(ReadOnlySpan<byte> value, DicomVR vr)
    {
        var invariant = CultureInfo.InvariantCulture;
        return vr switch
        {
            DicomVR.US => BinaryPrimitives.ReadUInt16LittleEndian(value).ToString(invariant),
            DicomVR.SS => BinaryPrimitives.ReadInt16LittleEndian(value).ToString(invariant),
            DicomVR.UL => BinaryPrimitives.ReadUInt32LittleEndian(value).ToString(invariant),
            DicomVR.SL => BinaryPrimitives.ReadInt32LittleEndian(value).ToString(invariant),
            DicomVR.SV => BinaryPrimitives.ReadInt64LittleEndian(value).ToString(invariant),
            DicomVR.UV => BinaryPrimitives.ReadUInt64LittleEndian(value).ToString(invariant),
            DicomVR.FL => FormatFloat(BinaryPrimitives.ReadSingleLittleEndian(value)),
            DicomVR.FD => FormatFloat(BinaryPrimitives.ReadDoubleLittleEndian(value)),
            _ => "",
        };
    }

    private static string FormatFloat(float value) =>
        float.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : FormatNonFinite(value);

    private static string FormatFloat(double value) =>
        double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : FormatNonFinite(value);

    private static string FormatNonFinite(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "INF" : "-INF";
}
