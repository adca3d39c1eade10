using Hounsfield.Dicom.Codecs;
using Hounsfield.Dicom.Codecs.Jpeg;

namespace Hounsfield.Dicom.Codecs.Tests.Jpeg;

public class JpegDctTests
{
    [Theory]
    [InlineData(8, 1, JpegSubsampling.Yuv444, 90, 512, 0, 38.0)]
    [InlineData(8, 1, JpegSubsampling.Yuv444, 75, 37, 0, 34.0)]
    [InlineData(8, 3, JpegSubsampling.Yuv444, 90, 61, 0, 34.0)]
    [InlineData(8, 3, JpegSubsampling.Yuv422, 90, 63, 5, 32.0)]
    [InlineData(8, 3, JpegSubsampling.Yuv422, 95, 64, 0, 33.0)]
    [InlineData(12, 1, JpegSubsampling.Yuv444, 90, 45, 3, 45.0)]
    [InlineData(12, 1, JpegSubsampling.Yuv444, 100, 64, 0, 55.0)]
    public void RoundTripMeetsPsnr(int bits, int spp, JpegSubsampling sub, int quality, int size, int restart, double minPsnr)
    {
        var codec = new JpegCodec(new JpegCodecOptions { Subsampling = sub, RestartInterval = restart });
        var syntax = bits == 8 && restart == 0 ? JpegCodec.Baseline : JpegCodec.Extended;
        var info = JpegTestImages.Info(size, size + 3, spp, bits);
        var native = JpegTestImages.Make(info, 3, 0.02);
        var encoded = codec.Encode(syntax, native, info, new DicomCodecParameters { Quality = quality });
        // The decoder sees what the encoder says: YBR after encoding, converted back to RGB.
        var decInfo = info with { PhotometricInterpretation = codec.PhotometricAfterEncode(syntax, info.PhotometricInterpretation) };
        var decoded = new byte[info.NativeFrameLength];
        codec.Decode(syntax, encoded, decInfo, decoded);
        var psnr = JpegTestImages.Psnr(native, decoded, info);
        Assert.True(psnr >= minPsnr, $"PSNR {psnr:F2} dB < {minPsnr} (size {encoded.Length})");
        Assert.True(encoded.Length < native.Length, "the code stream is larger than the frame");
    }

    [Fact]
    public void KeepingYbrGivesYbrFull()
    {
        var codec = new JpegCodec(new JpegCodecOptions { ConvertYbrToRgb = false });
        Assert.Equal("YBR_FULL", codec.PhotometricAfterDecode(JpegCodec.Baseline, "YBR_FULL_422"));
        Assert.Equal("RGB", new JpegCodec().PhotometricAfterDecode(JpegCodec.Baseline, "YBR_FULL_422"));
        Assert.Equal("YBR_FULL_422", new JpegCodec().PhotometricAfterEncode(JpegCodec.Baseline, "RGB"));
        var info = JpegTestImages.Info(16, 16, 3, 8);
        var native = new byte[info.NativeFrameLength];
        for (var i = 0; i < native.Length; i += 3) { native[i] = 200; native[i + 1] = 30; native[i + 2] = 90; }
        var encoded = codec.Encode(JpegCodec.Baseline, native, info);
        var decoded = new byte[info.NativeFrameLength];
        codec.Decode(JpegCodec.Baseline, encoded, info with { PhotometricInterpretation = "YBR_FULL_422" }, decoded);
        // Y of (200, 30, 90) is about 87.
        Assert.InRange(decoded[0], 84, 90);
    }

    [Fact]
    public void BaselineRejects12Bit()
    {
        var info = JpegTestImages.Info(8, 8, 1, 12);
        Assert.Throws<DicomCodecException>(() => new JpegCodec().Encode(JpegCodec.Baseline, new byte[info.NativeFrameLength], info));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(12)]
    public void ColourByPlaneMatchesColourByPixel(int bits)
    {
        var codec = new JpegCodec(new JpegCodecOptions { Subsampling = JpegSubsampling.Yuv422 });
        var info = JpegTestImages.Info(19, 26, 3, bits);
        var native = JpegTestImages.Make(info, 8, 0.05);
        var encoded = codec.Encode(JpegCodec.Extended, native, info);
        var ybr = info with { PhotometricInterpretation = "YBR_FULL_422" };
        var byPixel = new byte[info.NativeFrameLength];
        var byPlane = new byte[info.NativeFrameLength];
        codec.Decode(JpegCodec.Extended, encoded, ybr, byPixel);
        codec.Decode(JpegCodec.Extended, encoded, ybr with { PlanarConfiguration = 1 }, byPlane);
        var bytes = info.BitsAllocated / 8;
        var n = info.Rows * info.Columns;
        for (var i = 0; i < n; i++)
            for (var c = 0; c < 3; c++)
                for (var b = 0; b < bytes; b++)
                    Assert.Equal(byPixel[(i * 3 + c) * bytes + b], byPlane[(c * n + i) * bytes + b]);
        Assert.True(JpegTestImages.Psnr(native, byPixel, info) > 30);
    }
}
