using System.Diagnostics;
using Hounsfield.Dicom.Codecs.JpegLs;
using Hounsfield.Dicom.Codecs.Rle;

namespace Hounsfield.Dicom.Codecs.Tests;

/// <summary>
/// Truncated and bit-flipped streams: decoding either succeeds or raises DicomCodecException,
/// never another exception, and finishes quickly.
/// </summary>
public class CorruptStreamTests
{
    public static TheoryData<string, int, int, int> Streams() => new()
    {
        { "jpegls", 1, 8, 0 },
        { "jpegls", 1, 16, 0 },
        { "jpegls", 1, 12, 2 },
        { "jpegls", 3, 8, 0 },
        { "jpegls-ilv2", 3, 8, 0 },
        { "jpegls-ilv0", 3, 8, 0 },
        { "rle", 1, 8, 0 },
        { "rle", 1, 16, 0 },
        { "rle", 3, 8, 0 },
        { "rle", 3, 32, 0 },
    };

    private static (IDicomCodec Codec, DicomTransferSyntax Syntax, FrameInfo Info, byte[] Encoded) Make(string kind, int samples, int bits)
    {
        var info = TestImages.Info(11, 13, samples, bits > 8 ? (bits == 32 ? 32 : 16) : 8, bits);
        var native = TestImages.Make(info, 3);
        return kind switch
        {
            "rle" => (new RleCodec(), RleCodec.RleLossless, info, new RleCodec().Encode(RleCodec.RleLossless, native, info)),
            "jpegls-ilv2" => (new JpegLsCodec(), JpegLsCodec.JpegLsLossless, info, new JpegLsCodec(JpegLsInterleave.Sample).Encode(JpegLsCodec.JpegLsLossless, native, info)),
            "jpegls-ilv0" => (new JpegLsCodec(), JpegLsCodec.JpegLsLossless, info, new JpegLsCodec(JpegLsInterleave.None).Encode(JpegLsCodec.JpegLsLossless, native, info)),
            _ => (new JpegLsCodec(), JpegLsCodec.JpegLsNearLossless, info, new JpegLsCodec().Encode(JpegLsCodec.JpegLsNearLossless, native, info)),
        };
    }

    private static void DecodeExpectingOnlyCodecErrors(IDicomCodec codec, DicomTransferSyntax syntax, FrameInfo info, byte[] stream)
    {
        var destination = new byte[info.NativeFrameLength];
        try
        {
            codec.Decode(syntax, stream, info, destination);
        }
        catch (DicomCodecException)
        {
        }
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void EveryTruncationFailsCleanly(string kind, int samples, int bits, int near)
    {
        _ = near;
        var (codec, syntax, info, encoded) = Make(kind, samples, bits);
        var watch = Stopwatch.StartNew();
        for (var length = 0; length < encoded.Length; length++)
            DecodeExpectingOnlyCodecErrors(codec, syntax, info, encoded[..length]);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{watch.Elapsed}");
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void RandomBitFlipsFailCleanly(string kind, int samples, int bits, int near)
    {
        _ = near;
        var (codec, syntax, info, encoded) = Make(kind, samples, bits);
        var random = new Random(20261124);
        var watch = Stopwatch.StartNew();
        for (var trial = 0; trial < 2000; trial++)
        {
            var corrupt = (byte[])encoded.Clone();
            var flips = 1 + random.Next(4);
            for (var f = 0; f < flips; f++)
                corrupt[random.Next(corrupt.Length)] ^= (byte)(1 << random.Next(8));
            DecodeExpectingOnlyCodecErrors(codec, syntax, info, corrupt);
        }
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"{watch.Elapsed}");
    }

    [Fact]
    public void JpegLsHeadersAreValidated()
    {
        var codec = new JpegLsCodec();
        var info = TestImages.Info(11, 13, 1, 8, 8);
        var good = codec.Encode(JpegLsCodec.JpegLsLossless, TestImages.Make(info), info);
        var destination = new byte[info.NativeFrameLength];
        Assert.Throws<DicomCodecException>(() => codec.Decode(JpegLsCodec.JpegLsLossless, good, TestImages.Info(12, 13, 1, 8, 8), new byte[12 * 13]));
        Assert.Throws<DicomCodecException>(() => codec.Decode(JpegLsCodec.JpegLsLossless, good, TestImages.Info(11, 13, 3, 8, 8), new byte[11 * 13 * 3]));
        Assert.Throws<DicomCodecException>(() => codec.Decode(JpegLsCodec.JpegLsLossless, [0xFF, 0xD8, 0xFF, 0xC0, 0, 2, 0xFF, 0xD9], info, destination));
        Assert.Throws<DicomCodecException>(() => codec.Decode(JpegLsCodec.JpegLsLossless, [], info, destination));
        var sixteen = (byte[])good.Clone();
        sixteen[6] = 17; // P
        Assert.Throws<DicomCodecException>(() => codec.Decode(JpegLsCodec.JpegLsLossless, sixteen, info, destination));
    }
}
