using Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput;
using Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Codecs;

/// <summary>
/// The HT block coder against OpenJPH (ojph_compress / ojph_expand) on single-code-block code streams
/// (no wavelet levels, so the code-block holds the level-shifted samples themselves).
/// </summary>
public sealed class HtBlockOpenJphTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<int, int, int> Cases() => new()
    {
        { 1, 1, 8 }, { 3, 5, 8 }, { 37, 29, 8 }, { 64, 64, 8 }, { 64, 1, 8 }, { 1, 64, 8 },
        { 17, 33, 12 }, { 64, 64, 12 }, { 64, 64, 16 }, { 5, 2, 16 }, { 63, 62, 10 },
    };

    private static int[] Image(int width, int height, int bits, int seed)
    {
        var random = new Random(seed);
        var max = (1 << bits) - 1;
        var samples = new int[width * height];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                // Smooth areas, noise and extremes, so small and large exponents both occur.
                var v = (seed % 3) switch
                {
                    0 => random.Next(max + 1),
                    1 => (x * 7 + y * 3) * max / Math.Max(1, width * 7 + height * 3),
                    _ => (x + y) % 5 == 0 ? max : (x * y) % 3 == 0 ? 0 : random.Next(max / 16 + 1),
                };
                samples[y * width + x] = v;
            }
        return samples;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OpenJph_blocks_decode_to_the_image(int width, int height, int bits)
    {
        for (var seed = 0; seed < 3; seed++)
        {
            var image = Image(width, height, bits, seed);
            var pgm = _dir.File($"in{seed}.pgm");
            var j2c = _dir.File($"in{seed}.j2c");
            Pgm.Write(pgm, width, height, (1 << bits) - 1, image);
            PeerTool.Run("ojph_compress", "-i", pgm, "-o", j2c, "-num_decomps", "0", "-block_size", "{64,64}", "-reversible", "true").EnsureSuccess();
            var parts = SingleCodeBlockStream.Parse(File.ReadAllBytes(j2c));

            var decoded = new int[width * height];
            var input = new CodeBlockInput(parts.Block, [new CodeBlockSegment(parts.Block.Length, parts.Passes)], parts.Passes,
                parts.ZeroBitPlanes, parts.MagnitudeBitPlanes, width, height, SubbandOrientation.LL, CodeBlockStyle.HighThroughput);
            Assert.Equal(0, new HtBlockDecoder().Decode(input, decoded));
            var shift = 1 << (bits - 1);
            Assert.Equal(image, decoded.Select(v => v + shift).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Our_blocks_decode_in_ojph_expand(int width, int height, int bits)
    {
        for (var seed = 0; seed < 3; seed++)
        {
            var image = Image(width, height, bits, seed + 10);
            var pgm = _dir.File($"ref{seed}.pgm");
            var j2c = _dir.File($"ref{seed}.j2c");
            Pgm.Write(pgm, width, height, (1 << bits) - 1, image);
            PeerTool.Run("ojph_compress", "-i", pgm, "-o", j2c, "-num_decomps", "0", "-block_size", "{64,64}", "-reversible", "true").EnsureSuccess();
            var parts = SingleCodeBlockStream.Parse(File.ReadAllBytes(j2c));

            var shift = 1 << (bits - 1);
            var coefficients = image.Select(v => v - shift).ToArray();
            var encoded = new HtBlockEncoder().Encode(coefficients, width, height, parts.MagnitudeBitPlanes, SubbandOrientation.LL);
            var ours = _dir.File($"ours{seed}.j2c");
            var output = _dir.File($"ours{seed}.pgm");
            File.WriteAllBytes(ours, SingleCodeBlockStream.Build(parts.MainHeader, encoded.Data, encoded.ZeroBitPlanes));
            PeerTool.Run("ojph_expand", "-i", ours, "-o", output).EnsureSuccess();
            Assert.Equal(image, Pgm.Read(output).Samples);
        }
    }
}
