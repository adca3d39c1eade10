using Hounsfield.Dicom.Serialization;

namespace Hounsfield.Dicom.Tests.Serialization;

public sealed class BulkDataTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hounsfield-bulk-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void File_URIs_carry_path_offset_and_length()
    {
        var path = Path.Combine(_directory, "a b#c.dcm");
        var uri = DicomBulkDataUri.ForFile(path, 1234, 5678);
        Assert.StartsWith("file:///", uri);
        Assert.EndsWith("?offset=1234&length=5678", uri);
        Assert.True(DicomBulkDataUri.TryParseFile(uri, out var parsedPath, out var offset, out var length));
        Assert.Equal(path, parsedPath);
        Assert.Equal((1234L, 5678L), (offset, length));
        Assert.True(DicomBulkDataUri.TryParseFile(new Uri(path).AbsoluteUri, out _, out offset, out length));
        Assert.Equal((0L, -1L), (offset, length));
        Assert.False(DicomBulkDataUri.TryParseFile("https://pacs.example/bulk/1", out _, out _, out _));
    }

    [Fact]
    public void Large_values_of_a_file_become_file_URIs_that_resolve_back_to_the_same_bytes()
    {
        var pixels = new byte[200_000];
        new Random(7).NextBytes(pixels);
        var ds = new DicomDataset()
            .Set(DicomTag.SOPInstanceUID, "1.2.3")
            .Set(DicomTag.Rows, (ushort)100)
            .SetBytes(DicomTag.RedPaletteColorLookupTableData, DicomVR.OW, [1, 0, 2, 0])
            .SetBytes(DicomTag.PixelData, DicomVR.OW, pixels);
        var path = Path.Combine(_directory, "native.dcm");
        new DicomFile(ds).Save(path);
        var file = DicomFile.Open(path);
        var bulk = new DicomBulkDataOptions { UriFor = DicomBulkDataUri.FileReferences(path), Resolver = DicomBulkDataUri.ResolveFile };

        var json = DicomJson.Serialize(file.Dataset, new DicomJsonOptions { BulkData = bulk });
        var stored = file.Dataset[DicomTag.PixelData].BulkData!;
        Assert.Contains($"\"BulkDataURI\":\"{DicomBulkDataUri.ForFile(path, stored.Offset, pixels.Length)}\"", json);
        Assert.Contains("\"InlineBinary\":\"AQACAA==\"", json);
        Assert.True(json.Length < 1000);
        var back = DicomJson.Deserialize(json, new DicomJsonOptions { BulkData = bulk });
        Assert.Equal(DicomValueKind.Bulk, back[DicomTag.PixelData].Kind);
        DatasetAssert.Equal(file.Dataset, back);

        var xml = DicomXml.Serialize(file.Dataset, new DicomXmlOptions { BulkData = bulk });
        Assert.Contains("<BulkData uri=\"file:///", xml);
        DatasetAssert.Equal(file.Dataset, DicomXml.Deserialize(xml, new DicomXmlOptions { BulkData = bulk }));
    }

    [Fact]
    public void Encapsulated_pixel_data_is_referenced_as_its_whole_value_field_and_comes_back_as_fragments()
    {
        var first = new byte[70_000];
        var second = new byte[30_001];
        new Random(3).NextBytes(first);
        new Random(4).NextBytes(second);
        var ds = new DicomDataset().Set(DicomTag.SOPInstanceUID, "1.2.3")
            .Set(DicomTag.PixelData, new DicomFragments([0u, 70_008u]) { new DicomFragment(first), new DicomFragment(second) });
        var path = Path.Combine(_directory, "encapsulated.dcm");
        new DicomFile(ds, DicomTransferSyntax.Parse("JPEGBaseline8Bit")).Save(path);
        var file = DicomFile.Open(path);
        var bulk = new DicomBulkDataOptions { UriFor = DicomBulkDataUri.FileReferences(path), Resolver = DicomBulkDataUri.ResolveFile };

        var json = DicomJson.Serialize(file.Dataset, new DicomJsonOptions { BulkData = bulk });
        var fragments = file.Dataset.GetFragments(DicomTag.PixelData)!;
        var start = fragments[0].Bulk!.Offset - 8 - 8 - 8;
        var length = 8 + 8 + 8 + 70_000 + 8 + 30_002 + 8;
        Assert.Contains(DicomBulkDataUri.ForFile(path, start, length), json);
        var back = DicomJson.Deserialize(json, new DicomJsonOptions { BulkData = bulk });
        Assert.Equal(DicomValueKind.Fragments, back[DicomTag.PixelData].Kind);
        Assert.NotNull(back.GetFragments(DicomTag.PixelData)![0].Bulk);
        DatasetAssert.Equal(file.Dataset, back);

        // Unreferenced, the same Value Field is inline and parses back the same way.
        DatasetAssert.Equal(file.Dataset, DicomJson.Deserialize(DicomJson.Serialize(file.Dataset)));
        DatasetAssert.Equal(file.Dataset, DicomXml.Deserialize(DicomXml.Serialize(file.Dataset)));
    }

    [Fact]
    public void Values_that_need_byte_swapping_stay_inline()
    {
        var words = new byte[100_000];
        for (var i = 0; i < words.Length; i++) words[i] = (byte)i;
        var ds = new DicomDataset().Set(DicomTag.SOPInstanceUID, "1.2.3").SetBytes(DicomTag.PixelData, DicomVR.OW, words);
        var path = Path.Combine(_directory, "big-endian.dcm");
        new DicomFile(ds, DicomTransferSyntax.ExplicitVRBigEndian).Save(path);
        var file = DicomFile.Open(path);
        Assert.Equal(DicomValueKind.Bulk, file.Dataset[DicomTag.PixelData].Kind);
        var json = DicomJson.Serialize(file.Dataset, new DicomJsonOptions { BulkData = new DicomBulkDataOptions { UriFor = DicomBulkDataUri.FileReferences(path) } });
        Assert.DoesNotContain("BulkDataURI", json);
        Assert.Equal(words, DicomJson.Deserialize(json).GetBytes(DicomTag.PixelData).ToArray());
    }

    [Fact]
    public void A_resolver_that_declines_leaves_the_marker()
    {
        var options = new DicomJsonOptions { BulkData = new DicomBulkDataOptions { Resolver = DicomBulkDataUri.ResolveFile } };
        var ds = DicomJson.Deserialize("""{"7FE00010":{"vr":"OW","BulkDataURI":"https://pacs.example/x"}}""", options);
        Assert.IsType<DicomBulkDataUriSource>(ds[DicomTag.PixelData].BulkData!.Source);
        var uri = DicomBulkDataUri.ForFile(Path.Combine(_directory, "gone.dcm"), 10, 20);
        var missing = DicomJson.Deserialize("{\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"" + uri + "\"}}", options);
        Assert.Equal(20, missing[DicomTag.PixelData].BulkData!.Length);
        Assert.Throws<InvalidOperationException>(() => missing.GetBytes(DicomTag.PixelData));
    }
}
