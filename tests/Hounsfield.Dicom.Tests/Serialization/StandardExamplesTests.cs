using Hounsfield.Dicom.Serialization;

namespace Hounsfield.Dicom.Tests.Serialization;

/// <summary>The examples the standard itself gives, parsed by our readers.</summary>
public class StandardExamplesTests
{
    // PS3.18 F.4, "DICOM JSON Model Example": a QIDO-RS SearchForStudies response of two studies.
    // As published it has JavaScript comments, gives InlineBinary as an array and, in the HTML,
    // wraps the Retrieve URL across lines; the wrapped string is joined here, the rest is verbatim.
    private const string F4Example = """
        // The following example is a QIDO-RS SearchForStudies response consisting
        // of two matching studies, corresponding to the example QIDO-RS request:
        // GET http://qido.nema.org/studies?PatientID=12345&includefield=all&limit=2
        [
            {   // Result 1
                "00080005": { "vr": "CS", "Value": [ "ISO_IR 192" ] },
                "00080020": { "vr": "DT", "Value": [ "20130409" ] },
                "00080030": { "vr": "TM", "Value": [ "131600.0000" ] },
                "00080050": { "vr": "SH", "Value": [ "11235813" ] },
                "00080056": { "vr": "CS", "Value": [ "ONLINE" ] },
                "00080061": { "vr": "CS", "Value": [ "CT", "PET" ] },
                "00080090": { "vr": "PN", "Value": [ { "Alphabetic": "^Bob^^Dr." } ] },
                "00081190": { "vr": "UR", "Value": [ "http://wado.nema.org/studies/1.2.392.200036.9116.2.2.2.1762893313.1029997326.945873" ] },
                "00090010": { "vr": "LO", "Value": [ "Vendor A" ] },
                "00091002": { "vr": "UN", "InlineBinary": [ "z0x9c8v7" ] },
                "00100010": { "vr": "PN", "Value": [ { "Alphabetic": "Wang^XiaoDong", "Ideographic": "王^小東" } ] },
                "00100020": { "vr": "LO", "Value": [ "12345" ] },
                "00100021": { "vr": "LO", "Value": [ "Hospital A" ] },
                "00100030": { "vr": "DT", "Value": [ "19670701" ] },
                "00100040": { "vr": "CS", "Value": [ "M" ] },
                "00101002": {
                    "vr": "SQ",
                    "Value": [
                        {
                            "00100020": { "vr": "LO", "Value": [ "54321" ] },
                            "00100021": { "vr": "LO", "Value": [ "Hospital B" ] }
                        },
                        {
                            "00100020": { "vr": "LO", "Value": [ "24680" ] },
                            "00100021": { "vr": "LO", "Value": [ "Hospital C" ] }
                        }
                    ]
                },
                "0020000D": { "vr": "UI", "Value": [ "1.2.392.200036.9116.2.2.2.1762893313.1029997326.945873" ] },
                "00200010": { "vr": "SH", "Value": [ "11235813" ] },
                "00201206": { "vr": "IS", "Value": [ 4 ] },
                "00201208": { "vr": "IS", "Value": [ 942 ] }
            },
            {   // Result 2
                "00080005": { "vr": "CS", "Value": [ "ISO_IR 192" ] },
                "00080020": { "vr": "DT", "Value": [ "20130309" ] },
                "00080030": { "vr": "TM", "Value": [ "111900.0000" ] },
                "00080050": { "vr": "SH", "Value": [ "11235821" ] },
                "00080056": { "vr": "CS", "Value": [ "ONLINE" ] },
                "00080061": { "vr": "CS", "Value": [ "CT", "PET" ] },
                "00080090": { "vr": "PN", "Value": [ { "Alphabetic": "^Bob^^Dr." } ] },
                "00081190": { "vr": "UR", "Value": [ "http://wado.nema.org/studies/1.2.392.200036.9116.2.2.2.2162893313.1029997326.945876" ] },
                "00090010": { "vr": "LO", "Value": [ "Vendor A" ] },
                "00091002": { "vr": "UN", "InlineBinary": [ "z0x9c8v7" ] },
                "00100010": { "vr": "PN", "Value": [ { "Alphabetic": "Wang^XiaoDong", "Ideographic": "王^小東" } ] },
                "00100020": { "vr": "LO", "Value": [ "12345" ] },
                "00100021": { "vr": "LO", "Value": [ "Hospital A" ] },
                "00100030": { "vr": "DT", "Value": [ "19670701" ] },
                "00100040": { "vr": "CS", "Value": [ "M" ] },
                "00101002": {
                    "vr": "SQ",
                    "Value": [
                        {
                            "00100020": { "vr": "LO", "Value": [ "54321" ] },
                            "00100021": { "vr": "LO", "Value": [ "Hospital B" ] }
                        },
                        {
                            "00100020": { "vr": "LO", "Value": [ "24680" ] },
                            "00100021": { "vr": "LO", "Value": [ "Hospital C" ] }
                        }
                    ]
                },
                "0020000D": { "vr": "UI", "Value": [ "1.2.392.200036.9116.2.2.2.2162893313.1029997326.945876" ] },
                "00200010": { "vr": "SH", "Value": [ "11235821" ] },
                "00201206": { "vr": "IS", "Value": [ 5 ] },
                "00201208": { "vr": "IS", "Value": [ 1123 ] }
            }
        ]
        """;

