using System.Text;
using Hounsfield.Dicom.Serialization;

namespace Hounsfield.Dicom.Tests.Serialization;

public class DicomJsonReaderTests
{
    [Fact]
    public void Reads_values_of_each_JSON_type()
    {
        var ds = DicomJson.Deserialize("""
            {
              "00080008": { "vr": "CS", "Value": ["ORIGINAL", null, "AXIAL"] },
              "00200032": { "vr": "DS", "Value": [1.50, "+.5", -0, 1e3] },
              "00200013": { "vr": "IS", "Value": ["+012"] },
              "00200011": { "vr": "IS", "Value": [7] },
              "00280010": { "vr": "US", "Value": [512] },
              "00280120": { "vr": "SS", "Value": [-2000] },
              "00081161": { "vr": "UL", "Value": [4294967295, "7"] },
              "00209165": { "vr": "AT", "Value": ["00200032", "7fe00010"] },
              "00189089": { "vr": "FD", "Value": [1.5, "NaN", "-Infinity", "INF"] },
              "00111001": { "vr": "SV", "Value": ["-9223372036854775808", 42] },
              "00111002": { "vr": "UV", "Value": ["18446744073709551615", 2.0] },
              "00111003": { "vr": "FL", "Value": [0.1] }
            }
            """);
        Assert.Equal(["ORIGINAL", "", "AXIAL"], ds.GetStrings(DicomTag.ImageType));
        Assert.Equal(@"1.50\+.5\-0\1e3", ds.GetString(DicomTag.ImagePositionPatient));
        Assert.Equal("+012", ds.GetString(DicomTag.InstanceNumber));
        Assert.Equal(7, ds.GetValue<int>(DicomTag.SeriesNumber));
        Assert.Equal((ushort)512, ds.GetValue<ushort>(DicomTag.Rows));
        Assert.Equal((short)-2000, ds.GetValue<short>(DicomTag.PixelPaddingValue));
        Assert.Equal([uint.MaxValue, 7u], ds.GetValues<uint>(DicomTag.SimpleFrameList));
        Assert.Equal([DicomTag.ImagePositionPatient, DicomTag.PixelData], ds.GetValues<DicomTag>(DicomTag.DimensionIndexPointer));
        var fd = ds.GetValues<double>(DicomTag.DiffusionGradientOrientation);
        Assert.Equal(1.5, fd[0]);
        Assert.True(double.IsNaN(fd[1]));
        Assert.Equal(double.NegativeInfinity, fd[2]);
        Assert.Equal(double.PositiveInfinity, fd[3]);
        Assert.Equal(long.MinValue, ds.GetValue<long>(new DicomTag(0x0011, 0x1001)));
        Assert.Equal(42L, ds.GetValue<long>(new DicomTag(0x0011, 0x1001), 1));
        Assert.Equal(ulong.MaxValue, ds.GetValue<ulong>(new DicomTag(0x0011, 0x1002)));
        Assert.Equal(2UL, ds.GetValue<ulong>(new DicomTag(0x0011, 0x1002), 1));
        Assert.Equal(0.1f, ds.GetValue<float>(new DicomTag(0x0011, 0x1003)));
    }

    [Fact]
    public void Keeps_number_text_but_fits_DS_to_16_bytes_and_IS_to_integers()
    {
        var ds = DicomJson.Deserialize("""
            { "00281050": { "vr": "DS", "Value": [0.30000000000000004, 1.250] }, "00200013": { "vr": "IS", "Value": [4.0, 1e2, -7] } }
            """);
        Assert.Equal(["0.3", "1.250"], ds.GetStrings(DicomTag.WindowCenter));
        Assert.Equal(["4", "100", "-7"], ds.GetStrings(DicomTag.InstanceNumber));
    }

