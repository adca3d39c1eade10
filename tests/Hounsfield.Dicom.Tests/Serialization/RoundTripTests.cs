using Hounsfield.Dicom.Serialization;

namespace Hounsfield.Dicom.Tests.Serialization;

public class RoundTripTests
{
    [Fact]
    public void Every_VR_survives_JSON()
    {
        var ds = SampleDatasets.EveryVR();
        DatasetAssert.Equal(ds, DicomJson.Deserialize(DicomJson.Serialize(ds)));
        DatasetAssert.Equal(ds, DicomJson.Deserialize(DicomJson.Serialize(ds, new DicomJsonOptions { WriteIndented = true, NumbersAsStrings = true })));
    }

    [Fact]
    public void Every_VR_survives_XML()
    {
        var ds = SampleDatasets.EveryVR();
        DatasetAssert.Equal(ds, DicomXml.Deserialize(DicomXml.Serialize(ds)));
        DatasetAssert.Equal(ds, DicomXml.Deserialize(DicomXml.Serialize(ds, new DicomXmlOptions { WriteIndented = true })));
    }

    [Fact]
    public void JSON_and_XML_read_to_the_same_data_set()
    {
        var ds = SampleDatasets.EveryVR();
        DatasetAssert.Equal(DicomJson.Deserialize(DicomJson.Serialize(ds)), DicomXml.Deserialize(DicomXml.Serialize(ds)));
    }

    [Fact]
    public void Values_set_in_canonical_form_come_back_byte_for_byte()
    {
        var ds = SampleDatasets.EveryVR();
        foreach (var copy in new[] { DicomJson.Deserialize(DicomJson.Serialize(ds)), DicomXml.Deserialize(DicomXml.Serialize(ds)) })
        {
            foreach (var element in ds)
            {
                if (element.Kind != DicomValueKind.Inline) continue;
                Assert.True(element.Bytes.SequenceEqual(copy[element.Tag].Bytes), $"{element.Tag} {element.VR}");
            }
        }
    }

    [Fact]
    public void Data_sets_read_from_Part_10_survive_both_models()
    {
        var ds = SampleDatasets.EveryVR();
        var fragments = new DicomFragments([0u, 14u]) { new DicomFragment(new byte[] { 0xFF, 0xD8, 1, 2, 0xFF, 0xD9 }), new DicomFragment(new byte[] { 0xFF, 0xD8, 3, 0xFF, 0xD9, 0 }) };
        ds.Set(DicomTag.PixelData, fragments);
        var path = Path.Combine(Path.GetTempPath(), $"hounsfield-json-{Guid.NewGuid():N}.dcm");
        try
        {
            new DicomFile(ds, DicomTransferSyntax.Parse("JPEGBaseline8Bit")).Save(path);
            var file = DicomFile.Open(path, new DicomReadOptions { BulkDataThreshold = 4 });
            Assert.Equal(DicomValueKind.Bulk, file.Dataset[new DicomTag(0x0011, 0x1008)].Kind);
            DatasetAssert.Equal(file.Dataset, DicomJson.Deserialize(DicomJson.Serialize(file.Dataset)));
            DatasetAssert.Equal(file.Dataset, DicomXml.Deserialize(DicomXml.Serialize(file.Dataset)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
