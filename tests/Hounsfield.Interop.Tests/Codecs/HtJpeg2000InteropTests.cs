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
    public static TheoryData<int, int, int, int, string> OurCases() => new()
    {
        { 64, 64, 1, 8, "1.2.840.10008.1.2.4.201" },
        { 1, 1, 1, 8, "1.2.840.10008.1.2.4.201" },
        { 37, 29, 1, 12, "1.2.840.10008.1.2.4.201" },
        { 130, 67, 1, 16, "1.2.840.10008.1.2.4.201" },
        { 65, 33, 3, 8, "1.2.840.10008.1.2.4.201" },
        { 300, 200, 1, 12, "1.2.840.10008.1.2.4.202" },
        { 70, 90, 3, 8, "1.2.840.10008.1.2.4.202" },
        { 3, 5, 1, 16, "1.2.840.10008.1.2.4.203" },
    };

    [Theory]
    [MemberData(nameof(OurCases))]
    public void Our_lossless_code_streams_decode_bit_exact_in_ojph_expand(int columns, int rows, int samples, int bits, string uid)
    {
        var info = TestImages.Info(rows, columns, samples, bits > 8 ? 16 : 8, bits);
        var codec = new HtJpeg2000Codec();
        foreach (var kind in new[] { "mixed", "noise" })
        {
            var native = TestImages.Make(info, bits + rows, kind);
            var encoded = codec.Encode(Dicom.DicomTransferSyntax.Get(uid), native, info);
            var expanded = OpenJph.Expand(_dir.Path, info, encoded);
            Assert.Equal(TestImages.Masked(info, native), TestImages.Masked(info, expanded));
        }
    }

    [Theory]
    [InlineData(1, 8, 10.0)]
    [InlineData(1, 12, 12.0)]
    [InlineData(3, 8, 20.0)]
    public void Our_lossy_code_streams_decode_in_ojph_expand_like_ours(int samples, int bits, double ratio)
    {
        var info = TestImages.Info(120, 140, samples, bits > 8 ? 16 : 8, bits);
        var native = TestImages.Make(info, 5, "gradient");
        var codec = new HtJpeg2000Codec();
        var encoded = codec.Encode(HtJpeg2000Codec.HtJpeg2000, native, info, new DicomCodecParameters { CompressionRatio = ratio });
        var expanded = OpenJph.Expand(_dir.Path, info, encoded);
        var ours = new byte[info.NativeFrameLength];
        codec.Decode(HtJpeg2000Codec.HtJpeg2000, encoded, info, ours);
        var difference = TestImages.MaxError(info, expanded, ours);
        output.WriteLine($"ratio {(double)info.NativeFrameLength / encoded.Length:F1}; max difference ours vs ojph_expand {difference}; vs original {TestImages.MaxError(info, native, ours)}");
        Assert.True(difference <= 1, $"max difference {difference}");
    }
    /// <summary>
    /// Signed samples: OpenJPH 0.9's raw reader and writer clamp them, so OpenJPEG's opj_decompress (an independent
    /// HTJ2K decoder) checks our signed code streams instead.
    /// </summary>
    [Theory]
    [InlineData(40, 33, 16, 12)]
    [InlineData(64, 64, 16, 16)]
    [InlineData(17, 9, 8, 8)]
    public void Our_signed_code_streams_decode_bit_exact_in_opj_decompress(int columns, int rows, int allocated, int stored)
    {
        var info = TestImages.Info(rows, columns, 1, allocated, stored, signed: true);
        var native = TestImages.Make(info, stored, "mixed");
        var encoded = new HtJpeg2000Codec().Encode(HtJpeg2000Codec.HtJpeg2000Lossless, native, info);
        Assert.Equal(TestImages.Masked(info, native), OpenJpeg.Decompress(_dir.Path, info, encoded, rows, columns));
    }
    /// <summary>The RPCL syntax is meant for thumbnails: opj_decompress -r 3 on our code stream gives our reduced decode.</summary>
    [Fact]
    public void Our_rpcl_code_stream_gives_the_same_thumbnail_in_opj_decompress()
    {
        var info = TestImages.Info(300, 420, 1, 16, 12);
        var native = TestImages.Make(info, 6, "gradient");
        var encoded = new HtJpeg2000Codec().Encode(HtJpeg2000Codec.HtJpeg2000LosslessRpcl, native, info);
        var (reduced, pixels) = Dicom.Codecs.Jpeg2000.Jpeg2000Codec.DecodeReduced(encoded, info, 3);
        var thumbnail = OpenJpeg.Decompress(_dir.Path, info, encoded, reduced.Rows, reduced.Columns, "-r", "3");
        Assert.Equal(TestImages.Masked(reduced, pixels), thumbnail);
        Assert.Equal(TestImages.Masked(info, native), OpenJpeg.Decompress(_dir.Path, info, encoded, info.Rows, info.Columns));
    }
}
