using Hounsfield.Dicom.Codecs;
using Hounsfield.Dicom.Codecs.Jpeg;

namespace Hounsfield.Dicom.Codecs.Tests.Jpeg;

public class JpegLosslessTests
{
    public static TheoryData<int, int, int, int, bool> Cases()
    {
        var d = new TheoryData<int, int, int, int, bool>();
        foreach (var bits in new[] { 2, 8, 12, 16 })
            for (var p = 1; p <= 7; p++)
            {
                d.Add(bits, p, 1, 0, false);
                d.Add(bits, p, 3, 0, false);
            }
        d.Add(12, 1, 1, 0, true);
        d.Add(16, 6, 1, 0, true);
        d.Add(8, 7, 1, 0, true);
        d.Add(16, 1, 1, 100, false);
        d.Add(12, 4, 3, 37, false);
        return d;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RoundTripIsExact(int bits, int predictor, int spp, int restart, bool signed)
    {
        var codec = new JpegCodec(new JpegCodecOptions { LosslessPredictor = predictor, RestartInterval = restart });
        foreach (var (rows, cols) in new[] { (17, 23), (1, 1), (64, 3), (2, 97) })
        {
            var info = JpegTestImages.Info(rows, cols, spp, bits, signed);
            foreach (var native in new[] { JpegTestImages.Make(info, rows), JpegTestImages.Noise(info, cols) })
            {
                var encoded = codec.Encode(JpegCodec.Lossless, native, info);
                var decoded = new byte[info.NativeFrameLength];
                codec.Decode(JpegCodec.Lossless, encoded, info, decoded);
                Assert.Equal(native, decoded);
            }
        }
    }

    [Fact]
    public void PlanarConfigurationOneRoundTrips()
    {
        var codec = new JpegCodec();
        var info = JpegTestImages.Info(31, 33, 3, 8, planar: 1);
        var native = JpegTestImages.Make(info);
        var encoded = codec.Encode(JpegCodec.LosslessSV1, native, info);
        var decoded = new byte[info.NativeFrameLength];
        codec.Decode(JpegCodec.LosslessSV1, encoded, info, decoded);
        Assert.Equal(native, decoded);
    }

    [Fact]
    public void ExtremeDifferencesOf16BitsRoundTrip()
    {
        var codec = new JpegCodec();
        var info = JpegTestImages.Info(4, 8, 1, 16);
        var native = new byte[info.NativeFrameLength];
        for (var i = 0; i < native.Length / 2; i++)
        {
            var v = (i & 1) == 0 ? 0 : (i % 3 == 0 ? 0x8000 : 0xFFFF);
            native[2 * i] = (byte)v;
            native[2 * i + 1] = (byte)(v >> 8);
        }
        var decoded = new byte[info.NativeFrameLength];
        codec.Decode(JpegCodec.LosslessSV1, codec.Encode(JpegCodec.LosslessSV1, native, info), info, decoded);
        Assert.Equal(native, decoded);
    }

    [Fact]
    public void PointTransformDropsLowBits()
    {
        var codec = new JpegCodec(new JpegCodecOptions { PointTransform = 2, LosslessPredictor = 5 });
        var info = JpegTestImages.Info(20, 20, 1, 12);
        var native = JpegTestImages.Make(info);
        var decoded = new byte[info.NativeFrameLength];
        codec.Decode(JpegCodec.Lossless, codec.Encode(JpegCodec.Lossless, native, info), info, decoded);
        for (var i = 0; i < native.Length; i += 2)
            Assert.Equal((native[i] | native[i + 1] << 8) & ~3, decoded[i] | decoded[i + 1] << 8);
    }

    [Fact]
    public void WrongDimensionsAreRejected()
    {
        var codec = new JpegCodec();
        var info = JpegTestImages.Info(10, 10, 1, 8);
        var encoded = codec.Encode(JpegCodec.LosslessSV1, JpegTestImages.Make(info), info);
        var other = JpegTestImages.Info(10, 11, 1, 8);
        Assert.Throws<DicomCodecException>(() => codec.Decode(JpegCodec.LosslessSV1, encoded, other, new byte[other.NativeFrameLength]));
    }
}
