using Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;
using Hounsfield.Dicom.Codecs.Tests.Jpeg2000.HighThroughput;

namespace Hounsfield.Dicom.Codecs.Tests.Jpeg2000.Tier1;

/// <summary>
/// EBCOT block encoder → EBCOT block decoder, at block level: every height around the 4-row stripe
/// (the decoder pads the last stripe), every orientation, and every truncation point of the passes.
/// </summary>
public class EbcotBlockRoundTripTests
{
    public static TheoryData<int, int> Sizes() => new()
    {
        { 1, 1 }, { 1, 2 }, { 1, 3 }, { 1, 4 }, { 1, 5 }, { 3, 6 }, { 5, 7 }, { 2, 8 }, { 7, 9 }, { 64, 1 },
        { 64, 63 }, { 64, 64 }, { 33, 31 }, { 4, 1024 }, { 1024, 4 }, { 128, 30 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Whole_blocks_come_back_exactly(int width, int height)
    {
        foreach (var orientation in Enum.GetValues<SubbandOrientation>())
            foreach (var (bits, density) in new[] { (1, 0.5), (8, 0.05), (12, 0.4), (16, 1.0) })
            {
                var block = HtBlockCoding.RandomBlock(width, height, bits, density, width * 7919 + height * 31 + bits + (int)orientation);
                var encoded = new EbcotEncoder(estimateDistortion: false).Encode(block, width, height, bits, orientation);
                var decoded = Decode(encoded, encoded.PassCount, bits, width, height, orientation, out var undecoded);
                Assert.Equal(block, decoded);
                Assert.Equal(0, undecoded);
            }
    }

    [Theory]
    [InlineData(5, 7, 1)]
    [InlineData(16, 13, 3)]
    [InlineData(64, 64, 2)]
    public void Every_truncation_keeps_the_bits_it_decoded(int width, int height, int band)
    {
        var orientation = (SubbandOrientation)band;
        const int bits = 10;
        var block = HtBlockCoding.RandomBlock(width, height, bits, 0.6, width + height);
        var encoded = new EbcotEncoder().Encode(block, width, height, bits, orientation);
        for (var passes = 1; passes <= encoded.PassCount; passes++)
        {
            var decoder = new EbcotDecoder();
            var decoded = Decode(decoder, encoded, passes, bits, width, height, orientation, out var undecoded);
            for (var y = 0; y < height; y++)
                for (var x = 0; x < width; x++)
                {
                    int original = block[y * width + x], value = decoded[y * width + x];
                    if (value == 0)
                    {
                        // Still insignificant: every plane above the last pass's was coded as 0.
                        Assert.Equal(0, Math.Abs(original) >> (undecoded + 1));
                        continue;
                    }
                    var known = undecoded + (decoder.IsCoarser(x, y) ? 1 : 0);
                    Assert.Equal(Math.Abs(original) >> known << known, Math.Abs(value));
                    Assert.Equal(Math.Sign(original), Math.Sign(value));
                }
        }
    }

    private static int[] Decode(EncodedCodeBlock encoded, int passes, int bits, int width, int height, SubbandOrientation orientation, out int undecoded) =>
        Decode(new EbcotDecoder(), encoded, passes, bits, width, height, orientation, out undecoded);

    private static int[] Decode(EbcotDecoder decoder, EncodedCodeBlock encoded, int passes, int bits, int width, int height, SubbandOrientation orientation, out int undecoded)
    {
        var length = passes == 0 ? 0 : encoded.PassLengths[passes - 1];
        CodeBlockSegment[] segments = passes == 0 ? [] : [new CodeBlockSegment(length, passes)];
        var input = new CodeBlockInput(encoded.Data.AsSpan(0, length), segments, passes, encoded.ZeroBitPlanes, bits, width, height, orientation, CodeBlockStyle.None);
        var samples = new int[width * height];
        undecoded = decoder.Decode(input, samples);
        return samples;
    }
}
