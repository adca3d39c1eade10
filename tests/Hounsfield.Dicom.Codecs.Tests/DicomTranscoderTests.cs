using Hounsfield.Dicom.Codecs.Transcoding;

namespace Hounsfield.Dicom.Codecs.Tests;

public class DicomTranscoderTests
{
    private static DicomFile Native8Bit(int frames = 2)
    {
        const int rows = 32, columns = 40;
        var pixels = new byte[rows * columns * frames];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i % columns * 5 + i / (rows * columns) * 40);
        var ds = new DicomDataset()
            .Set(DicomTag.SOPClassUID, DicomUid.SecondaryCaptureImageStorage.Value).Set(DicomTag.SOPInstanceUID, "1.2.3.4")
            .Set(DicomTag.SamplesPerPixel, (ushort)1).Set(DicomTag.PhotometricInterpretation, "MONOCHROME2")
            .Set(DicomTag.Rows, (ushort)rows).Set(DicomTag.Columns, (ushort)columns)
            .Set(DicomTag.BitsAllocated, (ushort)8).Set(DicomTag.BitsStored, (ushort)8).Set(DicomTag.HighBit, (ushort)7)
            .Set(DicomTag.PixelRepresentation, (ushort)0).Set(DicomTag.NumberOfFrames, frames)
            .SetBytes(DicomTag.PixelData, DicomVR.OB, pixels);
        return new DicomFile(ds);
    }

    [Fact]
    public void Lossless_round_trip_keeps_pixels_and_writes_one_fragment_per_frame_with_offsets()
    {
        var native = Native8Bit(frames: 3);
        var rle = DicomTranscoder.Transcode(native, DicomTransferSyntax.Get("1.2.840.10008.1.2.5"));
        var fragments = rle.Dataset.GetFragments(DicomTag.PixelData)!;
        Assert.Equal(3, fragments.Count);
        Assert.Equal(3, fragments.BasicOffsetTable.Count);
        Assert.False(rle.Dataset.Contains(DicomTag.LossyImageCompression));
        var back = DicomTranscoder.Transcode(rle, DicomTransferSyntax.ExplicitVRLittleEndian);
        Assert.Equal(native.Dataset.GetBytes(DicomTag.PixelData).ToArray(), back.Dataset.GetBytes(DicomTag.PixelData).ToArray());
        Assert.Null(native.Dataset.GetFragments(DicomTag.PixelData));
    }

    [Fact]
    public void Lossy_compression_is_recorded_with_ratio_and_method()
    {
        var jpeg = DicomTranscoder.Transcode(Native8Bit(), DicomTransferSyntax.Get("1.2.840.10008.1.2.4.50"), new DicomCodecParameters { Quality = 80 });
        Assert.Equal("01", jpeg.Dataset.GetString(DicomTag.LossyImageCompression));
        Assert.Equal(["ISO_10918_1"], jpeg.Dataset.GetStrings(DicomTag.LossyImageCompressionMethod));
        Assert.True(jpeg.Dataset.GetValue<double>(DicomTag.LossyImageCompressionRatio) > 1);
        var jpegLs = DicomTranscoder.Transcode(Native8Bit(), DicomTransferSyntax.Get("1.2.840.10008.1.2.4.81"), new DicomCodecParameters { NearLossless = 0 });
        Assert.False(jpegLs.Dataset.Contains(DicomTag.LossyImageCompression));
    }

    [Fact]
    public void Syntaxes_without_a_codec_are_refused()
    {
        Assert.False(DicomTranscoder.CanTranscode(DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.Get("1.2.840.10008.1.2.4.100")));
        Assert.Throws<DicomCodecException>(() => DicomTranscoder.Transcode(Native8Bit(), DicomTransferSyntax.Get("1.2.840.10008.1.2.4.100")));
    }

    private static DicomFile NativeRgb()
    {
        var info = TestImages.Info(24, 30, 3, 8, 8);
        var ds = new DicomDataset()
            .Set(DicomTag.SOPClassUID, DicomUid.SecondaryCaptureImageStorage.Value).Set(DicomTag.SOPInstanceUID, "1.2.3.5")
            .Set(DicomTag.SamplesPerPixel, (ushort)3).Set(DicomTag.PhotometricInterpretation, "RGB").Set(DicomTag.PlanarConfiguration, (ushort)0)
            .Set(DicomTag.Rows, (ushort)info.Rows).Set(DicomTag.Columns, (ushort)info.Columns)
            .Set(DicomTag.BitsAllocated, (ushort)8).Set(DicomTag.BitsStored, (ushort)8).Set(DicomTag.HighBit, (ushort)7)
            .Set(DicomTag.PixelRepresentation, (ushort)0)
            .SetBytes(DicomTag.PixelData, DicomVR.OB, TestImages.Make(info, 8));
        return new DicomFile(ds);
    }

    [Fact]
    public void Jpeg2000_sets_YBR_RCT_or_YBR_ICT_and_RGB_after_decoding()
    {
        var native = NativeRgb();
        var lossless = DicomTranscoder.Transcode(native, DicomTransferSyntax.Get("1.2.840.10008.1.2.4.90"));
        Assert.Equal("YBR_RCT", lossless.Dataset.GetString(DicomTag.PhotometricInterpretation));
        Assert.False(lossless.Dataset.Contains(DicomTag.LossyImageCompression));
        var back = DicomTranscoder.Transcode(lossless, DicomTransferSyntax.ExplicitVRLittleEndian);
        Assert.Equal("RGB", back.Dataset.GetString(DicomTag.PhotometricInterpretation));
        Assert.Equal(native.Dataset.GetBytes(DicomTag.PixelData).ToArray(), back.Dataset.GetBytes(DicomTag.PixelData).ToArray());

        var lossy = DicomTranscoder.Transcode(native, DicomTransferSyntax.Get("1.2.840.10008.1.2.4.91"), new DicomCodecParameters { CompressionRatio = 5 });
        Assert.Equal("YBR_ICT", lossy.Dataset.GetString(DicomTag.PhotometricInterpretation));
        Assert.Equal("01", lossy.Dataset.GetString(DicomTag.LossyImageCompression));
        Assert.Equal(["ISO_15444_1"], lossy.Dataset.GetStrings(DicomTag.LossyImageCompressionMethod));
        var reversibleUnderLossySyntax = DicomTranscoder.Transcode(native, DicomTransferSyntax.Get("1.2.840.10008.1.2.4.91"));
        Assert.Equal("YBR_RCT", reversibleUnderLossySyntax.Dataset.GetString(DicomTag.PhotometricInterpretation));
        Assert.False(reversibleUnderLossySyntax.Dataset.Contains(DicomTag.LossyImageCompression));
    }
    [Fact]
    public void Htj2k_sets_photometric_and_lossy_marking_like_Jpeg2000()
    {
        var native = NativeRgb();
        foreach (var uid in new[] { "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203" })
        {
            var lossless = DicomTranscoder.Transcode(native, DicomTransferSyntax.Get(uid));
            Assert.Equal("YBR_RCT", lossless.Dataset.GetString(DicomTag.PhotometricInterpretation));
            Assert.False(lossless.Dataset.Contains(DicomTag.LossyImageCompression));
            var back = DicomTranscoder.Transcode(lossless, DicomTransferSyntax.ExplicitVRLittleEndian);
            Assert.Equal("RGB", back.Dataset.GetString(DicomTag.PhotometricInterpretation));
            Assert.Equal(native.Dataset.GetBytes(DicomTag.PixelData).ToArray(), back.Dataset.GetBytes(DicomTag.PixelData).ToArray());
        }
        var lossy = DicomTranscoder.Transcode(native, DicomTransferSyntax.Get("1.2.840.10008.1.2.4.203"), new DicomCodecParameters { CompressionRatio = 5 });
        Assert.Equal("YBR_ICT", lossy.Dataset.GetString(DicomTag.PhotometricInterpretation));
        Assert.Equal("01", lossy.Dataset.GetString(DicomTag.LossyImageCompression));
        Assert.Equal(["ISO_15444_15"], lossy.Dataset.GetStrings(DicomTag.LossyImageCompressionMethod));
        var decoded = DicomTranscoder.Transcode(lossy, DicomTransferSyntax.ExplicitVRLittleEndian);
        Assert.Equal("RGB", decoded.Dataset.GetString(DicomTag.PhotometricInterpretation));
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2.4.50", false)]
    [InlineData("1.2.840.10008.1.2.4.51", false)]
    [InlineData("1.2.840.10008.1.2.4.81", true)]
    [InlineData("1.2.840.10008.1.2.4.80", true)]
    [InlineData("1.2.840.10008.1.2.5", true)]
    [InlineData("1.2.840.10008.1.2.1", true)]
    public void As_a_network_transcoder_the_default_never_chooses_a_lossy_target(string target, bool allowed)
    {
        IDicomTranscoder transcoder = DicomTranscoder.Default;
        Assert.Equal(allowed, transcoder.CanTranscode(DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.Get(target)));
        IDicomTranscoder permissive = new DicomTranscoder { AllowLossy = true };
        Assert.True(permissive.CanTranscode(DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.Get(target)));
    }

    [Fact]
    public void As_a_network_transcoder_it_decompresses_to_the_pixels_it_was_given()
    {
        var native = Native8Bit();
        var jpegLs = DicomTranscoder.Transcode(native, DicomTransferSyntax.Get("1.2.840.10008.1.2.4.80"));
        var back = ((IDicomTranscoder)DicomTranscoder.Default).Transcode(jpegLs, DicomTransferSyntax.ExplicitVRLittleEndian);
        Assert.Equal(native.Dataset.GetBytes(DicomTag.PixelData).ToArray(), back.Dataset.GetBytes(DicomTag.PixelData).ToArray());
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian, back.TransferSyntax);
    }
}