    [Fact]
    public void Reads_empty_elements_and_pads_values_to_even_length()
    {
        var ds = DicomJson.Deserialize("""
            { "00100030": { "vr": "DA" }, "00081110": { "vr": "SQ" }, "00100010": { "vr": "PN", "Value": [] },
              "0020000D": { "vr": "UI", "Value": ["1.2.3"] }, "00100020": { "vr": "LO", "Value": ["ABC"] } }
            """);
        Assert.Equal(0, ds[DicomTag.PatientBirthDate].Length);
        Assert.Equal(DicomValueKind.Sequence, ds[DicomTag.ReferencedStudySequence].Kind);
        Assert.Empty(ds.GetSequence(DicomTag.ReferencedStudySequence)!);
        Assert.Equal(0, ds[DicomTag.PatientName].Length);
        Assert.Equal("1.2.3\0"u8.ToArray(), ds.GetBytes(DicomTag.StudyInstanceUID).ToArray());
        Assert.Equal("ABC "u8.ToArray(), ds.GetBytes(DicomTag.PatientID).ToArray());
    }

    [Fact]
    public void Reads_attributes_whose_members_come_in_any_order()
    {
        var ds = DicomJson.Deserialize("""
            { "00280010": { "Value": [7], "vr": "US" },
              "00081140": { "Value": [ { "00081155": { "Value": ["1.2"], "vr": "UI" } }, {} ], "vr": "SQ" },
              "00100010": { "Value": [ { "Phonetic": "P", "Alphabetic": "A" } ], "vr": "PN" } }
            """);
        Assert.Equal((ushort)7, ds.GetValue<ushort>(DicomTag.Rows));
        var items = ds.GetSequence(DicomTag.ReferencedImageSequence)!;
        Assert.Equal(2, items.Count);
        Assert.Equal("1.2", items[0].GetString(DicomTag.ReferencedSOPInstanceUID));
        Assert.Equal(0, items[1].Count);
        Assert.Equal("A==P", ds.GetString(DicomTag.PatientName));
    }

    [Fact]
    public void Takes_the_dictionary_VR_when_vr_is_missing()
    {
        var ds = DicomJson.Deserialize("""{ "00280010": { "Value": [7] }, "00291001": { "InlineBinary": "AQI=" } }""");
        Assert.Equal(DicomVR.US, ds[DicomTag.Rows].VR);
        Assert.Equal(DicomVR.UN, ds[new DicomTag(0x0029, 0x1001)].VR);
    }

    [Fact]
    public void Reads_person_name_groups()
    {
        var ds = DicomJson.Deserialize("""
            { "00100010": { "vr": "PN", "Value": [ { "Alphabetic": "Yamada^Tarou", "Ideographic": "山田^太郎", "Phonetic": "やまだ^たろう" },
                                                   null, { "Ideographic": "王^小東" }, { "Alphabetic": "A", "Phonetic": "P" }, {} ] } }
            """);
        Assert.Equal(["Yamada^Tarou=山田^太郎=やまだ^たろう", "", "=王^小東", "A==P", ""], ds.GetStrings(DicomTag.PatientName));
    }

    [Fact]
    public void Keeps_the_declared_character_set_when_the_text_fits_it()
    {
        var ds = DicomJson.Deserialize("""
            { "00080005": { "vr": "CS", "Value": ["ISO_IR 100"] }, "00100010": { "vr": "PN", "Value": [ { "Alphabetic": "Müller^Jürgen" } ] } }
            """);
        Assert.Equal("ISO_IR 100", ds.GetString(DicomTag.SpecificCharacterSet));
        Assert.Equal(Encoding.Latin1.GetBytes("Müller^Jürgen "), ds.GetBytes(DicomTag.PatientName).ToArray());
        Assert.Equal("Müller^Jürgen", ds.GetString(DicomTag.PatientName));
    }

