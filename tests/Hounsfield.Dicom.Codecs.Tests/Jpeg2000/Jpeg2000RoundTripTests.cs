using Hounsfield.Dicom.Codecs.Jpeg2000;

namespace Hounsfield.Dicom.Codecs.Tests.Jpeg2000;

public class Jpeg2000RoundTripTests
{
    private static readonly Jpeg2000Codec Codec = new();

    public static TheoryData<int, int, int, int, int, bool, int> LosslessCases() => new()
    {
        // rows, columns, samples, bits allocated, bits stored, signed, planar
        { 64, 64, 1, 8, 8, false, 0 },
        { 50, 70, 1, 16, 12, false, 0 },
        { 33, 47, 1, 16, 16, false, 0 },
        { 40, 30, 1, 16, 16, true, 0 },
        { 21, 19, 1, 16, 12, true, 0 },
        { 32, 48, 3, 8, 8, false, 0 },
        { 17, 23, 3, 8, 8, false, 1 },
        { 1, 1, 1, 8, 8, false, 0 },
        { 7, 13, 1, 8, 8, false, 0 },
        { 13, 7, 3, 8, 8, false, 0 },
        { 511, 513, 1, 16, 12, false, 0 },
        { 1, 300, 1, 16, 10, false, 0 },
        { 300, 2, 1, 8, 1, false, 0 },
    };

    [Theory]
    [MemberData(nameof(LosslessCases))]
    public void LosslessIsBitExact(int rows, int columns, int samples, int allocated, int stored, bool signed, int planar)
    {
        var info = TestImages.Info(rows, columns, samples, allocated, stored, signed, planar);
        var native = TestImages.Make(info, 7);
        foreach (var syntax in new[] { Jpeg2000Codec.Jpeg2000Lossless, Jpeg2000Codec.Jpeg2000 })
        {
            var encoded = Codec.Encode(syntax, native, info);
            var decoded = new byte[info.NativeFrameLength];
            Codec.Decode(syntax, encoded, info, decoded);
            Assert.Equal(TestImages.Masked(info, native), TestImages.Masked(info, decoded));
        }
    }

    [Theory]
    [InlineData("mixed")]
    [InlineData("noise")]
    [InlineData("flat")]
    [InlineData("gradient")]
    public void LosslessKindsAreBitExact(string kind)
    {
        var info = TestImages.Info(70, 90, 1, 16, 16);
        var native = TestImages.Make(info, 3, kind);
        var decoded = new byte[info.NativeFrameLength];
        Codec.Decode(Jpeg2000Codec.Jpeg2000Lossless, Codec.Encode(Jpeg2000Codec.Jpeg2000Lossless, native, info), info, decoded);
        Assert.Equal(native, decoded);
    }

    [Theory]
    [InlineData(64, 64, 3)]
    [InlineData(50, 33, 1)]
    [InlineData(100, 20, 2)]
    public void SeveralTilesAreBitExact(int tileWidth, int tileHeight, int levels)
    {
        var info = TestImages.Info(131, 157, 3, 8, 8);
        var native = TestImages.Make(info, 11);
        var options = Jpeg2000EncoderOptions.For(info, 0) with { TileWidth = tileWidth, TileHeight = tileHeight, Levels = levels };
        var encoded = new Jpeg2000Encoder(info, options).Encode(native);
        var decoded = new byte[info.NativeFrameLength];
        Codec.Decode(Jpeg2000Codec.Jpeg2000Lossless, encoded, info, decoded);
        Assert.Equal(native, decoded);
    }

    // The stated lossy quality: a smooth 12-bit image at 10:1 keeps PSNR ≥ 45 dB. The ratio is a size cap:
    // the stream is at most 1/ratio of the native size (plus 15% slack), smaller when even the finest
    // quantization fits.
    [Theory]
    [InlineData(1, 16, 12, 10.0, 45.0)]
    [InlineData(3, 8, 8, 10.0, 35.0)]
    [InlineData(1, 8, 8, 20.0, 30.0)]
    public void LossyMeetsRatioAndPsnr(int samples, int allocated, int stored, double ratio, double minimumPsnr)
    {
        var info = TestImages.Info(128, 160, samples, allocated, stored);
        var native = TestImages.Make(info, 5, "gradient");
        var encoded = Codec.Encode(Jpeg2000Codec.Jpeg2000, native, info, new DicomCodecParameters { CompressionRatio = ratio });
        var achieved = (double)info.NativeFrameLength / encoded.Length;
        Assert.True(achieved >= ratio * 0.85, $"ratio {achieved:F2}");
        var decoded = new byte[info.NativeFrameLength];
        Codec.Decode(Jpeg2000Codec.Jpeg2000, encoded, info, decoded);
        Assert.True(Psnr(info, native, decoded) >= minimumPsnr, $"PSNR {Psnr(info, native, decoded):F2} dB");
    }

