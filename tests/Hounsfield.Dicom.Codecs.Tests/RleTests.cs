using System.Buffers.Binary;
using Hounsfield.Dicom.Codecs.Rle;

namespace Hounsfield.Dicom.Codecs.Tests;

public class RleTests
{
    private static readonly RleCodec Codec = new();

    public static TheoryData<int, int, int, int, int, string> Cases()
    {
        var data = new TheoryData<int, int, int, int, int, string>();
        foreach (var ba in new[] { 8, 16, 32 })
            foreach (var samples in new[] { 1, 3 })
                foreach (var planar in samples == 3 ? new[] { 0, 1 } : new[] { 0 })
                    foreach (var (rows, cols) in new[] { (13, 7), (1, 1), (3, 511), (20, 300) })
                        foreach (var kind in new[] { "mixed", "noise", "flat", "gradient" })
                            data.Add(rows, cols, samples, ba, planar, kind);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RoundTripIsExact(int rows, int cols, int samples, int ba, int planar, string kind)
    {
        var info = TestImages.Info(rows, cols, samples, ba, ba == 32 ? 31 : ba, planar: planar);
        var native = TestImages.Make(info, rows + cols, kind);
        var encoded = Codec.Encode(RleCodec.RleLossless, native, info);
        Assert.Equal(0, encoded.Length % 2);
        Assert.Equal((uint)(samples * ba / 8), BinaryPrimitives.ReadUInt32LittleEndian(encoded));
        var decoded = new byte[info.NativeFrameLength];
        Codec.Decode(RleCodec.RleLossless, encoded, info, decoded);
        Assert.Equal(native, decoded);
    }

    [Fact]
    public void HeaderAndPackBitsFollowAnnexG()
    {
        // One 8-bit row: a run of 130 (split 128 + 2), then 3 literals.
        var row = Enumerable.Repeat((byte)5, 130).Concat(new byte[] { 1, 2, 3 }).ToArray();
        var info = TestImages.Info(1, row.Length, 1, 8, 8);
        var encoded = Codec.Encode(RleCodec.RleLossless, row, info);
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(encoded));
        Assert.Equal(64u, BinaryPrimitives.ReadUInt32LittleEndian(encoded.AsSpan(4)));
        Assert.Equal(new byte[] { 0x81, 5, 0xFF, 5, 2, 1, 2, 3 }, encoded[64..]);
    }

    [Fact]
    public void SixteenBitSegmentsRunMostSignificantFirst()
    {
        var info = TestImages.Info(1, 2, 1, 16, 16);
        byte[] native = [0x34, 0x12, 0x78, 0x56];
        var encoded = Codec.Encode(RleCodec.RleLossless, native, info);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(encoded));
        var second = (int)BinaryPrimitives.ReadUInt32LittleEndian(encoded.AsSpan(8));
        Assert.Equal(new byte[] { 1, 0x12, 0x56, 0 }, encoded[64..second]);
        Assert.Equal(new byte[] { 1, 0x34, 0x78, 0 }, encoded[second..]);
    }

    [Fact]
    public void NoOpHeaderAndLongLiteralsDecode()
    {
        var info = TestImages.Info(1, 130, 1, 8, 8);
        var expected = Enumerable.Range(0, 130).Select(i => (byte)i).ToArray();
        var stream = new byte[64].Concat(new byte[] { 0x80, 127 }).Concat(expected[..128]).Concat(new byte[] { 1, 128, 129 }).ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(stream, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(stream.AsSpan(4), 64);
        var decoded = new byte[130];
        Codec.Decode(RleCodec.RleLossless, stream, info, decoded);
        Assert.Equal(expected, decoded);
    }

    [Fact]
    public void CorruptHeadersAreRejected()
    {
        var info = TestImages.Info(4, 4, 1, 16, 16);
        var good = Codec.Encode(RleCodec.RleLossless, TestImages.Make(info), info);
        var decoded = new byte[info.NativeFrameLength];

        var tooMany = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(tooMany, 16);
        Assert.Throws<DicomCodecException>(() => Codec.Decode(RleCodec.RleLossless, tooMany, info, decoded));

        var wrongCount = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(wrongCount, 1);
        Assert.Throws<DicomCodecException>(() => Codec.Decode(RleCodec.RleLossless, wrongCount, info, decoded));

        var beyond = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(beyond.AsSpan(8), 100000);
        Assert.Throws<DicomCodecException>(() => Codec.Decode(RleCodec.RleLossless, beyond, info, decoded));

        var huge = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(huge.AsSpan(4), uint.MaxValue);
        Assert.Throws<DicomCodecException>(() => Codec.Decode(RleCodec.RleLossless, huge, info, decoded));

        Assert.Throws<DicomCodecException>(() => Codec.Decode(RleCodec.RleLossless, good.AsSpan(0, 40), info, decoded));
        Assert.Throws<DicomCodecException>(() => Codec.Encode(RleCodec.RleLossless, new byte[4 * 4 * 4 * 4], TestImages.Info(4, 4, 4, 32, 32)));
    }

    [Fact]
    public void RegistryFindsBothCodecs()
    {
        Assert.IsType<RleCodec>(DicomCodecRegistry.Get(RleCodec.RleLossless));
        Assert.IsType<JpegLs.JpegLsCodec>(DicomCodecRegistry.Get(DicomTransferSyntax.Get("1.2.840.10008.1.2.4.81")));
        Assert.False(DicomCodecRegistry.TryGet(DicomTransferSyntax.ExplicitVRLittleEndian, out _));
        Assert.Throws<DicomCodecException>(() => DicomCodecRegistry.Get(DicomTransferSyntax.ExplicitVRLittleEndian));
    }
}
