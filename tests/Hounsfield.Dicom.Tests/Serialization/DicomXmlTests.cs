using System.Xml.Linq;
using Hounsfield.Dicom.Serialization;

namespace Hounsfield.Dicom.Tests.Serialization;

public class DicomXmlTests
{
    private static readonly XNamespace Ns = DicomXml.Namespace;

    private static XElement Attribute(DicomDataset ds, string tag, DicomXmlOptions? options = null) =>
        XDocument.Parse(DicomXml.Serialize(ds, options)).Root!.Elements(Ns + "DicomAttribute").Single(a => (string?)a.Attribute("tag") == tag);

    [Fact]
    public void Writes_the_native_DICOM_model_root_and_attribute_identification()
    {
        var ds = new DicomDataset().Set(DicomTag.PatientID, "123");
        var doc = XDocument.Parse(DicomXml.Serialize(ds));
        Assert.Equal(Ns + "NativeDicomModel", doc.Root!.Name);
        Assert.Equal("preserve", (string?)doc.Root.Attribute(XNamespace.Xml + "space"));
        var attribute = doc.Root.Element(Ns + "DicomAttribute")!;
        Assert.Equal(["tag", "vr", "keyword"], attribute.Attributes().Select(a => a.Name.LocalName));
        Assert.Equal("00100020", (string?)attribute.Attribute("tag"));
        Assert.Equal("LO", (string?)attribute.Attribute("vr"));
        Assert.Equal("PatientID", (string?)attribute.Attribute("keyword"));
        Assert.Equal("123", (string?)attribute.Element(Ns + "Value"));
        Assert.Equal("1", (string?)attribute.Element(Ns + "Value")!.Attribute("number"));
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", DicomXml.Serialize(ds));
    }

    [Fact]
    public void Writes_private_data_elements_as_gggg00ee_with_their_creator()
    {
        var ds = new DicomDataset();
        ds.Set(new DicomTag(0x0029, 0x0010), DicomVR.LO, "OTHER");
        var tag = ds.GetPrivateTag(0x0029, "ACME 1.1", 0x01);
        ds.Set(tag, DicomVR.LO, "private");
        Assert.Equal(new DicomTag(0x0029, 0x1101), tag);
        var creator = Attribute(ds, "00290011");
        Assert.Null(creator.Attribute("keyword"));
        Assert.Null(creator.Attribute("privateCreator"));
        var element = Attribute(ds, "00290001");
        Assert.Equal("ACME 1.1", (string?)element.Attribute("privateCreator"));
        Assert.Equal("private", (string?)element.Element(Ns + "Value"));

        var back = DicomXml.Deserialize(DicomXml.Serialize(ds));
        DatasetAssert.Equal(ds, back);
    }

    [Fact]
    public void Finds_the_creator_block_whatever_the_document_order()
    {
        // The creator of block 0x11 comes after the element that needs it, and block 0x10 is someone else's.
        const string xml = """
            <NativeDicomModel>
              <DicomAttribute tag="00290001" vr="LO" privateCreator="ACME 1.1"><Value number="1">mine</Value></DicomAttribute>
              <DicomAttribute tag="00290010" vr="LO"><Value number="1">OTHER</Value></DicomAttribute>
              <DicomAttribute tag="00290011" vr="LO"><Value number="1">ACME 1.1</Value></DicomAttribute>
            </NativeDicomModel>
            """;
        var ds = DicomXml.Deserialize(xml);
        Assert.Equal("mine", ds.GetString(new DicomTag(0x0029, 0x1101)));
        Assert.Equal(3, ds.Count);
    }