    [Fact]
    public void Switches_to_UTF8_when_the_text_does_not_fit_the_declared_or_default_character_set()
    {
        var undeclared = DicomJson.Deserialize("""{ "00100010": { "vr": "PN", "Value": [ { "Alphabetic": "Müller" } ] }, "00100020": { "vr": "LO", "Value": ["ascii"] } }""");
        Assert.Equal("ISO_IR 192", undeclared.GetString(DicomTag.SpecificCharacterSet));
        Assert.Equal("Müller"u8.ToArray(), undeclared.GetBytes(DicomTag.PatientName).ToArray()[..7]);

        var latin1 = DicomJson.Deserialize("""
            { "00080005": { "vr": "CS", "Value": ["ISO_IR 100"] }, "00100010": { "vr": "PN", "Value": [ { "Alphabetic": "Wang", "Ideographic": "王" } ] },
              "00081140": { "vr": "SQ", "Value": [ { "00080005": { "vr": "CS", "Value": ["ISO_IR 100"] }, "00080080": { "vr": "LO", "Value": ["Ärztehaus"] } } ] } }
            """);
        Assert.Equal("ISO_IR 192", latin1.GetString(DicomTag.SpecificCharacterSet));
        Assert.Equal("Wang=王", latin1.GetString(DicomTag.PatientName));
        var item = latin1.GetSequence(DicomTag.ReferencedImageSequence)![0];
        Assert.Equal("ISO_IR 192", item.GetString(DicomTag.SpecificCharacterSet));
        Assert.Equal("Ärztehaus", item.GetString(DicomTag.InstitutionName));

        var ascii = DicomJson.Deserialize("""{ "00100010": { "vr": "PN", "Value": [ { "Alphabetic": "Doe^John" } ] } }""");
        Assert.False(ascii.Contains(DicomTag.SpecificCharacterSet));
    }

    [Fact]
    public void Encodes_item_text_with_the_character_set_the_item_inherits()
    {
        var ds = DicomJson.Deserialize("""
            { "00081140": { "vr": "SQ", "Value": [ { "00080080": { "vr": "LO", "Value": ["Ärztehaus"] } } ] },
              "00080005": { "vr": "CS", "Value": ["ISO_IR 100"] } }
            """);
        var item = ds.GetSequence(DicomTag.ReferencedImageSequence)![0];
        Assert.Equal("ISO_IR 100", ds.GetString(DicomTag.SpecificCharacterSet));
        Assert.Equal(Encoding.Latin1.GetBytes("Ärztehaus "), item.GetBytes(DicomTag.InstitutionName).ToArray());
    }

