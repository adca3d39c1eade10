using System.Text.Json;
using Hounsfield.Dicom.Serialization;

namespace Hounsfield.Dicom.Tests.Serialization;

public class DicomJsonWriterTests
{
    private static string Json(DicomDataset ds, DicomJsonOptions? options = null) => DicomJson.Serialize(ds, options);

    private static JsonElement Attribute(DicomDataset ds, string tag, DicomJsonOptions? options = null) =>
        JsonDocument.Parse(Json(ds, options)).RootElement.GetProperty(tag);

    [Fact]
    public void Names_attributes_by_upper_case_hex_tag_in_tag_order_with_their_vr()
    {
        var ds = new DicomDataset().Set(DicomTag.PatientID, "123").Set(DicomTag.StudyInstanceUID, "1.2.3").Set(DicomTag.SpecificCharacterSet, "ISO_IR 192");
        Assert.Equal("""{"00080005":{"vr":"CS","Value":["ISO_IR 192"]},"00100020":{"vr":"LO","Value":["123"]},"0020000D":{"vr":"UI","Value":["1.2.3"]}}""", Json(ds));
    }

    [Fact]
    public void Leaves_out_Value_for_empty_elements_and_writes_empty_values_as_null()
    {
        var ds = new DicomDataset();
        ds.SetEmpty(DicomTag.PatientBirthDate);
        ds.SetEmpty(DicomTag.ReferencedStudySequence);
        ds.Set(DicomTag.ImageType, "ORIGINAL", "", "AXIAL");
        ds.Set(DicomTag.PatientName, "A^B", "", "C^D");
        ds.SetEmpty(DicomTag.PixelData, DicomVR.OW);
        ds.Set(DicomTag.PatientComments, "   ");
        Assert.Equal("""{"vr":"DA"}""", Attribute(ds, "00100030").GetRawText());
        Assert.Equal("""{"vr":"SQ"}""", Attribute(ds, "00081110").GetRawText());
        Assert.Equal("""["ORIGINAL",null,"AXIAL"]""", Attribute(ds, "00080008").GetProperty("Value").GetRawText());
        Assert.Equal("""[{"Alphabetic":"A^B"},null,{"Alphabetic":"C^D"}]""", Attribute(ds, "00100010").GetProperty("Value").GetRawText());
        Assert.Equal("""{"vr":"OW"}""", Attribute(ds, "7FE00010").GetRawText());
        Assert.Equal("""{"vr":"LT"}""", Attribute(ds, "00104000").GetRawText());
    }

    [Fact]
    public void Writes_person_names_as_objects_of_their_non_empty_component_groups()
    {
        var ds = new DicomDataset().Set(DicomTag.SpecificCharacterSet, "ISO_IR 192")
            .Set(DicomTag.PatientName, "Yamada^Tarou=山田^太郎=やまだ^たろう", "=王^小東", "^Bob^^Dr.");
        Assert.Equal("""[{"Alphabetic":"Yamada^Tarou","Ideographic":"山田^太郎","Phonetic":"やまだ^たろう"},{"Ideographic":"王^小東"},{"Alphabetic":"^Bob^^Dr."}]""",
            Attribute(ds, "00100010").GetProperty("Value").GetRawText());
    }

    [Fact]
    public void Writes_IS_and_DS_as_numbers_exactly_as_stored_and_as_strings_when_not_JSON_numbers()
    {
        var ds = new DicomDataset()
            .Set(DicomTag.ImagePositionPatient, DicomVR.DS, "1.50", "-0", "1e3", "+.5", "5.", "007", " 2 ")
            .Set(DicomTag.InstanceNumber, DicomVR.IS, "+012")
            .Set(DicomTag.SeriesNumber, DicomVR.IS, "42");
        Assert.Equal("""[1.50,-0,1e3,"+.5","5.","007",2]""", Attribute(ds, "00200032").GetProperty("Value").GetRawText());
        Assert.Equal("""["+012"]""", Attribute(ds, "00200013").GetProperty("Value").GetRawText());
        Assert.Equal("""[42]""", Attribute(ds, "00200011").GetProperty("Value").GetRawText());
        var strings = new DicomJsonOptions { NumbersAsStrings = true };
        Assert.Equal("""["42"]""", Attribute(ds, "00200011", strings).GetProperty("Value").GetRawText());
    }

    [Fact]
    public void Indented_output_stays_indented_around_numbers_written_raw()
    {
        var ds = new DicomDataset().Set(DicomTag.ImagePositionPatient, DicomVR.DS, "1e3", "-0", "2");
        var json = Json(ds, new DicomJsonOptions { WriteIndented = true });
        Assert.Contains("\"Value\": [\n      1e3,\n      -0,\n      2\n    ]", json.Replace("\r\n", "\n"));
        JsonDocument.Parse(json);
    }

