using System.Buffers.Binary;
using Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput;

namespace Hounsfield.Dicom.Codecs.Tests.Jpeg2000.HighThroughput;

/// <summary>HTJ2K frames through <see cref="HtJpeg2000Codec"/>: lossless round trips, the RPCL options, lossy at a ratio.</summary>
public class HtJpeg2000CodecTests
{
    private static readonly HtJpeg2000Codec Codec = new();

    public static TheoryData<int, int, int, int, int, bool> Frames() => new()
    {
        { 64, 64, 1, 8, 8, false },
        { 1, 1, 1, 8, 8, false },
        { 3, 5, 1, 16, 12, false },
        { 37, 129, 1, 16, 16, false },
        { 130, 67, 1, 16, 12, true },
        { 50, 40, 1, 16, 16, true },
        { 33, 47, 3, 8, 8, false },
        { 200, 150, 1, 8, 1, false },
        { 64, 300, 1, 16, 15, false },
    };

    private static byte[] Decode(byte[] encoded, FrameInfo info)
    {
        var decoded = new byte[info.NativeFrameLength];
        Codec.Decode(HtJpeg2000Codec.HtJpeg2000, encoded, info, decoded);
        return decoded;
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Lossless_syntaxes_round_trip_exactly(int columns, int rows, int samples, int allocated, int stored, bool signed)
    {
        var info = TestImages.Info(rows, columns, samples, allocated, stored, signed);
        foreach (var kind in new[] { "mixed", "noise", "flat" })
        {
            var native = TestImages.Make(info, rows + columns, kind);
            foreach (var syntax in Codec.TransferSyntaxes)
            {
                var encoded = Codec.Encode(syntax, native, info);
                Assert.Equal(TestImages.Masked(info, native), TestImages.Masked(info, Decode(encoded, info)));
            }
        }
    }

    [Fact]
    public void Planar_rgb_round_trips()
    {
        var info = TestImages.Info(21, 34, 3, 8, 8, planar: 1);
        var native = TestImages.Make(info, 4);
        var encoded = Codec.Encode(HtJpeg2000Codec.HtJpeg2000Lossless, native, info);
        var decoded = Decode(encoded, info);
        Assert.Equal(native, decoded);
    }

    [Fact]
    public void Code_stream_declares_HT_in_Rsiz_CAP_and_COD()
    {
        var info = TestImages.Info(40, 40, 1, 8, 8);
        var encoded = Codec.Encode(HtJpeg2000Codec.HtJpeg2000Lossless, TestImages.Make(info), info);
        var markers = Markers(encoded);
        Assert.Equal(0x4000, BinaryPrimitives.ReadUInt16BigEndian(markers[0xFF51].Span) & 0x4000);
        Assert.Equal(0x00020000u, BinaryPrimitives.ReadUInt32BigEndian(markers[0xFF50].Span));
        var cod = markers[0xFF52].Span;
        Assert.Equal(0x40, cod[8] & 0xC0);
        Assert.Equal(1, cod[9]); // 5/3
    }

    [Fact]
    public void Rpcl_syntax_has_RPCL_TLM_PLT_and_a_small_base_resolution()
    {
        var info = TestImages.Info(2100, 3000, 1, 8, 8);
        var encoded = Codec.Encode(HtJpeg2000Codec.HtJpeg2000LosslessRpcl, TestImages.Make(info, 2, "gradient"), info);
        var markers = Markers(encoded);
        var cod = markers[0xFF52].Span;
        Assert.Equal(2, cod[1]); // RPCL
        var levels = cod[5];
        Assert.True((2100 + (1 << levels) - 1) >> levels <= 64, $"{levels} levels leave a base resolution above 64");
        Assert.True(markers.ContainsKey(0xFF55), "TLM");
        Assert.True(markers.ContainsKey(0xFF58), "PLT");
        // One tile-part per resolution, all listed in TLM, adding up to the tile data.
        var tlm = markers[0xFF55].Span;
        var entries = (tlm.Length - 2) / 6;
        Assert.Equal(levels + 1, entries);
        long total = 0;
        for (var i = 0; i < entries; i++) total += BinaryPrimitives.ReadUInt32BigEndian(tlm[(4 + 6 * i)..]);
        Assert.Equal(encoded.Length - 2 - IndexOf(encoded, 0xFF90), total);
        var sot = IndexOf(encoded, 0xFF90);
        Assert.Equal(levels + 1, encoded[sot + 11]);
        AssertPacketLengthsAddUp(encoded, sot);
        Assert.Equal(TestImages.Masked(info, TestImages.Make(info, 2, "gradient")), TestImages.Masked(info, Decode(encoded, info)));
    }

    [Theory]
    [InlineData(1, 8, 10.0)]
    [InlineData(1, 12, 20.0)]
    [InlineData(3, 8, 15.0)]
    [InlineData(1, 16, 5.0)]
    public void Lossy_meets_the_ratio_with_bounded_error(int samples, int bits, double ratio)
    {
        var info = TestImages.Info(128, 160, samples, bits > 8 ? 16 : 8, bits);
        var native = TestImages.Make(info, 9, "gradient");
        var encoded = Codec.Encode(HtJpeg2000Codec.HtJpeg2000, native, info, new DicomCodecParameters { CompressionRatio = ratio });
        Assert.True(encoded.Length <= info.NativeFrameLength / ratio, $"{encoded.Length} bytes for ratio {ratio}");
        var error = TestImages.MaxError(info, native, Decode(encoded, info));
        Assert.InRange(error, 0, (1 << bits) / 8);
        Assert.Equal("YBR_ICT", HtJpeg2000Codec.PhotometricAfterEncode(HtJpeg2000Codec.HtJpeg2000, TestImages.Info(2, 2, 3, 8, 8), new DicomCodecParameters { CompressionRatio = ratio }));
    }

    [Fact]
    public void Lossless_syntaxes_ignore_a_ratio()
    {
        var info = TestImages.Info(30, 30, 1, 8, 8);
        var native = TestImages.Make(info);
        var encoded = Codec.Encode(HtJpeg2000Codec.HtJpeg2000Lossless, native, info, new DicomCodecParameters { CompressionRatio = 50 });
        Assert.Equal(native, Decode(encoded, info));
        Assert.Equal("YBR_RCT", HtJpeg2000Codec.PhotometricAfterEncode(HtJpeg2000Codec.HtJpeg2000Lossless, TestImages.Info(2, 2, 3, 8, 8), new DicomCodecParameters { CompressionRatio = 50 }));
    }

    [Fact]
    public void Corrupt_code_streams_raise_only_codec_errors()
    {
        var info = TestImages.Info(40, 70, 1, 16, 12);
        var encoded = Codec.Encode(HtJpeg2000Codec.HtJpeg2000LosslessRpcl, TestImages.Make(info, 8), info);
        var random = new Random(3);
        var decoded = new byte[info.NativeFrameLength];
        for (var trial = 0; trial < 300; trial++)
        {
            var copy = trial % 3 == 0 ? encoded[..random.Next(encoded.Length)] : (byte[])encoded.Clone();
            if (trial % 3 != 0)
                for (var flips = random.Next(1, 5); flips > 0; flips--)
                    copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
            try
            {
                Codec.Decode(HtJpeg2000Codec.HtJpeg2000LosslessRpcl, copy, info, decoded);
            }
            catch (DicomCodecException)
            {
            }
        }
    }

    /// <summary>In every tile-part, the PLT packet lengths add up to the bytes after SOD.</summary>
    private static void AssertPacketLengthsAddUp(byte[] stream, int sot)
    {
        var parts = 0;
        while (BinaryPrimitives.ReadUInt16BigEndian(stream.AsSpan(sot)) == 0xFF90)
        {
            var psot = (int)BinaryPrimitives.ReadUInt32BigEndian(stream.AsSpan(sot + 6));
            var position = sot + 12;
            long packets = 0;
            var count = 0;
            while (BinaryPrimitives.ReadUInt16BigEndian(stream.AsSpan(position)) != 0xFF93)
            {
                var marker = BinaryPrimitives.ReadUInt16BigEndian(stream.AsSpan(position));
                var length = BinaryPrimitives.ReadUInt16BigEndian(stream.AsSpan(position + 2));
                if (marker == 0xFF58)
                {
                    var value = 0L;
                    foreach (var b in stream.AsSpan(position + 5, length - 3))
                    {
                        value = (value << 7) | (b & 0x7Fu);
                        if ((b & 0x80) != 0) continue;
                        packets += value;
                        count++;
                        value = 0;
                    }
                }
                position += 2 + length;
            }
            var body = sot + psot - (position + 2);
            Assert.True(count > 0, "a tile-part without PLT");
            Assert.Equal(body, packets);
            sot += psot;
            parts++;
        }
        Assert.True(parts > 1);
    }

    /// <summary>Main and first tile-part header marker segments by marker code (first occurrence).</summary>
    private static Dictionary<int, ReadOnlyMemory<byte>> Markers(byte[] stream)
    {
        var result = new Dictionary<int, ReadOnlyMemory<byte>>();
        var position = 2;
        while (position + 4 <= stream.Length)
        {
            var marker = BinaryPrimitives.ReadUInt16BigEndian(stream.AsSpan(position));
            if (marker == 0xFF93) break;
            var length = BinaryPrimitives.ReadUInt16BigEndian(stream.AsSpan(position + 2));
            result.TryAdd(marker, stream.AsMemory(position + 4, length - 2));
            position += 2 + length;
        }
        return result;
    }

    private static int IndexOf(byte[] stream, int marker)
    {
        for (var i = 0; i + 1 < stream.Length; i++)
            if (stream[i] == 0xFF && stream[i + 1] == (marker & 0xFF)) return i;
        return -1;
    }
}
