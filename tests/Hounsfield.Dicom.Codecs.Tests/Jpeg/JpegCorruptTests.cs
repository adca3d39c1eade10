using System.Diagnostics;
using Hounsfield.Dicom.Codecs;
using Hounsfield.Dicom.Codecs.Jpeg;

namespace Hounsfield.Dicom.Codecs.Tests.Jpeg;

public class JpegCorruptTests
{
    public static TheoryData<string> Streams() => ["lossless16", "lossless-rgb-restart", "baseline-gray", "baseline-422-restart", "extended12"];

    private static (byte[] Encoded, FrameInfo Info, DicomTransferSyntax Syntax) Make(string kind)
    {
        var restart = kind.Contains("restart") ? 7 : 0;
        var codec = new JpegCodec(new JpegCodecOptions { RestartInterval = restart, LosslessPredictor = 6 });
        var (info, syntax) = kind switch
        {
            "lossless16" => (JpegTestImages.Info(19, 21, 1, 16), JpegCodec.Lossless),
            "lossless-rgb-restart" => (JpegTestImages.Info(9, 14, 3, 8), JpegCodec.Lossless),
            "baseline-gray" => (JpegTestImages.Info(20, 27, 1, 8), JpegCodec.Baseline),
            "baseline-422-restart" => (JpegTestImages.Info(20, 35, 3, 8), JpegCodec.Baseline),
            _ => (JpegTestImages.Info(24, 17, 1, 12), JpegCodec.Extended),
        };
        var encoded = codec.Encode(syntax, JpegTestImages.Make(info, 5, 0.3), info);
        return (encoded, info with { PhotometricInterpretation = codec.PhotometricAfterEncode(syntax, info.PhotometricInterpretation) }, syntax);
    }

    private static void DecodeExpectingOnlyCodecErrors(DicomTransferSyntax syntax, byte[] data, FrameInfo info)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            new JpegCodec().Decode(syntax, data, info, new byte[info.NativeFrameLength]);
        }
        catch (DicomCodecException)
        {
        }
        Assert.True(sw.ElapsedMilliseconds < 2000, "decoding a corrupt stream took too long");
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void TruncationThrowsCodecException(string kind)
    {
        var (encoded, info, syntax) = Make(kind);
        for (var len = 0; len < encoded.Length - 2; len++)
        {
            var cut = encoded.AsSpan(0, len).ToArray();
            var e = Record.Exception(() => new JpegCodec().Decode(syntax, cut, info, new byte[info.NativeFrameLength]));
            Assert.True(e is DicomCodecException, $"length {len}: {e?.GetType().Name ?? "no exception"} {e?.Message}");
        }
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void BitFlipsThrowOnlyCodecExceptions(string kind)
    {
        var (encoded, info, syntax) = Make(kind);
        var rng = new Random(1234);
        for (var i = 0; i < 1500; i++)
        {
            var copy = (byte[])encoded.Clone();
            var flips = 1 + rng.Next(4);
            for (var f = 0; f < flips; f++) copy[rng.Next(copy.Length)] ^= (byte)(1 << rng.Next(8));
            DecodeExpectingOnlyCodecErrors(syntax, copy, info);
        }
    }

    [Fact]
    public void GarbageAndMissingTablesThrowCodecExceptions()
    {
        var info = JpegTestImages.Info(8, 8, 1, 8);
        var codec = new JpegCodec();
        Assert.Throws<DicomCodecException>(() => codec.Decode(JpegCodec.Baseline, [], info, new byte[64]));
        Assert.Throws<DicomCodecException>(() => codec.Decode(JpegCodec.Baseline, [0xFF, 0xD8, 0xFF, 0xD9], info, new byte[64]));
        Assert.Throws<DicomCodecException>(() => codec.Decode(JpegCodec.Baseline, [1, 2, 3, 4, 5], info, new byte[64]));
        var rng = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var junk = new byte[rng.Next(2, 200)];
            rng.NextBytes(junk);
            junk[0] = 0xFF;
            junk[1] = 0xD8;
            DecodeExpectingOnlyCodecErrors(JpegCodec.Baseline, junk, info);
        }
    }

    [Fact]
    public void HugeFrameHeaderIsRejectedWithoutAllocation()
    {
        // SOF3 claiming 65535 x 65535 against a small FrameInfo.
        byte[] stream = [0xFF, 0xD8, 0xFF, 0xC3, 0, 11, 16, 0xFF, 0xFF, 0xFF, 0xFF, 1, 1, 0x11, 0, 0xFF, 0xD9];
        var info = JpegTestImages.Info(16, 16, 1, 16);
        var e = Assert.Throws<DicomCodecException>(() => new JpegCodec().Decode(JpegCodec.Lossless, stream, info, new byte[info.NativeFrameLength]));
        Assert.Contains("65535", e.Message);
    }

    [Theory]
    [InlineData("lossless16")]
    [InlineData("baseline-gray")]
    public void MissingHuffmanCodeIsReported(string kind)
    {
        var (encoded, info, syntax) = Make(kind);
        // Entropy data of all 1-bits (stuffed 0xFF 0x00 pairs): the all-ones code is reserved (K.2).
        var sos = encoded.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]);
        var start = sos + 2 + (encoded[sos + 2] << 8 | encoded[sos + 3]);
        var copy = (byte[])encoded.Clone();
        for (var i = start; i + 1 < copy.Length - 2; i += 2) { copy[i] = 0xFF; copy[i + 1] = 0; }
        var e = Assert.Throws<DicomCodecException>(() => new JpegCodec().Decode(syntax, copy, info, new byte[info.NativeFrameLength]));
        Assert.Contains("Huffman code", e.Message);
    }

    [Fact]
    public void UnsupportedProcessesAreNamed()
    {
        var info = JpegTestImages.Info(8, 8, 1, 8);
        byte[] arithmetic = [0xFF, 0xD8, 0xFF, 0xC9, 0, 11, 8, 0, 8, 0, 8, 1, 1, 0x11, 0, 0xFF, 0xD9];
        var e = Assert.Throws<DicomCodecException>(() => new JpegCodec().Decode(JpegCodec.Extended, arithmetic, info, new byte[64]));
        Assert.Contains("arithmetic", e.Message);
    }
}
