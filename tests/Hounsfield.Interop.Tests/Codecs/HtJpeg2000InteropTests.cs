using Hounsfield.Dicom.Codecs;
using Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput;
using Hounsfield.Dicom.Codecs.Tests;
using Hounsfield.Interop.Tests.Support;
using Xunit.Abstractions;

namespace Hounsfield.Interop.Tests.Codecs;

/// <summary>HTJ2K against OpenJPH 0.9 (ojph_compress / ojph_expand).</summary>
public sealed class HtJpeg2000InteropTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<int, int, int, int, string> LosslessCases() => new()
    {
        { 64, 64, 1, 8, "" },
        { 37, 29, 1, 8, "" },
        { 1, 1, 1, 8, "-num_decomps 0" },
        { 3, 5, 1, 12, "-num_decomps 1" },
        { 130, 67, 1, 12, "" },
        { 100, 90, 1, 16, "" },
        { 65, 33, 3, 8, "" },
        { 48, 50, 3, 8, "-colour_trans false" },
        { 70, 70, 1, 16, "-prog_order LRCP" },
        { 70, 70, 1, 10, "-prog_order RLCP" },
        { 70, 70, 3, 8, "-prog_order PCRL" },
        { 70, 70, 3, 8, "-prog_order CPRL" },
        { 140, 120, 1, 12, "-prog_order RPCL -tile_size {64,64}" },
        { 150, 99, 1, 8, "-image_offset {5,7} -tile_offset {2,3} -tile_size {48,40}" },
        { 128, 128, 1, 16, "-block_size {32,32} -precincts {64,64},{32,32}" },
        { 96, 40, 1, 12, "-block_size {16,64} -num_decomps 3" },
        { 200, 16, 1, 8, "-block_size {64,16}" },
    };

    private static string[] Options(string options) =>
        options.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Theory]
    [MemberData(nameof(LosslessCases))]
    public void OpenJph_lossless_decodes_bit_exact(int columns, int rows, int samples, int bits, string options)
    {
        var info = TestImages.Info(rows, columns, samples, bits > 8 ? 16 : 8, bits);
        foreach (var kind in new[] { "mixed", "noise" })
        {
            var native = TestImages.Make(info, bits + columns, kind);
            var codestream = OpenJph.Compress(_dir.Path, info, native, ["-reversible", "true", .. Options(options)]);
            var decoded = new byte[info.NativeFrameLength];
            new HtJpeg2000Codec().Decode(HtJpeg2000Codec.HtJpeg2000Lossless, codestream, info, decoded);
            Assert.Equal(TestImages.Masked(info, native), TestImages.Masked(info, decoded));
        }
    }

    public static TheoryData<int, int, int, int, string> LossyCases() => new()
    {
        { 64, 64, 1, 8, "-qstep 0.01" },
        { 99, 77, 1, 12, "-qstep 0.001" },
        { 80, 60, 3, 8, "-qstep 0.02" },
        { 100, 100, 1, 16, "-qstep 0.0005 -prog_order LRCP" },
    };

    [Theory]
    [MemberData(nameof(LossyCases))]
    public void OpenJph_lossy_decodes_like_ojph_expand(int columns, int rows, int samples, int bits, string options)
    {
        var info = TestImages.Info(rows, columns, samples, bits > 8 ? 16 : 8, bits);
        var native = TestImages.Make(info, 3, "gradient");
        var codestream = OpenJph.Compress(_dir.Path, info, native, ["-reversible", "false", .. Options(options)]);
        var reference = OpenJph.Expand(_dir.Path, info, codestream);
        var decoded = new byte[info.NativeFrameLength];
        new HtJpeg2000Codec().Decode(HtJpeg2000Codec.HtJpeg2000, codestream, info, decoded);
        var difference = TestImages.MaxError(info, reference, decoded);
        output.WriteLine($"max difference to ojph_expand: {difference}; to the original: {TestImages.MaxError(info, native, decoded)}");
        Assert.True(difference <= 1, $"max difference to ojph_expand {difference}");
    }
}
