using Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

namespace Hounsfield.Dicom.Codecs.Tests.Jpeg2000.HighThroughput;

/// <summary>Truncated, mutated and random code-blocks: the decoder returns or raises DicomCodecException, nothing else, and never hangs.</summary>
public class HtBlockCorruptionTests
{
    private static void DecodeExpectingOnlyCodecErrors(byte[] data, CodeBlockSegment[] segments, int passes, int zbp, int mb, int width, int height,
        CodeBlockStyle style = CodeBlockStyle.HighThroughput)
    {
        var samples = new int[width * height];
        try
        {
            HtBlockCoding.Decode(data, segments, passes, zbp, mb, width, height, samples, style);
        }
        catch (DicomCodecException)
        {
        }
    }

    [Theory]
    [InlineData(64, 64, 12)]
    [InlineData(3, 5, 8)]
    [InlineData(32, 128, 16)]
    [InlineData(17, 1, 30)]
    public void Truncated_and_mutated_cleanup_segments(int width, int height, int mb)
    {
        var block = HtBlockCoding.RandomBlock(width, height, mb, 0.5, 7);
        var encoded = HtBlockCoding.RoundTrip(block, width, height, mb).Encoded;
        var data = encoded.Data;
        for (var length = 0; length <= data.Length; length++)
            DecodeExpectingOnlyCodecErrors(data[..length], [new CodeBlockSegment(length, 1)], 1, encoded.ZeroBitPlanes, mb, width, height);
        var random = new Random(5);
        for (var trial = 0; trial < 400; trial++)
        {
            var copy = (byte[])data.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
                copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
            DecodeExpectingOnlyCodecErrors(copy, [new CodeBlockSegment(copy.Length, 1)], 1, encoded.ZeroBitPlanes, mb, width, height);
        }
    }

    [Fact]
    public void Random_bytes_with_any_pass_count_and_segmentation()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 3000; trial++)
        {
            var width = random.Next(1, 65);
            var height = random.Next(1, 65);
            var mb = random.Next(1, 31);
            var data = new byte[random.Next(0, 300)];
            random.NextBytes(data);
            var passes = random.Next(0, 8);
            var split = data.Length == 0 ? 0 : random.Next(data.Length);
            CodeBlockSegment[] segments = passes switch
            {
                0 => [],
                1 => [new CodeBlockSegment(data.Length, 1)],
                _ => [new CodeBlockSegment(split, 1), new CodeBlockSegment(data.Length - split, passes - 1)],
            };
            var style = random.Next(2) == 0 ? CodeBlockStyle.HighThroughput : CodeBlockStyle.HighThroughput | CodeBlockStyle.VerticallyCausal;
            DecodeExpectingOnlyCodecErrors(data, segments, passes, random.Next(0, mb + 2), mb, width, height, style);
        }
    }

    [Fact]
    public void Segment_lengths_beyond_the_data_are_rejected()
    {
        Assert.Throws<DicomCodecException>(() =>
            HtBlockCoding.Decode(new byte[4], [new CodeBlockSegment(10, 1)], 1, 0, 8, 4, 4, new int[16]));
        Assert.Throws<DicomCodecException>(() =>
            HtBlockCoding.Decode(new byte[4], [new CodeBlockSegment(4, 1)], 3, 0, 8, 4, 4, new int[16]));
    }
    [Fact]
    public void Mixed_code_block_style_is_rejected()
    {
        var coders = new CodeBlockCoders();
        Assert.IsType<Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput.HtBlockDecoder>(coders.Decoder(CodeBlockStyle.HighThroughput | CodeBlockStyle.VerticallyCausal));
        Assert.Throws<DicomCodecException>(() => coders.Decoder(CodeBlockStyle.HighThroughput | CodeBlockStyle.HighThroughputMixed));
    }

    [Fact]
    public void Only_placeholder_passes_of_the_last_set_decode_to_zero()
    {
        var samples = Enumerable.Repeat(7, 16).ToArray();
        var p = HtBlockCoding.Decode([], [new CodeBlockSegment(0, 1), new CodeBlockSegment(0, 2), new CodeBlockSegment(0, 1)], 4, 3, 10, 4, 4, samples);
        Assert.Equal(7, p);
        Assert.All(samples, v => Assert.Equal(0, v));
    }
}
