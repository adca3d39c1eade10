using Hounsfield.Dicom.Codecs.Tests;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Codecs;
using Hounsfield.Dicom.Codecs.Jpeg;
using Xunit.Abstractions;

using Hounsfield.Dicom.Codecs.Tests.Jpeg;

namespace Hounsfield.Interop.Tests.Codecs;

/// <summary>
/// JPEG against DCMTK 3.6.7 (dcmcjpeg / dcmdjpeg, IJG code inside): DCMTK-compressed frames decoded
/// by us, our frames decoded by DCMTK.
/// </summary>
public sealed class JpegInteropTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = JpegDcmtk.TempDir();

    public void Dispose() => Directory.Delete(_dir, true);

    public static TheoryData<int, int, bool, int, int, string> LosslessCases() => new()
    {
        { 8, 1, false, 64, 64, "+e1" },
        { 12, 1, false, 65, 37, "+e1" },
        { 16, 1, false, 40, 33, "+e1" },
        { 16, 1, true, 31, 30, "+el" },
        { 12, 1, true, 17, 19, "+el" },
        { 8, 3, false, 33, 47, "+el" },
        { 2, 1, false, 16, 15, "+e1" },
        { 16, 1, false, 50, 50, "+el" },
    };

    private static byte[] Native(FrameInfo info, int seed) => seed % 2 == 0 ? JpegTestImages.Make(info, seed, 0.1) : JpegTestImages.Noise(info, seed);

    [Theory]
    [MemberData(nameof(LosslessCases))]
    public void DcmtkLosslessIsDecodedBitExact(int bits, int spp, bool signed, int rows, int cols, string mode)
    {
        var info = JpegTestImages.Info(rows, cols, spp, bits, signed);
        var predictors = mode == "+e1" ? new[] { 1 } : [1, 2, 3, 4, 5, 6, 7];
        foreach (var sv in predictors)
            for (var seed = 0; seed < 2; seed++)
            {
                var native = Native(info, seed + bits);
                var src = Path.Combine(_dir, "src.dcm");
                var jpg = Path.Combine(_dir, "jpg.dcm");
                JpegDcmtk.WriteNative(src, info, native);
                if (mode == "+e1") JpegDcmtk.Run("dcmcjpeg", "+e1", src, jpg);
                else JpegDcmtk.Run("dcmcjpeg", "+el", "+sv", sv.ToString(System.Globalization.CultureInfo.InvariantCulture), src, jpg);
                var (file, readInfo, frame) = JpegDcmtk.Read(jpg);
                var decoded = new byte[readInfo.NativeFrameLength];
                new JpegCodec().Decode(file.TransferSyntax, frame, readInfo, decoded);
                Assert.Equal(info.NativeFrameLength, readInfo.NativeFrameLength);
                if (!native.AsSpan().SequenceEqual(decoded))
                    Assert.Fail($"sv {sv} seed {seed}: max diff {JpegDcmtk.MaxDiff(native, decoded, info.BitsAllocated)}");
            }
    }

    /// <summary>dcmcjpeg with a point transform: ours must equal dcmdjpeg's output (both lossy by Pt bits).</summary>
    [Theory]
    [InlineData(12, 2, 1)]
    [InlineData(16, 4, 7)]
    [InlineData(8, 1, 4)]
    public void DcmtkPointTransformDecodesLikeDcmdjpeg(int bits, int pt, int sv)
    {
        var info = JpegTestImages.Info(30, 31, 1, bits);
        var native = JpegTestImages.Make(info, 9, 0.1);
        var src = Path.Combine(_dir, "src.dcm");
        var jpg = Path.Combine(_dir, "jpg.dcm");
        var raw = Path.Combine(_dir, "raw.dcm");
        JpegDcmtk.WriteNative(src, info, native);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        JpegDcmtk.Run("dcmcjpeg", "+el", "+sv", sv.ToString(inv), "+pt", pt.ToString(inv), src, jpg);
        JpegDcmtk.Run("dcmdjpeg", jpg, raw);
        var (file, readInfo, frame) = JpegDcmtk.Read(jpg);
        var (_, _, reference) = JpegDcmtk.Read(raw);
        var decoded = new byte[readInfo.NativeFrameLength];
        new JpegCodec().Decode(file.TransferSyntax, frame, readInfo, decoded);
        Assert.Equal(reference, decoded);
    }

    [Theory]
    [MemberData(nameof(LosslessCases))]
    public void OurLosslessIsDecodedBitExactByDcmtk(int bits, int spp, bool signed, int rows, int cols, string mode)
    {
        var info = JpegTestImages.Info(rows, cols, spp, bits, signed);
        var predictors = mode == "+e1" ? new[] { 1 } : [1, 2, 3, 4, 5, 6, 7];
        foreach (var sv in predictors)
        {
            var native = Native(info, sv + bits);
            var codec = new JpegCodec(new JpegCodecOptions { LosslessPredictor = sv, RestartInterval = sv == 3 ? cols * 2 : 0 });
            var syntax = mode == "+e1" ? JpegCodec.LosslessSV1 : JpegCodec.Lossless;
            var jpg = Path.Combine(_dir, "ours.dcm");
            var raw = Path.Combine(_dir, "raw.dcm");
            JpegDcmtk.WriteEncapsulated(jpg, info, syntax, codec.Encode(syntax, native, info));
            JpegDcmtk.Run("dcmdjpeg", jpg, raw);
            var (_, _, frame) = JpegDcmtk.Read(raw);
            // dcmdjpeg leaves the bits above High Bit zero; we sign-extend. Compare Bits Stored bits.
            if (signed && bits < info.BitsAllocated) { native = MaskHighBits(native, bits); frame = MaskHighBits(frame, bits); }
            if (!native.AsSpan().SequenceEqual(frame))
                Assert.Fail($"sv {sv}: max diff {JpegDcmtk.MaxDiff(native, frame, info.BitsAllocated)}");
        }
    }

    public static TheoryData<int, int, int, int, string> LossyCases() => new()
    {
        { 8, 1, 64, 64, "+eb" },
        { 8, 1, 37, 45, "+eb" },
        { 8, 3, 64, 64, "+eb" },
        { 8, 3, 35, 49, "+eb" },
        { 8, 3, 33, 40, "+eb +s4" },
        { 8, 3, 35, 43, "+eb +n1" },
        { 8, 3, 64, 48, "+ee +n1" },
        { 12, 1, 64, 64, "+ee" },
        { 12, 1, 29, 41, "+ee" },
        { 8, 1, 48, 48, "+ep" },
        { 8, 3, 48, 40, "+ep" },
        { 12, 1, 40, 40, "+es" },
        { 8, 3, 40, 41, "+eb -ho" },
        { 8, 1, 40, 41, "+eb -ho +q 50" },
        // Rows wide enough for every SIMD path (IDCT, upsampling, colour conversion) and their tails.
        { 8, 3, 96, 515, "+eb" },
        { 8, 3, 72, 261, "+eb +q 100" },
    };

    /// <summary>dcmcjpeg-compressed lossy frames: our decoding against dcmdjpeg's (both with default RGB conversion).</summary>
    [Theory]
    [MemberData(nameof(LossyCases))]
    public void DcmtkLossyDecodesLikeDcmdjpeg(int bits, int spp, int rows, int cols, string mode)
    {
        var info = JpegTestImages.Info(rows, cols, spp, bits);
        var native = JpegTestImages.Make(info, 11, 0.2);
        var src = Path.Combine(_dir, "src.dcm");
        var jpg = Path.Combine(_dir, "jpg.dcm");
        var raw = Path.Combine(_dir, "raw.dcm");
        JpegDcmtk.WriteNative(src, info, native);
        JpegDcmtk.Run("dcmcjpeg", [.. mode.Split(' '), src, jpg]);
        JpegDcmtk.Run("dcmdjpeg", jpg, raw);
        
        var (file, readInfo, frame) = JpegDcmtk.Read(jpg);
        var (refFile, refInfo, reference) = JpegDcmtk.Read(raw);
        var codec = new JpegCodec();
        var decoded = new byte[readInfo.NativeFrameLength];
        codec.Decode(file.TransferSyntax, frame, readInfo, decoded);
        Assert.Equal(refFile.Dataset.GetString(DicomTag.PhotometricInterpretation), codec.PhotometricAfterDecode(file.TransferSyntax, readInfo.PhotometricInterpretation));
        // dcmdjpeg may store colour by plane; compare in our (by pixel) layout.
        if (refInfo.PlanarConfiguration == 1 && spp == 3) reference = ToByPixel(reference, refInfo);
        var maxDiff = JpegDcmtk.MaxDiff(reference, decoded, info.BitsAllocated);
        var sof = frame.AsSpan().IndexOfAny((byte)0xC0, (byte)0xC1, (byte)0xC2);
        while (sof > 0 && frame[sof - 1] != 0xFF) sof = sof + 1 + frame.AsSpan(sof + 1).IndexOfAny((byte)0xC0, (byte)0xC1, (byte)0xC2);
        output.WriteLine($"{mode} {bits}-bit spp {spp} {rows}x{cols} (SOF{frame[sof] - 0xC0}, first component HV {frame[sof + 10]:X2}): max |ours - dcmdjpeg| = {maxDiff}");
        Assert.Equal(0, maxDiff);
    }

    /// <summary>Our lossy frames decoded by dcmdjpeg, within a PSNR bound of the original.</summary>
    [Theory]
    [InlineData(8, 1, 64, 64, JpegSubsampling.Yuv444, 40.0)]
    [InlineData(8, 3, 47, 51, JpegSubsampling.Yuv422, 30.0)]
    [InlineData(8, 3, 64, 64, JpegSubsampling.Yuv444, 32.0)]
    [InlineData(12, 1, 37, 64, JpegSubsampling.Yuv444, 50.0)]
    public void OurLossyIsDecodedByDcmtk(int bits, int spp, int rows, int cols, JpegSubsampling sub, double minPsnr)
    {
        var info = JpegTestImages.Info(rows, cols, spp, bits);
        var native = JpegTestImages.Make(info, 3, 0.02);
        var codec = new JpegCodec(new JpegCodecOptions { Subsampling = sub, RestartInterval = 3 });
        var syntax = bits == 8 ? JpegCodec.Baseline : JpegCodec.Extended;
        var encoded = codec.Encode(syntax, native, info, new DicomCodecParameters { Quality = 90 });
        var jpg = Path.Combine(_dir, "ours.dcm");
        var raw = Path.Combine(_dir, "raw.dcm");
        JpegDcmtk.WriteEncapsulated(jpg, info with { PhotometricInterpretation = codec.PhotometricAfterEncode(syntax, info.PhotometricInterpretation) }, syntax, encoded);
        JpegDcmtk.Run("dcmdjpeg", jpg, raw);
        var (_, refInfo, frame) = JpegDcmtk.Read(raw);
        if (refInfo.PlanarConfiguration == 1 && spp == 3) frame = ToByPixel(frame, refInfo);
        var psnr = JpegTestImages.Psnr(native, frame, info);
        // Our own decoder must agree exactly with dcmdjpeg on our stream, too.
        var ours = new byte[info.NativeFrameLength];
        codec.Decode(syntax, encoded, info with { PhotometricInterpretation = codec.PhotometricAfterEncode(syntax, info.PhotometricInterpretation) }, ours);
        output.WriteLine($"{bits}-bit spp {spp} {sub}: PSNR {psnr:F2} dB, {encoded.Length} bytes, max |ours - dcmdjpeg| = {JpegDcmtk.MaxDiff(ours, frame, info.BitsAllocated)}");
        Assert.True(psnr >= minPsnr, $"PSNR {psnr:F2} < {minPsnr}");
        Assert.Equal(0, JpegDcmtk.MaxDiff(ours, frame, info.BitsAllocated));
    }

    private static byte[] MaskHighBits(byte[] frame, int bits)
    {
        var r = (byte[])frame.Clone();
        for (var i = 0; i < r.Length; i += 2)
        {
            var v = (r[i] | r[i + 1] << 8) & ((1 << bits) - 1);
            r[i] = (byte)v;
            r[i + 1] = (byte)(v >> 8);
        }
        return r;
    }

    private static byte[] ToByPixel(byte[] planar, FrameInfo info)
    {
        var n = info.Rows * info.Columns;
        var r = new byte[planar.Length];
        for (var i = 0; i < n; i++)
            for (var c = 0; c < 3; c++) r[i * 3 + c] = planar[c * n + i];
        return r;
    }

    /// <summary>
    /// A YCbCr-coded stream (JFIF) labelled RGB: dcmdjpeg (+cp) trusts Photometric Interpretation and
    /// does not convert; neither do we.
    /// </summary>
    [Fact]
    public void MislabelledRgbIsNotConvertedLikeDcmdjpeg()
    {
        var info = JpegTestImages.Info(32, 40, 3, 8);
        var native = JpegTestImages.Make(info, 3, 0.02);
        var codec = new JpegCodec(new JpegCodecOptions { Subsampling = JpegSubsampling.Yuv444 });
        var encoded = codec.Encode(JpegCodec.Baseline, native, info);
        var jpg = Path.Combine(_dir, "rgb-label.dcm");
        var raw = Path.Combine(_dir, "raw.dcm");
        JpegDcmtk.WriteEncapsulated(jpg, info, JpegCodec.Baseline, encoded);
        JpegDcmtk.Run("dcmdjpeg", jpg, raw);
        var (refFile, refInfo, frame) = JpegDcmtk.Read(raw);
        if (refInfo.PlanarConfiguration == 1) frame = ToByPixel(frame, refInfo);
        var ours = new byte[info.NativeFrameLength];
        codec.Decode(JpegCodec.Baseline, encoded, info, ours);
        output.WriteLine($"dcmdjpeg photometric {refFile.Dataset.GetString(DicomTag.PhotometricInterpretation)}, max diff {JpegDcmtk.MaxDiff(ours, frame, 8)}");
        Assert.Equal(0, JpegDcmtk.MaxDiff(ours, frame, 8));
    }

    /// <summary>
    /// Our DCT encoder uses the same integer transform, quantization and colour conversion as the
    /// IJG code in dcmcjpeg, so the two code streams decode to the same pixels.
    /// </summary>
    [Theory]
    [InlineData(8, 1, "+eb", JpegSubsampling.Yuv444)]
    [InlineData(8, 3, "+eb +s4", JpegSubsampling.Yuv444)]
    [InlineData(8, 3, "+eb", JpegSubsampling.Yuv422)]
    [InlineData(12, 1, "+ee", JpegSubsampling.Yuv444)]
    public void OurLossyEncodingMatchesDcmcjpeg(int bits, int spp, string mode, JpegSubsampling sub)
    {
        var info = JpegTestImages.Info(48, 64, spp, bits);
        var native = JpegTestImages.Make(info, 21, 0.1);
        var src = Path.Combine(_dir, "src.dcm");
        var theirs = Path.Combine(_dir, "theirs.dcm");
        var ours = Path.Combine(_dir, "ours.dcm");
        JpegDcmtk.WriteNative(src, info, native);
        JpegDcmtk.Run("dcmcjpeg", [.. mode.Split(' '), src, theirs]);
        var codec = new JpegCodec(new JpegCodecOptions { Subsampling = sub });
        var syntax = bits == 8 ? JpegCodec.Baseline : JpegCodec.Extended;
        var outInfo = info with { PhotometricInterpretation = codec.PhotometricAfterEncode(syntax, info.PhotometricInterpretation) };
        JpegDcmtk.WriteEncapsulated(ours, outInfo, syntax, codec.Encode(syntax, native, info));
        var (theirFile, theirInfo, theirFrame) = JpegDcmtk.Read(theirs);
        var a = new byte[info.NativeFrameLength];
        var b = new byte[info.NativeFrameLength];
        codec.Decode(theirFile.TransferSyntax, theirFrame, theirInfo, a);
        codec.Decode(syntax, JpegDcmtk.Read(ours).Frame, outInfo, b);
        var diff = JpegDcmtk.MaxDiff(a, b, info.BitsAllocated);
        output.WriteLine($"{mode}: max |decoded(ours) - decoded(dcmcjpeg)| = {diff}, PSNR ours {JpegTestImages.Psnr(native, b, info):F2} dB, dcmcjpeg {JpegTestImages.Psnr(native, a, info):F2} dB");
        Assert.Equal(0, diff);
    }
}