    [Fact]
    public void Writes_person_names_component_by_component()
    {
        var ds = new DicomDataset().Set(DicomTag.SpecificCharacterSet, "ISO_IR 192").Set(DicomTag.PatientName, "Yamada^Tarou=山田^太郎=やまだ^たろう", "", "^Bob^^Dr.");
        var names = Attribute(ds, "00100010").Elements(Ns + "PersonName").ToList();
        Assert.Equal(["1", "2", "3"], names.Select(n => (string?)n.Attribute("number")));
        Assert.Equal(["Alphabetic", "Ideographic", "Phonetic"], names[0].Elements().Select(e => e.Name.LocalName));
        Assert.Equal("Tarou", (string?)names[0].Element(Ns + "Alphabetic")!.Element(Ns + "GivenName"));
        Assert.Equal("太郎", (string?)names[0].Element(Ns + "Ideographic")!.Element(Ns + "GivenName"));
        Assert.Empty(names[1].Elements());
        Assert.Equal(["GivenName", "NamePrefix"], names[2].Element(Ns + "Alphabetic")!.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(["Yamada^Tarou=山田^太郎=やまだ^たろう", "", "^Bob^^Dr."], DicomXml.Deserialize(DicomXml.Serialize(ds)).GetStrings(DicomTag.PatientName));
    }

    [Fact]
    public void Writes_numbers_tags_and_floats_in_their_text_forms()
    {
        var ds = new DicomDataset()
            .Set(DicomTag.DimensionIndexPointer, DicomTag.ImagePositionPatient)
            .Set(new DicomTag(0x0011, 0x1001), DicomVR.FL, 0.1f, float.NaN, float.NegativeInfinity)
            .Set(new DicomTag(0x0011, 0x1002), DicomVR.UV, ulong.MaxValue)
            .Set(DicomTag.ImagePositionPatient, DicomVR.DS, "+.5", "1.50");
        Assert.Equal("00200032", (string?)Attribute(ds, "00209165").Element(Ns + "Value"));
        Assert.Equal(["0.1", "NaN", "-INF"], Attribute(ds, "00111001").Elements(Ns + "Value").Select(v => v.Value));
        Assert.Equal("18446744073709551615", (string?)Attribute(ds, "00111002").Element(Ns + "Value"));
        Assert.Equal(["+.5", "1.50"], Attribute(ds, "00200032").Elements(Ns + "Value").Select(v => v.Value));
    }

    [Fact]
    public void Writes_binary_values_inline_or_by_reference()
    {
        var ds = new DicomDataset().SetBytes(DicomTag.PixelData, DicomVR.OW, [1, 0, 2, 0]).SetBytes(new DicomTag(0x0011, 0x1001), DicomVR.UN, [1, 2]);
        Assert.Equal("AQACAA==", (string?)Attribute(ds, "7FE00010").Element(Ns + "InlineBinary"));
        var options = new DicomXmlOptions { BulkData = new DicomBulkDataOptions { Threshold = 2, UriFor = e => "urn:uuid:6c4f2c3a-6b7e-4b7e-9a7e-000000000001" } };
        var bulk = Attribute(ds, "7FE00010", options).Element(Ns + "BulkData")!;
        Assert.Equal("6c4f2c3a-6b7e-4b7e-9a7e-000000000001", (string?)bulk.Attribute("uuid"));
        Assert.Equal("AQI=", (string?)Attribute(ds, "00111001", options).Element(Ns + "InlineBinary"));
    }

    [Fact]
    public void Reads_DCMTK_style_documents_without_namespace_and_with_uuid_references()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <NativeDicomModel xml:space="preserve">
            <DicomAttribute tag="00080005" vr="CS" keyword="SpecificCharacterSet">
            <Value number="1">ISO_IR 192</Value>
            </DicomAttribute>
            <DicomAttribute tag="00280010" vr="US" keyword="Rows">
            <Value number="1">2</Value>
            </DicomAttribute>
            <DicomAttribute tag="7FE00010" vr="OW" keyword="PixelData">
            <BulkData uuid="ef4640d2-e7d6-01f1-8bb0-32821da284b7"/>
            </DicomAttribute>
            </NativeDicomModel>
            """;
        var ds = DicomXml.Deserialize(xml);
        Assert.Equal((ushort)2, ds.GetValue<ushort>(DicomTag.Rows));
        Assert.Equal("urn:uuid:ef4640d2-e7d6-01f1-8bb0-32821da284b7", Assert.IsType<DicomBulkDataUriSource>(ds[DicomTag.PixelData].BulkData!.Source).Uri);
        Assert.Contains("<BulkData uuid=\"ef4640d2-e7d6-01f1-8bb0-32821da284b7\" />", DicomXml.Serialize(ds));
    }

    [Fact]
    public void Places_values_and_items_by_their_number()
    {
        const string xml = """
            <NativeDicomModel>
              <DicomAttribute tag="00080008" vr="CS"><Value number="3">C</Value><Value number="1">A</Value></DicomAttribute>
              <DicomAttribute tag="00081140" vr="SQ"><Item number="2"><DicomAttribute tag="00081155" vr="UI"><Value number="1">1.2</Value></DicomAttribute></Item><Item number="1"/></DicomAttribute>
            </NativeDicomModel>
            """;
        var ds = DicomXml.Deserialize(xml);
        Assert.Equal(["A", "", "C"], ds.GetStrings(DicomTag.ImageType));
        var items = ds.GetSequence(DicomTag.ReferencedImageSequence)!;
        Assert.Equal(0, items[0].Count);
        Assert.Equal("1.2", items[1].GetString(DicomTag.ReferencedSOPInstanceUID));
    }

    [Fact]
    public void Keeps_carriage_returns_and_replaces_characters_XML_cannot_carry()
    {
        var ds = new DicomDataset().Set(DicomTag.AdditionalPatientHistory, "a\r\nb\u0001c");
        var xml = DicomXml.Serialize(ds);
        Assert.Contains("a&#xD;\nb\uFFFDc", xml);
        Assert.Equal("a\r\nb\uFFFDc", DicomXml.Deserialize(xml).GetString(DicomTag.AdditionalPatientHistory));
    }

    [Fact]
    public void Refuses_sequences_nested_deeper_than_the_limit()
    {
        var open = string.Concat(Enumerable.Repeat("<DicomAttribute tag=\"00081140\" vr=\"SQ\"><Item number=\"1\">", 10));
        var close = string.Concat(Enumerable.Repeat("</Item></DicomAttribute>", 10));
        var xml = $"<NativeDicomModel>{open}{close}</NativeDicomModel>";
        Assert.NotNull(DicomXml.Deserialize(xml));
        var e = Assert.Throws<DicomFormatException>(() => DicomXml.Deserialize(xml, new DicomXmlOptions { MaxSequenceDepth = 5 }));
        Assert.Contains("deeper than 5", e.Message);
    }

    [Theory]
    [InlineData("<DicomModel/>", "NativeDicomModel")]
    [InlineData("<NativeDicomModel><DicomAttribute tag=\"0010\" vr=\"PN\"/></NativeDicomModel>", "not a tag")]
    [InlineData("<NativeDicomModel><DicomAttribute tag=\"00100010\" vr=\"P\"/></NativeDicomModel>", "not a DICOM VR")]
    [InlineData("<NativeDicomModel><DicomAttribute tag=\"00280010\" vr=\"US\"><Value number=\"1\">x</Value></DicomAttribute></NativeDicomModel>", "'x' is not a valid US value")]
    [InlineData("<NativeDicomModel><DicomAttribute tag=\"7FE00010\" vr=\"OW\"><InlineBinary>***</InlineBinary></DicomAttribute></NativeDicomModel>", "base64")]
    [InlineData("<NativeDicomModel><DicomAttribute", "XML")]
    public void Reports_malformed_input(string xml, string message)
    {
        var e = Assert.Throws<DicomFormatException>(() => DicomXml.Deserialize(xml));
        Assert.Contains(message, e.Message);
    }
}
