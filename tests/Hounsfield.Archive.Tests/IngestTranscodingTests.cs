using Hounsfield.Archive.Tests.Support;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Tests;

/// <summary>A configured ingest syntax: instances are stored compressed, and a lossy one only when allowed.</summary>
public sealed class IngestTranscodingTests
{
    private static DicomFile Gradient8Bit()
    {
        var file = ArchiveTestServer.Instance();
        var pixels = new byte[16 * 16];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 7);
        file.Dataset.Set(DicomTag.Rows, (ushort)16).Set(DicomTag.Columns, (ushort)16).Set(DicomTag.BitsAllocated, (ushort)8)
            .Set(DicomTag.BitsStored, (ushort)8).Set(DicomTag.HighBit, (ushort)7).Set(DicomTag.SamplesPerPixel, (ushort)1)
            .Set(DicomTag.PhotometricInterpretation, "MONOCHROME2").Set(DicomTag.PixelRepresentation, (ushort)0)
            .SetBytes(DicomTag.PixelData, DicomVR.OB, pixels);
        return file;
    }

    private static async Task<(DimseStatus Status, DicomFile Stored, byte[] Pixels)> StoreAsync(Action<Storage.IngestOptions> configure, DicomFile file)
    {
        await using var archive = new ArchiveTestServer();
        configure(archive.Options.Ingest);
        await archive.StartAsync();
        var response = await archive.StoreAsync(file);
        var record = await archive.Server.Index.FindInstanceAsync(file.Dataset.GetString(DicomTag.SOPInstanceUID)!);
        Assert.NotNull(record);
        Assert.Equal(new FileInfo(archive.Server.Storage.PathOf(record.Path)).Length, record.Size);
        var stored = DicomFile.Open(archive.Server.Storage.PathOf(record.Path));
        Assert.Equal(stored.TransferSyntax.Uid.Value, record.TransferSyntaxUid);
        var native = Dicom.Codecs.Transcoding.DicomTranscoder.Transcode(stored, DicomTransferSyntax.ExplicitVRLittleEndian);
        return (response.Status, stored, native.Dataset.GetBytes(DicomTag.PixelData).ToArray());
    }

    [Fact]
    public async Task A_lossless_ingest_syntax_stores_compressed_pixels_that_decode_to_the_received_ones()
    {
        var file = Gradient8Bit();
        var (status, stored, pixels) = await StoreAsync(o => o.TransferSyntax = "JPEGLSLossless", file);
        Assert.Equal(DimseStatus.Success, status);
        Assert.Equal("1.2.840.10008.1.2.4.80", stored.TransferSyntax.Uid.Value);
        Assert.Equal(file.Dataset.GetBytes(DicomTag.PixelData).ToArray(), pixels);
    }

    [Fact]
    public async Task A_lossy_ingest_syntax_is_not_used_unless_allowed()
    {
        var (status, stored, _) = await StoreAsync(o => o.TransferSyntax = "1.2.840.10008.1.2.4.50", Gradient8Bit());
        Assert.Equal(DimseStatus.Success, status);
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian, stored.TransferSyntax);
    }

    [Fact]
    public async Task An_allowed_lossy_ingest_marks_the_instance_and_answers_coercion()
    {
        var (status, stored, _) = await StoreAsync(o => { o.TransferSyntax = "1.2.840.10008.1.2.4.50"; o.AllowLossy = true; }, Gradient8Bit());
        Assert.Equal(DimseStatus.CoercionOfDataElements, status);
        Assert.Equal("1.2.840.10008.1.2.4.50", stored.TransferSyntax.Uid.Value);
        Assert.Equal("01", stored.Dataset.GetString(DicomTag.LossyImageCompression));
    }
}
