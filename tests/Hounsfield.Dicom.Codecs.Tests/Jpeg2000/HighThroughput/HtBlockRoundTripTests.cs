namespace Hounsfield.Dicom.Codecs.Tests.Jpeg2000.HighThroughput;

/// <summary>HT block encoder → HT block decoder: every block comes back exactly.</summary>
public class HtBlockRoundTripTests
{
    public static TheoryData<int, int> Sizes() => new()
    {
        { 1, 1 }, { 1, 2 }, { 2, 1 }, { 2, 2 }, { 3, 5 }, { 5, 3 }, { 4, 4 }, { 7, 9 }, { 1, 64 }, { 64, 1 },
        { 8, 8 }, { 16, 16 }, { 31, 33 }, { 32, 32 }, { 63, 63 }, { 64, 64 }, { 32, 128 }, { 128, 32 },
        { 1024, 4 }, { 4, 1024 }, { 256, 16 }, { 13, 64 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Random_blocks_of_every_shape_round_trip(int width, int height)
    {
        foreach (var bits in new[] { 1, 2, 5, 8, 12, 16, 23, 30 })
            foreach (var density in new[] { 0.02, 0.3, 1.0 })
            {
                var block = HtBlockCoding.RandomBlock(width, height, bits, density, width * 1000 + height * 31 + bits);
                var (decoded, p, _) = HtBlockCoding.RoundTrip(block, width, height, bits);
                Assert.Equal(block, decoded);
                if (block.Any(v => v != 0))
                    Assert.Equal(0, p);
            }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(30)]
    public void Extreme_values_round_trip(int bits)
    {
        var max = (int)((1L << bits) - 1);
        foreach (var (width, height) in new[] { (64, 64), (3, 5), (1, 1), (33, 2) })
        {
            var allMax = Enumerable.Range(0, width * height).Select(i => i % 3 == 0 ? -max : max).ToArray();
            Assert.Equal(allMax, HtBlockCoding.RoundTrip(allMax, width, height, bits).Samples);
            var ones = Enumerable.Range(0, width * height).Select(i => i % 2 == 0 ? 1 : -1).ToArray();
            Assert.Equal(ones, HtBlockCoding.RoundTrip(ones, width, height, bits).Samples);
        }
    }

    [Fact]
    public void Structured_blocks_round_trip()
    {
        const int n = 64;
        var gradient = new int[n * n];
        var checker = new int[n * n];
        var single = new int[n * n];
        var stripes = new int[n * n];
        for (var y = 0; y < n; y++)
            for (var x = 0; x < n; x++)
            {
                gradient[y * n + x] = (x - y) * 1000;
                checker[y * n + x] = ((x / 2 + y / 2) & 1) == 0 ? 65535 : 0;
                stripes[y * n + x] = y % 5 == 0 ? -(1 << 20) + x : 0;
            }
        single[n * n - 1] = -3;
        foreach (var block in new[] { gradient, checker, single, stripes })
            Assert.Equal(block, HtBlockCoding.RoundTrip(block, n, n, 21).Samples);
    }

    [Fact]
    public void All_zero_block_has_no_passes_and_decodes_to_zero()
    {
        var (decoded, p, encoded) = HtBlockCoding.RoundTrip(new int[64], 8, 8, 10);
        Assert.Equal(0, encoded.PassCount);
        Assert.Empty(encoded.Data);
        Assert.All(decoded, v => Assert.Equal(0, v));
        Assert.Equal(0, p);
    }

    [Fact]
    public void Encoder_rejects_values_beyond_the_bit_planes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput.HtBlockEncoder()
            .Encode([256], 1, 1, 8, Hounsfield.Dicom.Codecs.Jpeg2000.Tier1.SubbandOrientation.LL));
    }
}
