using Hounsfield.Dicom.Tests.Support;

namespace Hounsfield.Dicom.Tests.IO;

/// <summary>Opening a file reads its header only; large values are read when asked for.</summary>
public sealed class BulkDataTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hounsfield-bulk-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Opening_a_file_with_50_MB_of_pixel_data_reads_only_the_header()
    {
        const int size = 50 * 1024 * 1024;
        var pixels = new byte[size];
        new Random(1).NextBytes(pixels.AsSpan(0, 4096));
        pixels[^1] = 0x5A;
        var ds = SampleData.Representative();
        ds.SetBytes(DicomTag.PixelData, DicomVR.OW, pixels);
        ds.Set(DicomTag.PatientComments, "after the header"); // an element before the pixel data, read eagerly
        var path = Path.Combine(_dir, "large.dcm");
        new DicomFile(ds, DicomTransferSyntax.ExplicitVRLittleEndian).Save(path);
        var fileLength = new FileInfo(path).Length;

        using var counting = new CountingStream(File.OpenRead(path));
        var file = DicomFile.Read(counting);

        var header = fileLength - size;
        Assert.True(counting.BytesRead < header + 32 * 1024, $"opening read {counting.BytesRead} bytes of a {fileLength}-byte file whose header is {header} bytes");
        var element = file.Dataset[DicomTag.PixelData];
        Assert.Equal(DicomValueKind.Bulk, element.Kind);
        Assert.Equal(size, element.Length);
        Assert.Equal(header, element.BulkData!.Offset);
        Assert.Equal("after the header", file.Dataset.GetString(DicomTag.PatientComments));

        counting.ResetCounts();
        var read = file.Dataset.GetBytes(DicomTag.PixelData);
        Assert.Equal(size, counting.BytesRead);
        Assert.True(read.Span.SequenceEqual(pixels));
    }

    [Fact]
    public void Values_at_or_below_the_threshold_are_read_eagerly()
    {
        var ds = new DicomDataset().SetBytes(DicomTag.PixelData, DicomVR.OW, new byte[1000]);
        var bytes = SampleData.FileBytes(ds, DicomTransferSyntax.ExplicitVRLittleEndian);
        Assert.Equal(DicomValueKind.Inline, DicomFile.Read(new MemoryStream(bytes), new DicomReadOptions { BulkDataThreshold = 1000 }).Dataset[DicomTag.PixelData].Kind);
        Assert.Equal(DicomValueKind.Bulk, DicomFile.Read(new MemoryStream(bytes), new DicomReadOptions { BulkDataThreshold = 999 }).Dataset[DicomTag.PixelData].Kind);
        // A stream that cannot seek cannot come back for the value, so it is read at once.
        Assert.Equal(DicomValueKind.Inline, DicomFile.Read(new NonSeekableStream(bytes), new DicomReadOptions { BulkDataThreshold = 10 }).Dataset[DicomTag.PixelData].Kind);
    }

    [Fact]
    public void Stop_at_tag_reads_nothing_of_the_pixel_data()
    {
        var ds = SampleData.Representative(pixelBytes: 200_000);
        var bytes = SampleData.FileBytes(ds, DicomTransferSyntax.ExplicitVRLittleEndian);
        var counting = new CountingStream(new MemoryStream(bytes), seekable: false);
        var file = DicomFile.Read(counting, new DicomReadOptions { StopAtTag = DicomTag.PixelData });
        Assert.False(file.Dataset.Contains(DicomTag.PixelData));
        Assert.Equal("Doe^Jane^Q^Dr^III", file.Dataset.GetString(DicomTag.PatientName));
        Assert.True(counting.BytesRead < 64 * 1024, $"{counting.BytesRead} bytes read");
    }
}