    [Fact]
    public void LossyStreamsHaveThreeLayersAndRespectTheRatioCap()
    {
        var info = TestImages.Info(200, 180, 1, 16, 12);
        var native = TestImages.Make(info, 12);
        var encoded = Codec.Encode(Jpeg2000Codec.Jpeg2000, native, info, new DicomCodecParameters { CompressionRatio = 6 });
        Assert.True(encoded.Length <= info.NativeFrameLength / 6, $"{encoded.Length} bytes");
        var cod = encoded.AsSpan().IndexOf(new byte[] { 0xFF, 0x52 });
        Assert.Equal(3, encoded[cod + 6] << 8 | encoded[cod + 7]);
        var lossless = Codec.Encode(Jpeg2000Codec.Jpeg2000Lossless, native, info);
        cod = lossless.AsSpan().IndexOf(new byte[] { 0xFF, 0x52 });
        Assert.Equal(1, lossless[cod + 6] << 8 | lossless[cod + 7]);
    }

    [Fact]
    public void LossyOnNoisyImagesStillDecodesNearTheRatio()
    {
        var info = TestImages.Info(96, 96, 1, 16, 12);
        var native = TestImages.Make(info, 9);
        var encoded = Codec.Encode(Jpeg2000Codec.Jpeg2000, native, info, new DicomCodecParameters { CompressionRatio = 8 });
        Assert.InRange((double)info.NativeFrameLength / encoded.Length, 8 * 0.85, 8 * 1.5);
        var decoded = new byte[info.NativeFrameLength];
        Codec.Decode(Jpeg2000Codec.Jpeg2000, encoded, info, decoded);
        Assert.True(Psnr(info, native, decoded) > 15);
    }

    [Fact]
    public void ReducedResolutionHalvesEachSideAndKeepsTheMean()
    {
        var info = TestImages.Info(101, 64, 1, 16, 12);
        var native = TestImages.Make(info, 2, "gradient");
        var encoded = Codec.Encode(Jpeg2000Codec.Jpeg2000Lossless, native, info);
        var (full, fullPixels) = Jpeg2000Codec.DecodeReduced(encoded, info, 0);
        Assert.Equal(info, full);
        Assert.Equal(native, fullPixels);
        var (half, halfPixels) = Jpeg2000Codec.DecodeReduced(encoded, info, 1);
        Assert.Equal((51, 32), (half.Rows, half.Columns));
        var (eighth, _) = Jpeg2000Codec.DecodeReduced(encoded, info, 3);
        Assert.Equal((13, 8), (eighth.Rows, eighth.Columns));
        Assert.InRange(Mean(half, halfPixels), Mean(info, native) - 20, Mean(info, native) + 20);
        Assert.Throws<DicomCodecException>(() => Jpeg2000Codec.DecodeReduced(encoded, info, 6));
    }

    [Fact]
    public void PhotometricFollowsTheComponentTransform()
    {
        var rgb = TestImages.Info(8, 8, 3, 8, 8);
        Assert.Equal("YBR_RCT", Jpeg2000Codec.PhotometricAfterEncode(Jpeg2000Codec.Jpeg2000Lossless, rgb, null));
        Assert.Equal("YBR_ICT", Jpeg2000Codec.PhotometricAfterEncode(Jpeg2000Codec.Jpeg2000, rgb, new DicomCodecParameters { CompressionRatio = 10 }));
        Assert.Equal("YBR_RCT", Jpeg2000Codec.PhotometricAfterEncode(Jpeg2000Codec.Jpeg2000, rgb, null));
        Assert.Equal("MONOCHROME2", Jpeg2000Codec.PhotometricAfterEncode(Jpeg2000Codec.Jpeg2000, TestImages.Info(8, 8, 1, 8, 8), null));
        Assert.Equal("RGB", Jpeg2000Codec.PhotometricAfterDecode("YBR_ICT"));
        Assert.Equal("MONOCHROME1", Jpeg2000Codec.PhotometricAfterDecode("MONOCHROME1"));
    }

    [Fact]
    public void TheRegistryServesBothSyntaxes()
    {
        Assert.IsType<Jpeg2000Codec>(DicomCodecRegistry.Get(Jpeg2000Codec.Jpeg2000Lossless));
        Assert.IsType<Jpeg2000Codec>(DicomCodecRegistry.Get(Jpeg2000Codec.Jpeg2000));
    }

    private static int Sample(FrameInfo info, byte[] data, int i)
    {
        var v = info.BitsAllocated == 8 ? data[i] : data[2 * i] | data[2 * i + 1] << 8;
        return v & ((1 << info.BitsStored) - 1);
    }

    private static double Mean(FrameInfo info, byte[] data)
    {
        var n = info.Rows * info.Columns * info.SamplesPerPixel;
        double sum = 0;
        for (var i = 0; i < n; i++) sum += Sample(info, data, i);
        return sum / n;
    }

    internal static double Psnr(FrameInfo info, byte[] a, byte[] b)
    {
        var n = info.Rows * info.Columns * info.SamplesPerPixel;
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            double d = Sample(info, a, i) - Sample(info, b, i);
            sum += d * d;
        }
        var max = (1 << info.BitsStored) - 1.0;
        return sum == 0 ? 999 : 10 * Math.Log10(max * max / (sum / n));
    }
}
