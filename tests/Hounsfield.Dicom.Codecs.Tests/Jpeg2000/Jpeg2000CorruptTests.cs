using System.Buffers.Binary;
using Hounsfield.Dicom.Codecs.Jpeg2000;

namespace Hounsfield.Dicom.Codecs.Tests.Jpeg2000;

/// <summary>Truncated, mutated and lying code streams raise DicomCodecException and nothing else.</summary>
public class Jpeg2000CorruptTests
{
    private static readonly Jpeg2000Codec Codec = new();

    public static TheoryData<string> Streams() => ["gray8", "gray12-lossy", "rgb-tiles", "signed16"];

    private static (FrameInfo Info, byte[] Encoded) Make(string kind)
    {
        var info = kind switch
        {
            "gray8" => TestImages.Info(19, 23, 1, 8, 8),
            "gray12-lossy" => TestImages.Info(24, 17, 1, 16, 12),
            "rgb-tiles" => TestImages.Info(20, 18, 3, 8, 8),
            _ => TestImages.Info(15, 16, 1, 16, 16, signed: true),
        };
        var native = TestImages.Make(info, 4);
        var options = Jpeg2000EncoderOptions.For(info, kind == "gray12-lossy" ? 4 : 0);
        if (kind == "rgb-tiles") options = options with { TileWidth = 8, TileHeight = 8, Levels = 2 };
        return (info, new Jpeg2000Encoder(info, options).Encode(native));
    }

    private static void DecodeExpectingOnlyCodecErrors(FrameInfo info, byte[] data)
    {
        try
        {
            Codec.Decode(Jpeg2000Codec.Jpeg2000, data, info, new byte[info.NativeFrameLength]);
        }
        catch (DicomCodecException)
        {
        }
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void EveryTruncationFailsCleanly(string kind)
    {
        var (info, encoded) = Make(kind);
        for (var length = 0; length < encoded.Length - 2; length++)
            Assert.Throws<DicomCodecException>(() => Codec.Decode(Jpeg2000Codec.Jpeg2000, encoded[..length], info, new byte[info.NativeFrameLength]));
        // Only the EOC marker missing: the data is complete, so it decodes.
        Codec.Decode(Jpeg2000Codec.Jpeg2000, encoded[..^2], info, new byte[info.NativeFrameLength]);
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void RandomMutationsFailCleanly(string kind)
    {
        var (info, encoded) = Make(kind);
        var random = new Random(20261124);
        for (var trial = 0; trial < 1500; trial++)
        {
            var corrupt = (byte[])encoded.Clone();
            var changes = 1 + random.Next(4);
            for (var f = 0; f < changes; f++)
            {
                var at = random.Next(corrupt.Length);
                corrupt[at] = random.Next(3) == 0 ? (byte)random.Next(256) : (byte)(corrupt[at] ^ (1 << random.Next(8)));
            }
            DecodeExpectingOnlyCodecErrors(info, corrupt);
        }
    }

    [Fact]
    public void HeaderLiesAreRejected()
    {
        var (info, good) = Make("gray8");
        Assert.Throws<DicomCodecException>(() => Codec.Decode(Jpeg2000Codec.Jpeg2000, good, TestImages.Info(20, 23, 1, 8, 8), new byte[20 * 23]));
        Assert.Throws<DicomCodecException>(() => Codec.Decode(Jpeg2000Codec.Jpeg2000, good, TestImages.Info(19, 23, 3, 8, 8), new byte[19 * 23 * 3]));
        Assert.Throws<DicomCodecException>(() => Codec.Decode(Jpeg2000Codec.Jpeg2000, [], info, new byte[info.NativeFrameLength]));
        Assert.Throws<DicomCodecException>(() => Codec.Decode(Jpeg2000Codec.Jpeg2000, [0xFF, 0x4F, 0xFF, 0xD9], info, new byte[info.NativeFrameLength]));

        // SIZ claiming a 2^31−1 square image and 65535 layers in COD: refused before any allocation.
        var huge = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(huge.AsSpan(8), int.MaxValue);
        BinaryPrimitives.WriteUInt32BigEndian(huge.AsSpan(12), int.MaxValue);
        Assert.Throws<DicomCodecException>(() => Codec.Decode(Jpeg2000Codec.Jpeg2000, huge, info, new byte[info.NativeFrameLength]));
        var layers = (byte[])good.Clone();
        var cod = IndexOfMarker(layers, 0xFF52);
        layers[cod + 6] = 0xFF;
        layers[cod + 7] = 0xFF;
        Assert.Throws<DicomCodecException>(() => Codec.Decode(Jpeg2000Codec.Jpeg2000, layers, info, new byte[info.NativeFrameLength]));
    }

    private static int IndexOfMarker(byte[] data, int marker)
    {
        for (var i = 0; i + 1 < data.Length; i++)
            if (data[i] == marker >> 8 && data[i + 1] == (marker & 0xFF)) return i;
        throw new InvalidOperationException("marker not found");
    }
}