    [Fact]
    public void Reads_the_PS3_18_F4_example()
    {
        var studies = DicomJson.DeserializeMany(F4Example);
        Assert.Equal(2, studies.Count);
        var first = studies[0];
        Assert.Equal("ISO_IR 192", first.GetString(DicomTag.SpecificCharacterSet));
        Assert.Equal(DicomVR.DT, first[DicomTag.StudyDate].VR);
        Assert.Equal("20130409", first.GetString(DicomTag.StudyDate));
        Assert.Equal("131600.0000", first.GetString(DicomTag.StudyTime));
        Assert.Equal(["CT", "PET"], first.GetStrings(DicomTag.ModalitiesInStudy));
        Assert.Equal("^Bob^^Dr.", first.GetString(DicomTag.ReferringPhysicianName));
        Assert.Equal("Wang^XiaoDong=王^小東", first.GetString(DicomTag.PatientName));
        Assert.Equal("小東", first.GetPersonName(DicomTag.PatientName)!.Ideographic.GivenName);
        Assert.Equal("Vendor A", first.GetString(new DicomTag(0x0009, 0x0010)));
        Assert.Equal(Convert.FromBase64String("z0x9c8v7"), first.GetBytes(new DicomTag(0x0009, 0x1002)).ToArray());
        Assert.Equal(DicomVR.UN, first[new DicomTag(0x0009, 0x1002)].VR);
        var otherIds = first.GetSequence(DicomTag.OtherPatientIDsSequence)!;
        Assert.Equal(2, otherIds.Count);
        Assert.Equal("Hospital C", otherIds[1].GetString(DicomTag.IssuerOfPatientID));
        Assert.Equal(4, first.GetValue<int>(DicomTag.NumberOfStudyRelatedSeries));
        Assert.Equal(942, first.GetValue<int>(DicomTag.NumberOfStudyRelatedInstances));
        Assert.Equal("1.2.392.200036.9116.2.2.2.2162893313.1029997326.945876", studies[1].GetString(DicomTag.StudyInstanceUID));
        Assert.Equal(1123, studies[1].GetValue<int>(DicomTag.NumberOfStudyRelatedInstances));
        // The UTF-8 text is stored in the declared ISO_IR 192 and reads back the same.
        Assert.Equal("王^小東"u8.ToArray(), first.GetBytes(DicomTag.PatientName).ToArray()[14..]);
    }

    [Fact]
    public void The_F4_example_survives_a_round_trip_through_our_writer()
    {
        var studies = DicomJson.DeserializeMany(F4Example);
        var again = DicomJson.DeserializeMany(DicomJson.Serialize(studies));
        for (var i = 0; i < studies.Count; i++) DatasetAssert.Equal(studies[i], again[i]);
        var xml = DicomXml.Deserialize(DicomXml.Serialize(studies[0]));
        DatasetAssert.Equal(studies[0], xml);
    }