    [Fact]
    public void Writes_binary_numbers_AT_and_64_bit_integers()
    {
        var ds = new DicomDataset()
            .Set(DicomTag.Rows, (ushort)512)
            .Set(DicomTag.PixelPaddingValue, DicomVR.SS, (short)-2000)
            .Set(DicomTag.SimpleFrameList, 0u, uint.MaxValue)
            .Set(DicomTag.DimensionIndexPointer, DicomTag.ImagePositionPatient, new DicomTag(0x0029, 0x1010))
            .Set(new DicomTag(0x0011, 0x1001), DicomVR.SV, 42L, -9007199254740991L, 9007199254740992L, long.MinValue)
            .Set(new DicomTag(0x0011, 0x1002), DicomVR.UV, 9007199254740991UL, ulong.MaxValue)
            .Set(new DicomTag(0x0011, 0x1003), DicomVR.SL, -5)
            .Set(DicomTag.DiffusionGradientOrientation, 1.5, -0.1, 1e-300);
        Assert.Equal("[512]", Attribute(ds, "00280010").GetProperty("Value").GetRawText());
        Assert.Equal("[-2000]", Attribute(ds, "00280120").GetProperty("Value").GetRawText());
        Assert.Equal("[0,4294967295]", Attribute(ds, "00081161").GetProperty("Value").GetRawText());
        Assert.Equal("""["00200032","00291010"]""", Attribute(ds, "00209165").GetProperty("Value").GetRawText());
        Assert.Equal("""[42,-9007199254740991,"9007199254740992","-9223372036854775808"]""", Attribute(ds, "00111001").GetProperty("Value").GetRawText());
        Assert.Equal("""[9007199254740991,"18446744073709551615"]""", Attribute(ds, "00111002").GetProperty("Value").GetRawText());
        Assert.Equal("[-5]", Attribute(ds, "00111003").GetProperty("Value").GetRawText());
        var fd = Attribute(ds, "00189089").GetProperty("Value");
        Assert.Equal([1.5, -0.1, 1e-300], fd.EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public void Writes_non_finite_floats_as_strings_or_refuses_them()
    {
        var ds = new DicomDataset().Set(new DicomTag(0x0011, 0x1001), DicomVR.FL, 1.5f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0.1f);
        Assert.Equal("""[1.5,"NaN","Infinity","-Infinity",0.1]""", Attribute(ds, "00111001").GetProperty("Value").GetRawText());
        var e = Assert.Throws<InvalidOperationException>(() => Json(ds, new DicomJsonOptions { NonFiniteNumbers = DicomJsonNonFiniteNumbers.Throw }));
        Assert.Contains("(0011,1001)", e.Message);
    }

    [Fact]
    public void Writes_binary_VRs_as_InlineBinary_of_the_little_endian_value()
    {
        var ds = new DicomDataset()
            .SetBytes(DicomTag.PixelData, DicomVR.OW, [1, 0, 2, 0])
            .SetBytes(new DicomTag(0x0011, 0x1001), DicomVR.UN, [0xDE, 0xAD, 0xBE, 0xEF])
            .SetBytes(new DicomTag(0x0011, 0x1002), DicomVR.OB, [1, 2, 3]);
        Assert.Equal("""{"vr":"OW","InlineBinary":"AQACAA=="}""", Attribute(ds, "7FE00010").GetRawText());
        Assert.Equal("""{"vr":"UN","InlineBinary":"3q2+7w=="}""", Attribute(ds, "00111001").GetRawText());
        Assert.Equal("""{"vr":"OB","InlineBinary":"AQID"}""", Attribute(ds, "00111002").GetRawText());
    }

    [Fact]
    public void Writes_sequences_as_arrays_of_objects_with_empty_items_as_empty_objects()
    {
        var ds = new DicomDataset();
        var inner = new DicomDataset().Set(DicomTag.CodeValue, "X");
        var item = new DicomDataset().Set(DicomTag.ReferencedSOPInstanceUID, "1.2");
        item.SetSequence(DicomTag.ConceptNameCodeSequence, inner);
        ds.SetSequence(DicomTag.ReferencedImageSequence, item, new DicomDataset());
        Assert.Equal("""{"vr":"SQ","Value":[{"00081155":{"vr":"UI","Value":["1.2"]},"0040A043":{"vr":"SQ","Value":[{"00080100":{"vr":"SH","Value":["X"]}}]}},{}]}""",
            Attribute(ds, "00081140").GetRawText());
    }

    [Fact]
    public void Keeps_private_tags_and_their_creators_and_leaves_out_group_lengths()
    {
        var ds = new DicomDataset();
        var tag = ds.GetPrivateTag(0x0029, "ACME 1.1", 0x01);
        ds.Set(tag, DicomVR.LO, "private");
        ds.Set(new DicomTag(0x0010, 0x0000), DicomVR.UL, 12u);
        Assert.Equal("""{"00290010":{"vr":"LO","Value":["ACME 1.1"]},"00291001":{"vr":"LO","Value":["private"]}}""", Json(ds));
    }

    [Fact]
    public void Decodes_text_with_the_data_sets_character_set_and_keeps_0008_0005()
    {
        var ds = new DicomDataset().Set(DicomTag.SpecificCharacterSet, "ISO_IR 100");
        ds.SetBytes(DicomTag.PatientName, DicomVR.PN, System.Text.Encoding.Latin1.GetBytes("M\u00fcller^J\u00fcrgen"));
        var json = Json(ds);
        Assert.Contains("\"ISO_IR 100\"", json);
        Assert.Contains("\"Müller^Jürgen\"", json);
    }

    [Fact]
    public void Writes_bulk_data_URIs_for_long_values_the_callback_names()
    {
        var ds = new DicomDataset()
            .SetBytes(DicomTag.PixelData, DicomVR.OW, new byte[100])
            .SetBytes(DicomTag.RedPaletteColorLookupTableData, DicomVR.OW, new byte[10])
            .Set(DicomTag.PatientName, "Long^Name^Is^Not^Referenced");
        var options = new DicomJsonOptions
        {
            BulkData = new DicomBulkDataOptions { Threshold = 16, UriFor = e => $"https://pacs.example/bulk/{e.Tag.Value:X8}" },
        };
        Assert.Equal("""{"vr":"OW","BulkDataURI":"https://pacs.example/bulk/7FE00010"}""", Attribute(ds, "7FE00010", options).GetRawText());
        Assert.Equal("""{"vr":"OW","InlineBinary":"AAAAAAAAAAAAAA=="}""", Attribute(ds, "00281201", options).GetRawText());
        Assert.Equal("Long^Name^Is^Not^Referenced", Attribute(ds, "00100010", options).GetProperty("Value")[0].GetProperty("Alphabetic").GetString());
        var declining = new DicomJsonOptions { BulkData = new DicomBulkDataOptions { Threshold = 16, UriFor = _ => null } };
        Assert.True(Attribute(ds, "7FE00010", declining).TryGetProperty("InlineBinary", out _));
    }

    [Fact]
    public void Writes_encapsulated_pixel_data_as_the_base64_of_its_item_encoded_value_field()
    {
        var fragments = new DicomFragments([0u]) { new DicomFragment(new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 }), new DicomFragment(new byte[] { 1, 2, 3 }) };
        var ds = new DicomDataset().Set(DicomTag.PixelData, fragments);
        var bytes = Attribute(ds, "7FE00010").GetProperty("InlineBinary").GetBytesFromBase64();
        byte[] expected =
        [
            0xFE, 0xFF, 0x00, 0xE0, 4, 0, 0, 0, 0, 0, 0, 0,
            0xFE, 0xFF, 0x00, 0xE0, 4, 0, 0, 0, 0xFF, 0xD8, 0xFF, 0xD9,
            0xFE, 0xFF, 0x00, 0xE0, 4, 0, 0, 0, 1, 2, 3, 0,
            0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0,
        ];
        Assert.Equal(expected, bytes);
        Assert.Equal("OB", Attribute(ds, "7FE00010").GetProperty("vr").GetString());
    }

    [Fact]
    public void Writes_arrays_of_data_sets_for_query_responses()
    {
        var json = DicomJson.Serialize([new DicomDataset().Set(DicomTag.StudyInstanceUID, "1.2"), new DicomDataset().Set(DicomTag.StudyInstanceUID, "1.3")]);
        Assert.Equal("""[{"0020000D":{"vr":"UI","Value":["1.2"]}},{"0020000D":{"vr":"UI","Value":["1.3"]}}]""", json);
    }

    [Fact]
    public void Streams_to_a_stream_the_same_text_as_Serialize()
    {
        var ds = SampleDatasets.EveryVR();
        using var stream = new MemoryStream();
        DicomJson.Write(stream, ds, new DicomJsonOptions { WriteIndented = true });
        Assert.Equal(DicomJson.Serialize(ds, new DicomJsonOptions { WriteIndented = true }), System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        JsonDocument.Parse(stream.ToArray());
    }
}
