using Hounsfield.Dicom.Codecs.JpegLs;

namespace Hounsfield.Dicom.Codecs.Tests;

public class JpegLsRoundTripTests
{
    private static readonly JpegLsCodec Codec = new();

    public static TheoryData<int, int, int, int, int, bool, string> LosslessCases()
    {
        var data = new TheoryData<int, int, int, int, int, bool, string>();
        foreach (var (ba, bs) in new[] { (8, 2), (8, 8), (16, 12), (16, 16), (8, 5), (16, 9) })
            foreach (var (rows, cols) in new[] { (13, 7), (1, 1), (3, 511), (64, 64) })
                foreach (var kind in new[] { "mixed", "noise", "flat", "gradient" })
                    data.Add(rows, cols, 1, ba, bs, false, kind);
        foreach (var (ba, bs) in new[] { (8, 8), (16, 12), (16, 16) })
            data.Add(17, 19, 1, ba, bs, true, "mixed");
        foreach (var (ba, bs) in new[] { (8, 8), (16, 16), (8, 2), (16, 12) })
            foreach (var (rows, cols) in new[] { (13, 7), (1, 1), (3, 511), (32, 33) })
                data.Add(rows, cols, 3, ba, bs, false, "mixed");
        return data;
    }

    [Theory]
    [MemberData(nameof(LosslessCases))]
    public void LosslessRoundTripIsExact(int rows, int cols, int samples, int ba, int bs, bool signed, string kind)
    {
        foreach (var planar in samples == 3 ? new[] { 0, 1 } : new[] { 0 })
        {
            foreach (var ilv in samples == 3 ? Enum.GetValues<JpegLsInterleave>() : [JpegLsInterleave.None])
            {
                var info = TestImages.Info(rows, cols, samples, ba, bs, signed, planar);
                var native = TestImages.Make(info, rows * cols + bs, kind);
                var encoded = new JpegLsCodec(ilv).Encode(JpegLsCodec.JpegLsLossless, native, info);
                Assert.Equal((int)ilv, ScanInterleave(encoded));
                var decoded = new byte[info.NativeFrameLength];
                Codec.Decode(JpegLsCodec.JpegLsLossless, encoded, info, decoded);
                Assert.Equal(native, decoded);
            }
        }
    }

    [Theory]
    [InlineData(1, 8, 8, 1)]
    [InlineData(1, 16, 12, 1)]
    [InlineData(1, 16, 16, 3)]
    [InlineData(3, 8, 8, 3)]
    [InlineData(1, 8, 8, 3)]
    [InlineData(1, 16, 16, 1)]
    [InlineData(3, 16, 12, 1)]
    [InlineData(1, 8, 2, 1)]
    [InlineData(1, 8, 5, 3)]
    public void NearLosslessErrorIsBounded(int samples, int ba, int bs, int near)
    {
        foreach (var kind in new[] { "mixed", "noise", "gradient" })
        foreach (var ilv in samples == 3 ? Enum.GetValues<JpegLsInterleave>() : [JpegLsInterleave.None])
        {
            foreach (var (rows, cols) in new[] { (13, 7), (1, 1), (3, 511), (50, 40) })
            {
                var info = TestImages.Info(rows, cols, samples, ba, bs);
                var native = TestImages.Make(info, 7, kind);
                var encoded = new JpegLsCodec(ilv).Encode(JpegLsCodec.JpegLsNearLossless, native, info, new DicomCodecParameters { NearLossless = near });
                var decoded = new byte[info.NativeFrameLength];
                Codec.Decode(JpegLsCodec.JpegLsNearLossless, encoded, info, decoded);
                Assert.InRange(TestImages.MaxError(info, native, decoded), 0, near);
            }
        }
    }

    /// <summary>The ILV byte of the first scan header.</summary>
    private static int ScanInterleave(byte[] stream)
    {
        var sos = 2;
        while (!(stream[sos] == 0xFF && stream[sos + 1] == 0xDA))
            sos += 2 + (stream[sos + 2] << 8 | stream[sos + 3]);
        var ns = stream[sos + 4];
        return stream[sos + 4 + 2 * ns + 2];
    }

    [Fact]
    public void NearZeroOnNearLosslessSyntaxIsExact()
    {
        var info = TestImages.Info(20, 30, 1, 16, 16);
        var native = TestImages.Make(info);
        var encoded = Codec.Encode(JpegLsCodec.JpegLsNearLossless, native, info);
        var decoded = new byte[info.NativeFrameLength];
        Codec.Decode(JpegLsCodec.JpegLsNearLossless, encoded, info, decoded);
        Assert.Equal(native, decoded);
    }

    [Fact]
    public void FlatImageCompressesToAFewBytes()
    {
        var info = TestImages.Info(512, 512, 1, 16, 16);
        var native = TestImages.Make(info, kind: "flat");
        var encoded = Codec.Encode(JpegLsCodec.JpegLsLossless, native, info);
        Assert.True(encoded.Length < 2000, $"{encoded.Length} bytes");
    }

    [Fact]
    public void StreamStructureIsStandard()
    {
        var info = TestImages.Info(4, 5, 3, 8, 8);
        var encoded = Codec.Encode(JpegLsCodec.JpegLsLossless, TestImages.Make(info), info);
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF, 0xF7 }, encoded[..4]);
        Assert.Equal(new byte[] { 0xFF, 0xD9 }, encoded[^2..]);
        Assert.Equal(8, encoded[6]); // P
    }
}