    // PS3.18 F.2.1.1: the same result in the Native DICOM Model and in JSON.
    [Fact]
    public void Reads_the_F2_1_1_multiple_results_examples()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <NativeDicomModel xml:space="preserve">
              <DicomAttribute tag="0020000D" vr="UI" keyword="StudyInstanceUID">
                <Value number="1">1.2.392.200036.9116.2.2.2.1762893313.1029997326.945873</Value>
              </DicomAttribute>
            </NativeDicomModel>
            """;
        const string json = """
            [
              {
                 "0020000D": {
                  "vr": "UI",
                  "Value": [ "1.2.392.200036.9116.2.2.2.1762893313.1029997326.945873" ]
                }
              },
              {
                "0020000D" : {
                  "vr": "UI",
                  "Value": [ "1.2.392.200036.9116.2.2.2.2162893313.1029997326.945876" ]
                }
              }
            ]
            """;
        var fromXml = DicomXml.Deserialize(xml);
        var fromJson = DicomJson.DeserializeMany(json);
        Assert.Equal("1.2.392.200036.9116.2.2.2.1762893313.1029997326.945873", fromXml.GetString(DicomTag.StudyInstanceUID));
        DatasetAssert.Equal(fromXml, fromJson[0]);
        Assert.Equal("1.2.392.200036.9116.2.2.2.2162893313.1029997326.945876", fromJson[1].GetString(DicomTag.StudyInstanceUID));
    }

    // PS3.19 A.1.5: "0.5\0.4" is two Value elements; "MPG\\XR3" has an empty second value;
    // a zero-length Value Field has no Value element at all.
    [Fact]
    public void Reads_and_writes_the_PS3_19_value_examples()
    {
        const string xml = """
            <NativeDicomModel xmlns="http://dicom.nema.org/PS3.19/models/NativeDICOM" xml:space="preserve">
              <DicomAttribute tag="00281050" vr="DS" keyword="WindowCenter"><Value number="1">0.5</Value><Value number="2">0.4</Value></DicomAttribute>
              <DicomAttribute tag="00080008" vr="CS" keyword="ImageType"><Value number="1">MPG</Value><Value number="2"></Value><Value number="3">XR3</Value></DicomAttribute>
              <DicomAttribute tag="00100030" vr="DA" keyword="PatientBirthDate"/>
            </NativeDicomModel>
            """;
        var ds = DicomXml.Deserialize(xml);
        Assert.Equal(@"0.5\0.4", ds.GetString(DicomTag.WindowCenter));
        Assert.Equal(@"MPG\\XR3", ds.GetString(DicomTag.ImageType));
        Assert.True(ds.Contains(DicomTag.PatientBirthDate));
        Assert.Equal(0, ds[DicomTag.PatientBirthDate].Length);
        var written = DicomXml.Serialize(ds);
        Assert.Contains("""<Value number="1">0.5</Value><Value number="2">0.4</Value>""", written);
        Assert.Contains("""<Value number="1">MPG</Value><Value number="2" /><Value number="3">XR3</Value>""", written);
        Assert.Contains("""<DicomAttribute tag="00100030" vr="DA" keyword="PatientBirthDate" />""", written);
    }

    // PS3.18 Table F.3.1-1: a PersonName with all three groups of five components, and a second
    // name with only a family name, map to "SB1^SB2^SB3^SB4^SB5" etc. in JSON.
    [Fact]
    public void Maps_person_names_between_XML_and_JSON_as_table_F_3_1_1_shows()
    {
        const string xml = """
            <NativeDicomModel>
              <DicomAttribute tag="00100010" vr="PN" keyword="PatientName">
                <PersonName number="1">
                  <Alphabetic><FamilyName>SB1</FamilyName><GivenName>SB2</GivenName><MiddleName>SB3</MiddleName><NamePrefix>SB4</NamePrefix><NameSuffix>SB5</NameSuffix></Alphabetic>
                  <Ideographic><FamilyName>ID1</FamilyName><GivenName>ID2</GivenName><MiddleName>ID3</MiddleName><NamePrefix>ID4</NamePrefix><NameSuffix>ID5</NameSuffix></Ideographic>
                  <Phonetic><FamilyName>PH1</FamilyName><GivenName>PH2</GivenName><MiddleName>PH3</MiddleName><NamePrefix>PH4</NamePrefix><NameSuffix>PH5</NameSuffix></Phonetic>
                </PersonName>
                <PersonName number="2">
                  <Alphabetic><FamilyName>SB6</FamilyName></Alphabetic>
                </PersonName>
              </DicomAttribute>
            </NativeDicomModel>
            """;
        var ds = DicomXml.Deserialize(xml);
        Assert.Equal(["SB1^SB2^SB3^SB4^SB5=ID1^ID2^ID3^ID4^ID5=PH1^PH2^PH3^PH4^PH5", "SB6"], ds.GetStrings(DicomTag.PatientName));
        Assert.Equal("""{"00100010":{"vr":"PN","Value":[{"Alphabetic":"SB1^SB2^SB3^SB4^SB5","Ideographic":"ID1^ID2^ID3^ID4^ID5","Phonetic":"PH1^PH2^PH3^PH4^PH5"},{"Alphabetic":"SB6"}]}}""",
            DicomJson.Serialize(ds));
    }

    // PS3.18 Table F.3.1-1: a private element "gggg00ee" with its PrivateCreator becomes "ggggXXee".
    [Fact]
    public void Maps_private_elements_from_gggg00ee_to_the_block_of_their_creator()
    {
        const string xml = """
            <NativeDicomModel>
              <DicomAttribute tag="00091002" vr="LO" privateCreator="Vendor A"><Value number="1">first</Value></DicomAttribute>
              <DicomAttribute tag="00090002" vr="LO" privateCreator="Vendor B"><Value number="1">second</Value></DicomAttribute>
              <DicomAttribute tag="00090003" vr="LO" privateCreator="Vendor A"><Value number="1">third</Value></DicomAttribute>
            </NativeDicomModel>
            """;
        var ds = DicomXml.Deserialize(xml);
        var a = ds.GetPrivateTag(0x0009, "Vendor A", 0x02);
        Assert.Equal("first", ds.GetString(a));
        Assert.Equal("third", ds.GetString(ds.GetPrivateTag(0x0009, "Vendor A", 0x03)));
        Assert.Equal("second", ds.GetString(ds.GetPrivateTag(0x0009, "Vendor B", 0x02)));
        Assert.Equal(new DicomTag(0x0009, 0x1002), a);
        Assert.Equal(5, ds.Count);
    }
}