    [Fact]
    public void Reads_InlineBinary_and_turns_item_encoded_pixel_data_back_into_fragments()
    {
        byte[] field =
        [
            0xFE, 0xFF, 0x00, 0xE0, 4, 0, 0, 0, 0, 0, 0, 0,
            0xFE, 0xFF, 0x00, 0xE0, 4, 0, 0, 0, 0xFF, 0xD8, 0xFF, 0xD9,
            0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0,
        ];
        var ds = DicomJson.Deserialize($$"""{ "7FE00010": { "vr": "OB", "InlineBinary": "{{Convert.ToBase64String(field)}}" }, "00111001": { "vr": "OB", "InlineBinary": "{{Convert.ToBase64String(field)}}" } }""");
        var fragments = ds.GetFragments(DicomTag.PixelData)!;
        Assert.Equal([0u], fragments.BasicOffsetTable);
        Assert.Single(fragments);
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 }, fragments[0].GetBytes().ToArray());
        Assert.Equal(field, ds.GetBytes(new DicomTag(0x0011, 0x1001)).ToArray());

        var native = DicomJson.Deserialize("""{ "7FE00010": { "vr": "OB", "InlineBinary": "/v8A4AQAAAA=" } }""");
        Assert.Equal(DicomValueKind.Inline, native[DicomTag.PixelData].Kind);
    }

    [Fact]
    public void Leaves_an_unresolved_bulk_data_URI_as_a_marker_that_writes_back_unchanged()
    {
        const string json = """{"7FE00010":{"vr":"OW","BulkDataURI":"https://pacs.example/studies/1/bulk/7FE00010"}}""";
        var ds = DicomJson.Deserialize(json);
        var bulk = ds[DicomTag.PixelData].BulkData!;
        var source = Assert.IsType<DicomBulkDataUriSource>(bulk.Source);
        Assert.Equal("https://pacs.example/studies/1/bulk/7FE00010", source.Uri);
        Assert.False(source.CanRead);
        var e = Assert.Throws<InvalidOperationException>(() => ds.GetBytes(DicomTag.PixelData));
        Assert.Contains("https://pacs.example/studies/1/bulk/7FE00010", e.Message);
        Assert.Equal(json, DicomJson.Serialize(ds));
        Assert.Contains("""<BulkData uri="https://pacs.example/studies/1/bulk/7FE00010" />""", DicomXml.Serialize(ds));
    }

    [Fact]
    public void Resolves_bulk_data_URIs_through_the_callers_resolver()
    {
        var payload = new byte[] { 1, 0, 2, 0, 3, 0 };
        DicomBulkDataReference? seen = null;
        var options = new DicomJsonOptions
        {
            BulkData = new DicomBulkDataOptions
            {
                Resolver = reference =>
                {
                    seen = reference;
                    return new DicomBulkData(new DicomBulkDataUriSource(reference.Uri, _ => new MemoryStream(payload)), 0, payload.Length);
                },
            },
        };
        var ds = DicomJson.Deserialize("""{"00281201":{"vr":"OW","BulkDataURI":"bulk/1"}}""", options);
        Assert.Equal(new DicomBulkDataReference("bulk/1", DicomTag.RedPaletteColorLookupTableData, DicomVR.OW), seen);
        Assert.Equal(payload, ds.GetBytes(DicomTag.RedPaletteColorLookupTableData).ToArray());
    }

    [Fact]
    public void Reads_arrays_and_refuses_them_where_one_object_is_expected()
    {
        Assert.Equal(2, DicomJson.DeserializeMany("""[ {}, { "00100020": { "vr": "LO", "Value": ["1"] } } ]""").Count);
        Assert.Single(DicomJson.DeserializeMany("""{}"""));
        var e = Assert.Throws<DicomFormatException>(() => DicomJson.Deserialize("[{}]"));
        Assert.Contains("ReadMany", e.Message);
    }

    [Theory]
    [InlineData("""{ "PatientName": { "vr": "PN" } }""", "not a tag")]
    [InlineData("""{ "00100010": { "vr": "XX" } }""", "not a DICOM VR")]
    [InlineData("""{ "00280010": { "vr": "US", "Value": ["big"] } }""", "'big' is not a valid US value")]
    [InlineData("""{ "00280010": { "vr": "US", "Value": [65536] } }""", "'65536' is not a valid US value")]
    [InlineData("""{ "00280010": { "vr": "US", "Value": [null] } }""", "empty value")]
    [InlineData("""{ "7FE00010": { "vr": "OW", "InlineBinary": "***" } }""", "base64")]
    [InlineData("""{ "7FE00010": { "vr": "OW", "Value": [1] } }""", "InlineBinary")]
    [InlineData("""{ "00100010": { "vr": "PN", "Value": "A" } }""", "must be an array")]
    [InlineData("""{ "00100010": """, "JSON")]
    [InlineData("""42""", "object or an array")]
    public void Reports_malformed_input(string json, string message)
    {
        var e = Assert.Throws<DicomFormatException>(() => DicomJson.Deserialize(json));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Reads_from_streams_with_a_byte_order_mark()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{"00100020":{"vr":"LO","Value":["X"]}}""")).ToArray();
        Assert.Equal("X", DicomJson.Read(new MemoryStream(bytes)).GetString(DicomTag.PatientID));
    }
}
